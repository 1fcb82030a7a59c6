package io.telltale.cli;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.cep.job.CrossSessionJob;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.file.NdjsonFileSink;
import io.telltale.connectors.file.NdjsonRecordFormat;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.kafka.Topics;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.TelltaleJob;
import io.telltale.job.TelltaleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the cross-session patterns bounded over recorded files and prints what would have fired,
 * so that a new pattern or new parameters can be tried on history before going live.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = "Run the cross-session patterns over recorded commerce events (and telemetry or risk scores),"
                + " from files or from a stretch of the Kafka topics, and print the findings that would have fired.")
final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--commerce", description = "Commerce events, one wire-format JSON per line.")
    Path commerce;

    @Option(names = "--kafka", description = "Read the commerce and risk-score topics from this Kafka (bootstrap"
            + " servers) instead of files, from --from to --to.")
    String kafka;

    @Option(names = "--from", description = "With --kafka: an instant (2026-03-01T00:00:00Z), the first Kafka record"
            + " timestamp to read, or 'earliest' (default: ${DEFAULT-VALUE}).")
    String from = "earliest";

    @Option(names = "--to", description = "With --kafka: an instant, the Kafka record timestamp to stop before, or"
            + " 'latest': what the topics hold when the backtest starts (default: ${DEFAULT-VALUE}).")
    String to = "latest";

    @Option(names = "--telemetry", description = "Telemetry batches; scored first with the job's own topology.")
    Path telemetry;

    @Option(names = "--risk-scores", description = "Risk scores already computed (instead of --telemetry).")
    Path riskScores;

    @Option(names = "--patterns", description = "YAML pattern parameters (default: every built-in pattern, defaults).")
    Path patterns;

    @Option(names = "--ip-database", description = "MMDB file with AS data (GeoLite2-ASN, DB-IP ASN, IPinfo ASN).")
    Path ipDatabase;

    @Option(names = "--output", description = "Also write the findings here, one JSON per line.")
    Path output;

    @Option(names = "--set", description = "A setting, e.g. --set telltale.cep.session-gap=20min (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if ((commerce == null) == (kafka == null)) {
            System.err.println("telltale backtest: give --commerce (files) or --kafka (topics), one of them");
            return 2;
        }
        if (kafka != null && (telemetry != null || riskScores != null)) {
            System.err.println("telltale backtest: with --kafka, risk scores come from the risk-score topic");
            return 2;
        }
        OffsetsInitializer start;
        OffsetsInitializer stop;
        try {
            start = offsets(from, "--from");
            stop = offsets(to, "--to");
        } catch (IllegalArgumentException e) {
            System.err.println("telltale backtest: " + e.getMessage());
            return 2;
        }
        for (Path p : new Path[] {commerce, telemetry, riskScores, patterns}) {
            if (p != null && !Files.isRegularFile(p)) {
                System.err.println("telltale backtest: no such file: " + p);
                return 2;
            }
        }
        if (telemetry != null && riskScores != null) {
            System.err.println("telltale backtest: give --telemetry or --risk-scores, not both");
            return 2;
        }
        PatternSettings patternSettings;
        try {
            patternSettings = patterns == null
                    ? PatternSettings.defaults(BuiltInPatterns.all())
                    : PatternSettings.read(patterns, BuiltInPatterns.all());
        } catch (IllegalArgumentException e) {
            System.err.println("telltale backtest: " + e.getMessage());
            return 2;
        }
        Path work = Files.createTempDirectory("telltale-backtest");
        Path scores = riskScores;
        if (telemetry != null) {
            scores = work.resolve("risk-scores.ndjson");
            Configuration scoring = boundedConfig();
            scoring.setString("telltale.scoring.emit-interim", "false");
            // Lines of a file have no record timestamps: event time is each batch's own start.
            scoring.set(TelltaleOptions.EVENT_TIME, TelltaleOptions.EventTime.BATCH_START);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(scoring);
            env.setParallelism(1);
            new TelltaleJob(fileSource(telemetry), new NdjsonFileSink<RiskScore>(scores, new RiskScoreSerde()::serialize),
                            new NdjsonFileSink<DeadLetter>(work.resolve("telemetry.dead-letters.ndjson"),
                                    new DeadLetterSerde()::serialize),
                            scoring)
                    .execute(env);
        }

        Configuration patternJob = boundedConfig();
        // The pattern job's state on the heap, as deployed: its CEP operators cost 15-19x the CPU
        // on RocksDB (docs/cross-session-patterns.md). --set state.backend.type=rocksdb to compare.
        patternJob.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        Configuration config = JobSettings.apply(patternJob, settings);
        if (ipDatabase != null) {
            config.set(CrossSessionOptions.IP_DATABASE, ipDatabase.toString());
        }
        Path findingsFile = output != null ? output : work.resolve("findings.ndjson");
        Files.deleteIfExists(findingsFile);
        Path deadLetters = work.resolve("dead-letters.ndjson");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
        env.setParallelism(1);
        FindingSerde serde = new FindingSerde();
        Source<RawRecord, ?, ?> commerceSource = fileSource(commerce);
        Source<RawRecord, ?, ?> scoreSource = scores == null ? null : fileSource(scores);
        if (kafka != null) {
            String group = "telltale-backtest-" + java.util.UUID.randomUUID();
            commerceSource = TelltaleKafka.boundedRawSource(kafka, config.get(CrossSessionOptions.COMMERCE_TOPIC), group,
                    start, stop, null);
            scoreSource = TelltaleKafka.boundedRawSource(kafka,
                    config.getString("telltale.topics.risk-scores", Topics.RISK_SCORES), group, start, stop, null);
        }
        new CrossSessionJob(commerceSource, scoreSource,
                        new NdjsonFileSink<Finding>(findingsFile, serde::serialize),
                        new NdjsonFileSink<DeadLetter>(deadLetters, new DeadLetterSerde()::serialize),
                        config, patternSettings)
                .build(env);
        env.execute("Telltale backtest");

        List<Finding> findings = new ArrayList<>();
        if (Files.exists(findingsFile)) {
            for (String line : Files.readAllLines(findingsFile)) {
                if (!line.isBlank()) {
                    findings.add(serde.deserialize(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        for (Finding f : findings) {
            System.out.printf("%s  %-8s %-22s %-8s %-30s sessions=%d networks=%d skus=%s%n",
                    Instant.ofEpochMilli(f.detectedAt()), f.severity(), f.patternId(), f.owaspId(), f.key(),
                    f.sessions().size(), f.networks().size(), f.skus());
        }
        long rejected = Files.exists(deadLetters) ? Files.readAllLines(deadLetters).size() : 0;
        System.out.printf("telltale backtest: %d findings%s, %d rejected records -> %s%n", findings.size(),
                output != null ? " -> " + output : "", rejected, deadLetters);
        return 0;
    }

    private static Configuration boundedConfig() {
        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        return config;
    }

    /** 'earliest', 'latest', or an ISO-8601 instant: the first record with a Kafka timestamp at or after it. */
    static OffsetsInitializer offsets(String spec, String option) {
        return switch (spec.strip()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> {
                try {
                    yield OffsetsInitializer.timestamp(Instant.parse(spec.strip()).toEpochMilli());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(option + " " + spec
                            + " is not 'earliest', 'latest' or an instant like 2026-03-01T00:00:00Z");
                }
            }
        };
    }

    private static FileSource<RawRecord> fileSource(Path file) {
        if (file == null) {
            return null;
        }
        return FileSource.forRecordStreamFormat(
                        new NdjsonRecordFormat(file.getFileName().toString()),
                        new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
    }
}
