package io.telltale.bench;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.siem.AlertSinkOptions;
import io.telltale.job.AlertStage;
import io.telltale.job.TelltaleJob;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Telltale job as deployed (unless {@code --set} says otherwise, default settings: 30 min sessions, continuous scoring every 5 s,
 * deduplication, policies and alerts), reading {@code names.telemetry()}. Scores and dead letters
 * go out at least once, so a score's append time is when the job produced it, unless a run asks
 * for the deployed default ({@code EXACTLY_ONCE}: transactions committed on each checkpoint); the
 * alerts topic keeps its exactly-once transactions.
 */
final class TelltaleUnderTest {

    /** Topics of one run; every run gets its own so runs do not see each other's records. */
    record Names(String telemetry, String scores, String deadLetters, String alerts) {
        static Names of(String run) {
            return new Names("bench." + run + ".telemetry", "bench." + run + ".scores",
                    "bench." + run + ".dead-letters", "bench." + run + ".alerts");
        }

        String[] all() {
            return new String[] {telemetry, scores, deadLetters, alerts};
        }

        /** The same topics but for the scores, which each round of a run writes to its own. */
        Names withScoresOfRound(int round) {
            return new Names(telemetry, scores + "." + round, deadLetters, alerts);
        }
    }

    private TelltaleUnderTest() {}

    /** @param settings job settings over the defaults ({@code --set} of the harness) */
    static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, String bootstrap, Names names,
            String run, Configuration settings) {
        build(env, source, bootstrap, names, run, settings, DeliveryGuarantee.AT_LEAST_ONCE);
    }

    static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, String bootstrap, Names names,
            String run, Configuration settings, DeliveryGuarantee guarantee) {
        Configuration config = new Configuration(settings);
        config.set(AlertSinkOptions.ALERTS_TOPIC, names.alerts());
        String transactions = guarantee == DeliveryGuarantee.EXACTLY_ONCE ? "bench-" + run : null;
        new TelltaleJob(
                        source,
                        TelltaleKafka.riskScoreSink(bootstrap, names.scores(), guarantee,
                                transactions == null ? null : transactions + "-scores", null),
                        TelltaleKafka.deadLetterSink(bootstrap, names.deadLetters(), guarantee,
                                transactions == null ? null : transactions + "-dead-letters", null),
                        config)
                .withAlerts(AlertStage.fromConfig(config, bootstrap, "bench-" + run + "-alerts"))
                .build(env);
    }

    /**
     * Starts the job on its own MiniCluster, reading {@code names.telemetry()} from its start as
     * consumer group {@code bench-<run>} (the topics must exist), scores and dead letters written
     * with {@code guarantee}, {@code flink} over the cluster's settings.
     */
    static JobClient start(BenchKafka kafka, Names names, String run, int parallelism, Path checkpoints, int restPort,
            Configuration settings, DeliveryGuarantee guarantee, Configuration flink) throws Exception {
        // Flink's own keys among the settings (--set state.backend.rocksdb.*=...) reach the cluster too
        Configuration cluster = new Configuration(settings);
        cluster.addAll(flink);
        StreamExecutionEnvironment env = BenchFlink.environment(parallelism, checkpoints, restPort, cluster);
        build(env, kafka.unboundedSource(names.telemetry(), "bench-" + run), kafka.bootstrap(), names, run, settings,
                guarantee);
        return env.executeAsync("telltale-" + run);
    }

    /**
     * As above, and the cross-session pattern job beside it when {@code patterns} is not null: as
     * deployed, a Flink job of its own on a cluster of its own ({@link PatternsUnderTest#start}),
     * here a second MiniCluster in the same process, both sharing this machine's cores.
     */
    static Jobs start(BenchKafka kafka, Names names, PatternsUnderTest.Names patterns, String run,
            int parallelism, Path checkpoints, int restPort, Configuration settings, DeliveryGuarantee guarantee,
            String patternStateBackend) throws Exception {
        JobClient scoring = start(kafka, names, run, parallelism, checkpoints, restPort, settings, guarantee,
                new Configuration());
        JobClient crossSession = patterns == null ? null
                : PatternsUnderTest.start(kafka, patterns, names.scores(), run, parallelism,
                        checkpoints.resolveSibling(checkpoints.getFileName() + "-patterns"), settings,
                        patternStateBackend);
        return new Jobs(scoring, crossSession);
    }

    /** The scoring job, and the pattern job if it runs ({@code null} if not). */
    record Jobs(JobClient scoring, JobClient patterns) {
        void cancel() throws Exception {
            scoring.cancel().get(60, TimeUnit.SECONDS);
            if (patterns != null) {
                patterns.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
