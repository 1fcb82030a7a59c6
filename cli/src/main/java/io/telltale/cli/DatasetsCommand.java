package io.telltale.cli;

import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import io.telltale.evaluation.DatasetConversion;
import io.telltale.evaluation.Datasets;
import io.telltale.evaluation.DropCounts;
import io.telltale.evaluation.Recording;
import io.telltale.evaluation.ScoreAgreement;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The shared human datasets as wire-format telemetry, and a check that the job scores them as the evaluation does. */
@Command(
        name = "datasets",
        mixinStandardHelpOptions = true,
        description = "Convert the real datasets to telemetry batches; verify job scores against the evaluation's core path.",
        subcommands = {DatasetsCommand.Convert.class, DatasetsCommand.Verify.class})
final class DatasetsCommand {

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Write one source as telemetry batches (NDJSON, 2-5 s batches, event-time order) "
                    + "with a <output>.labels.tsv naming user and family per session.")
    static final class Convert implements Callable<Integer> {

        @Option(names = "--datasets", required = true, description = "Folder with the datasets, e.g. ../shared/datasets.")
        Path datasets;

        @Option(names = "--source", required = true, description = "balabit, delbot or aalto.")
        String source;

        @Option(names = "--output", required = true, description = "Telemetry batches, one JSON per line.")
        Path output;

        @Option(names = "--limit", defaultValue = "0", description = "At most this many sessions (0: all).")
        int limit;

        @Override
        public Integer call() throws Exception {
            if (!Datasets.SOURCES.contains(source)) {
                System.err.println("telltale datasets convert: --source must be one of " + Datasets.SOURCES);
                return 2;
            }
            DropCounts drops = new DropCounts();
            List<Recording> recordings = Datasets.read(datasets, source, drops);
            if (recordings.isEmpty()) {
                System.err.println("telltale datasets convert: no " + source + " recordings under " + datasets);
                return 2;
            }
            if (limit > 0 && recordings.size() > limit) {
                recordings = recordings.subList(0, limit);
            }
            int batches = DatasetConversion.write(recordings, output);
            System.out.printf("telltale datasets convert: %d %s sessions, %d batches -> %s (labels in %s)%n",
                    recordings.size(), source, batches, output, DatasetConversion.labelsFile(output));
            drops.asMap().forEach((s, reasons) -> reasons.forEach((reason, n) ->
                    System.out.printf("  %s: %s: %d%n", s, reason, n)));
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Compare the final scores `telltale score --final-only` wrote with the evaluation's core path over the same batches.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--batches", required = true, description = "The telemetry batches that were scored.")
        Path batches;

        @Option(names = "--scores", required = true, description = "The job's final risk scores.")
        Path scores;

        @Option(names = "--model", description = "The model artifact the job scored with (default: the built-in human-norms-v1).")
        Path model;

        @Override
        public Integer call() throws Exception {
            RiskModel riskModel = model != null
                    ? BehaviourModelArtifact.load(model.toAbsolutePath().toString())
                    : HumanNormsModel.standard();
            ScoreAgreement.Result r = ScoreAgreement.compare(batches, scores, riskModel);
            System.out.printf("telltale datasets verify: %d sessions, %d final job scores, %d missing, %d duplicated, "
                            + "%d disagreeing, max difference %.2e%n",
                    r.sessions(), r.jobScores(), r.missing(), r.duplicated(), r.disagreeing(), r.maxDifference());
            return r.agrees() ? 0 : 1;
        }
    }
}
