package io.telltale.cli;

import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.evaluation.BehaviourTrainer;
import io.telltale.evaluation.BotCorpus;
import io.telltale.evaluation.Datasets;
import io.telltale.evaluation.Evaluation;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
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

    static final String VERSION = "behaviour-v3";

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
        BehaviourModel model = (BehaviourModel) new Evaluation(VERSION, BehaviourTrainer::train, settings,
                m -> System.out.println("telltale train: " + m)).trainOnAll();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("command", "./telltale train --datasets " + datasets + " --output " + output
                + (botSessions != 200 ? " --bot-sessions " + botSessions : ""));
        training.put("humans", "balabit (training and labelled test sessions), delbot human traces, aalto participants;"
                + " delbot traces also re-sampled at balabit capture");
        training.put("botFamilies", BotCorpus.SIMULATED.stream().map(BotCorpus.Family::name).toList() + " + " + BotCorpus.REPLAY
                + ", capture-matched to each source");
        training.put("botSessionsPerFamily", botSessions);
        training.put("seed", settings.seed());
        training.put("evaluation", "./telltale eval --datasets " + datasets + " --train (cross-fitted by user folds)");
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
            BehaviourModelArtifact.write(model, training, out);
        }
        System.out.printf("telltale train: %s, %d inputs -> %s%n", model.version(), model.inputs().size(), output);
        return 0;
    }
}
