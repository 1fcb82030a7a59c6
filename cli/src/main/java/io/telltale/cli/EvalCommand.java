package io.telltale.cli;

import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import io.telltale.evaluation.BaselineCheck;
import io.telltale.evaluation.Datasets;
import io.telltale.evaluation.Evaluation;
import io.telltale.evaluation.EvaluationReport;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates the scoring model on the real human datasets against the generated and recorded bot
 * families, and writes {@code evaluation.md}, {@code evaluation.json} and a score plot.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate the model on real humans vs bot families (raw and capture-matched); "
                + "writes evaluation.md, evaluation.json and evaluation-scores.png.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--datasets", required = true,
            description = "Folder with balabit-mouse/, delbot-mouse/, aalto-keystrokes/ (not shipped; e.g. ../shared/datasets).")
    Path datasets;

    @Option(names = "--output", defaultValue = "docs", description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--bot-sessions", defaultValue = "200", description = "Generated sessions per bot family (default: ${DEFAULT-VALUE}).")
    int botSessions;

    @Option(names = "--norms", description = "A norms table to evaluate instead of the default human-norms-v1.")
    Path norms;

    @Option(names = "--train",
            description = "Evaluate a trained model instead, trained per fold of users (and per held-out family) by the same "
                    + "code as `telltale train`: ${COMPLETION-CANDIDATES}.", arity = "0..1", fallbackValue = "behaviour")
    TrainCommand.Kind train;

    @Option(names = "--check-against",
            description = "A committed evaluation.json: exit 1 if a headline figure is worse than in it.")
    Path baseline;

    @Override
    public Integer call() throws Exception {
        if (!Datasets.present(datasets)) {
            System.err.println("telltale eval: no datasets under " + datasets + " (balabit-mouse/, delbot-mouse/, aalto-keystrokes/)");
            return 2;
        }
        RiskModel model = HumanNormsModel.standard();
        if (norms != null) {
            try (Reader in = Files.newBufferedReader(norms, StandardCharsets.UTF_8)) {
                model = HumanNormsModel.parse(in);
            }
        }
        String command = "./telltale eval --datasets " + datasets + " --output " + output
                + (botSessions != 200 ? " --bot-sessions " + botSessions : "")
                + (norms != null ? " --norms " + norms : "")
                + (train == TrainCommand.Kind.behaviour ? " --train" : train != null ? " --train " + train : "");
        long started = System.nanoTime();
        Evaluation.Settings settings = new Evaluation.Settings(datasets, botSessions, Duration.ofSeconds(120), 20260101L);
        Evaluation evaluation = train != null
                ? train.evaluation(settings, m -> System.out.println("telltale eval: " + m))
                : new Evaluation(model, settings, m -> System.out.println("telltale eval: " + m));
        Evaluation.Result result = evaluation.run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        EvaluationReport.write(result, output, command, elapsed);
        System.out.printf("telltale eval: %s in %d s -> %s%n", result.model(), elapsed.toSeconds(),
                output.resolve(EvaluationReport.MARKDOWN));
        if (baseline != null) {
            List<String> regressions = BaselineCheck.regressions(
                    EvaluationReport.read(baseline), EvaluationReport.read(output.resolve(EvaluationReport.JSON)));
            if (!regressions.isEmpty()) {
                System.err.println("telltale eval: worse than " + baseline + ":");
                regressions.forEach(r -> System.err.println("  " + r));
                return 1;
            }
            System.out.println("telltale eval: no headline figure worse than " + baseline);
        }
        return 0;
    }
}
