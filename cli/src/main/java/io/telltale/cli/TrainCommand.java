package io.telltale.cli;

import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.core.features.Feature;
import io.telltale.core.scoring.RiskModel;
import io.telltale.evaluation.BehaviourTrainer;
import io.telltale.evaluation.BotCorpus;
import io.telltale.evaluation.Datasets;
import io.telltale.evaluation.CombinedTrainer;
import io.telltale.evaluation.Evaluation;
import io.telltale.evaluation.Units;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the behaviour model on every human user of the datasets and every generated bot family
 * (capture-matched), and writes it as a JSON artifact that {@code telltale score --model} reads.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the behaviour model on the real human datasets and the generated bot families; "
                + "writes a versioned JSON model artifact.")
final class TrainCommand implements Callable<Integer> {

    /** The trained models: the supervised-only behaviour model, and the baseline combined with a supervised part. */
    enum Kind {
        behaviour("behaviour-v4", BehaviourTrainer.FEATURES, BehaviourTrainer.DESCRIPTION) {
            @Override
            Evaluation.Trainer trainer() {
                return (version, humans, bots, seed) ->
                        BehaviourTrainer.train(version, humans.stream().map(Units.Unit::features).toList(), bots, seed);
            }
        },
        combined("combined-v1", CombinedTrainer.SUPERVISED_FEATURES, CombinedTrainer.DESCRIPTION) {
            @Override
            Evaluation.Trainer trainer() {
                return CombinedTrainer::train;
            }
        };

        final String version;
        final List<Feature> features;
        final String description;

        Kind(String version, List<Feature> features, String description) {
            this.version = version;
            this.features = features;
            this.description = description;
        }

        abstract Evaluation.Trainer trainer();

        Evaluation evaluation(Evaluation.Settings settings, Consumer<String> log) {
            return new Evaluation(version, trainer(), features, description, settings, log);
        }
    }

    @Option(names = "--model", defaultValue = "combined",
            description = "Which model to train: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--datasets", required = true, description = "Folder with the datasets, e.g. ../shared/datasets.")
    Path datasets;

    @Option(names = "--output", required = true, description = "The model artifact (JSON).")
    Path output;

    @Option(names = "--bot-sessions", defaultValue = "200", description = "Generated sessions per bot family (default: ${DEFAULT-VALUE}).")
    int botSessions;

    @Override
    public Integer call() throws Exception {
        if (!Datasets.present(datasets)) {
            System.err.println("telltale train: no datasets under " + datasets);
            return 2;
        }
        Evaluation.Settings settings = new Evaluation.Settings(datasets, botSessions, Duration.ofSeconds(120), 20260101L);
        RiskModel model = kind.evaluation(settings, m -> System.out.println("telltale train: " + m)).trainOnAll();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("command", "./telltale train --datasets " + datasets + " --output " + output
                + (kind != Kind.combined ? " --model " + kind : "")
                + (botSessions != 200 ? " --bot-sessions " + botSessions : ""));
        training.put("humans", "balabit (training and labelled test sessions), delbot human traces, aalto participants;"
                + " delbot traces also re-sampled at balabit capture");
        training.put("botFamilies", BotCorpus.SIMULATED.stream().map(BotCorpus.Family::name).toList() + " + " + BotCorpus.REPLAY
                + ", capture-matched to each source");
        training.put("botSessionsPerFamily", botSessions);
        training.put("seed", settings.seed());
        training.put("evaluation", "./telltale eval --datasets " + datasets + " --train " + kind + " (cross-fitted by user folds)");
        if (kind == Kind.combined) {
            training.put("baseline", "human-norms-v1, as built in (not trained)");
            training.put("supervisedFeatures", CombinedTrainer.SUPERVISED_FEATURES.stream().map(Feature::key).toList());
            training.put("how", CombinedTrainer.DESCRIPTION);
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
            BehaviourModelArtifact.write(model, training, out);
        }
        System.out.printf("telltale train: %s -> %s%n", model.version(), output);
        return 0;
    }
}
