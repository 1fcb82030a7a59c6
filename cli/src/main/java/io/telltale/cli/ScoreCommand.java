package io.telltale.cli;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.file.NdjsonFileSink;
import io.telltale.connectors.file.NdjsonRecordFormat;
import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.TelltaleJob;
import io.telltale.job.TelltaleOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores recorded telemetry: reads wire-format batches (NDJSON), runs them through the job's own
 * topology on a local MiniCluster, and writes risk scores (NDJSON). Evaluations and backtests
 * drive the job this way.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Score telemetry batches from a file through the job's topology (bounded run).")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "Telemetry batches, one JSON per line.")
    Path input;

    @Option(names = "--output", required = true, description = "Risk scores, one JSON per line.")
    Path output;

    @Option(
            names = "--dead-letters",
            description = "Rejected records with reasons (default: <output>.dead-letters.ndjson).")
    Path deadLetters;

    @Option(names = "--final-only", description = "Write only each session's final score.")
    boolean finalOnly;

    @Option(names = "--model", description = "A model artifact from `telltale train` (default: the built-in human-norms-v1).")
    Path model;

    @Option(
            names = "--set",
            description = "A job setting, e.g. --set telltale.session.gap=10min (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            System.err.println("telltale score: no such file: " + input);
            return 2;
        }
        Path deadLetterPath =
                deadLetters != null ? deadLetters : Path.of(output + ".dead-letters.ndjson");

        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        // A bounded run restarts from scratch if it fails; checkpoints would only cost time.
        config.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        if (finalOnly) {
            settings.putIfAbsent("telltale.scoring.emit-interim", "false");
        }
        // Lines of a file have no record timestamps: event time is each batch's own start.
        config.set(TelltaleOptions.EVENT_TIME, TelltaleOptions.EventTime.BATCH_START);
        config = JobSettings.apply(config, settings);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
        // One writer per output file, and scores in a stable order.
        env.setParallelism(1);

        FileSource<RawRecord> source = FileSource.forRecordStreamFormat(
                        new NdjsonRecordFormat(input.getFileName().toString()),
                        new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri()))
                .build();
        RiskScoreSerde scoreSerde = new RiskScoreSerde();
        DeadLetterSerde deadLetterSerde = new DeadLetterSerde();
        RiskModel riskModel = HumanNormsModel.standard();
        if (model != null) {
            try (InputStream in = Files.newInputStream(model)) {
                riskModel = BehaviourModelArtifact.read(in);
            }
        }
        new TelltaleJob(
                        source,
                        new NdjsonFileSink<RiskScore>(output, scoreSerde::serialize),
                        new NdjsonFileSink<DeadLetter>(deadLetterPath, deadLetterSerde::serialize),
                        config,
                        riskModel)
                .execute(env);

        System.out.printf(
                "telltale score: %d risk scores -> %s, %d dead letters -> %s%n",
                countLines(output), output, countLines(deadLetterPath), deadLetterPath);
        return 0;
    }

    private static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }
}
