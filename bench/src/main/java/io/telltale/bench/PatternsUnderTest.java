package io.telltale.bench;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.cep.job.CrossSessionJob;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.patterns.ReplayedTrajectories;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.TelltaleKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The cross-session pattern job as deployed (default settings: 30 min commerce sessions, every
 * built-in pattern whose requirements are met; without an IP database, the patterns that need
 * network facts stay off), reading a run's commerce events and the risk scores the scoring job
 * wrote, findings and dead letters to the run's topics, at least once.
 *
 * <p>One exception unless {@code --set telltale.cep.patterns=<file>} names the patterns: replayed
 * trajectories is off. The workload replays each simulated session's exact strokes under many
 * session ids, so to that pattern every session is a replay bot sharing up to 32 stroke shapes with
 * a dozen others, the pattern's worst case rather than a shop's traffic (with it on, 500 sessions
 * cost the pattern job 4 CPU-s on the heap, 76 on RocksDB: docs/cross-session-patterns.md).
 */
final class PatternsUnderTest {

    /** The built-in patterns but the one the workload's replayed templates set off by construction. */
    static final String BENCH_PATTERNS = "patterns:\n  " + ReplayedTrajectories.ID + ":\n    enabled: false\n";

    /** Topics of the pattern job in one run. */
    record Names(String commerce, String findings, String deadLetters) {
        static Names of(String run) {
            return new Names("bench." + run + ".commerce", "bench." + run + ".findings",
                    "bench." + run + ".pattern-dead-letters");
        }

        String[] all() {
            return new String[] {commerce, findings, deadLetters};
        }

        /** The same commerce events, findings and dead letters of one round of a run to its own topics. */
        Names ofRound(int round) {
            return new Names(commerce, findings + "." + round, deadLetters + "." + round);
        }
    }

    private PatternsUnderTest() {}

    /** Adds the pattern job to {@code env}. */
    static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> commerce,
            Source<RawRecord, ?, ?> riskScores, String bootstrap, Names names, Configuration settings) {
        Configuration config = new Configuration(settings);
        new CrossSessionJob(commerce, riskScores,
                        TelltaleKafka.sink(bootstrap, names.findings(), new CrossSessionJob.FindingSerializer(),
                                DeliveryGuarantee.AT_LEAST_ONCE, null, null),
                        TelltaleKafka.deadLetterSink(bootstrap, names.deadLetters(), DeliveryGuarantee.AT_LEAST_ONCE,
                                null, null),
                        config, patternsOf(config))
                .build(env);
    }

    /**
     * Starts the pattern job on a MiniCluster of its own, as deployed (docker/flink/patterns-config.yaml:
     * the job's local defaults with {@code stateBackend}), reading {@code names.commerce()} and
     * {@code scoresTopic} from their start as consumer group {@code bench-<run>-patterns}.
     */
    static JobClient start(BenchKafka kafka, Names names, String scoresTopic, String run, int parallelism,
            Path checkpoints, Configuration settings, String stateBackend) throws Exception {
        StreamExecutionEnvironment env = BenchFlink.environment(parallelism, checkpoints, 0,
                clusterSettings(settings, stateBackend));
        String group = "bench-" + run + "-patterns";
        build(env, kafka.unboundedSource(names.commerce(), group), kafka.unboundedSource(scoresTopic, group),
                kafka.bootstrap(), names, settings);
        return env.executeAsync("telltale-patterns-" + run);
    }

    /**
     * The pattern job's cluster as deployed: the settings (Flink's own keys among them reach the
     * cluster, e.g. {@code state.backend.rocksdb.*}) with its state on {@code stateBackend}.
     */
    static Configuration clusterSettings(Configuration settings, String stateBackend) {
        Configuration flink = new Configuration(settings);
        flink.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        return flink;
    }

    static PatternSettings patternsOf(Configuration config) {
        return config.contains(CrossSessionOptions.PATTERNS_FILE)
                ? CrossSessionJob.settingsOf(config)
                : PatternSettings.parse(BENCH_PATTERNS, BuiltInPatterns.all());
    }

    /** Findings on {@code topic} by pattern id, read to the topic's current end. */
    static Map<String, Long> findingsByPattern(BenchKafka kafka, String topic) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        FindingSerde serde = new FindingSerde();
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Finding finding = serde.deserialize(record.value());
                        counts.merge(finding.patternId(), 1L, Long::sum);
                    } catch (IOException e) {
                        throw new IllegalStateException("the pattern job wrote a finding its own serde rejects", e);
                    }
                }
            }
        }
        return counts;
    }
}
