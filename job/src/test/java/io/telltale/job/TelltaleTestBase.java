package io.telltale.job;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import io.telltale.job.state.BatchFeatures;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SessionSimulator;
import io.telltale.simulator.SimulatedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Named instants and event factories, so a test reads like the scenario it checks
 * (STYLE.md, habit 4).
 */
public abstract class TelltaleTestBase {

    public static final long BEGINNING = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    public static final long ONE_SECOND = 1_000;
    public static final long THREE_SECONDS = 3_000;
    public static final long ONE_MINUTE = 60_000;
    public static final long ONE_MINUTE_LATER = BEGINNING + ONE_MINUTE;
    public static final long TEN_MINUTES_LATER = BEGINNING + 10 * ONE_MINUTE;
    public static final long AN_HOUR_LATER = BEGINNING + 60 * ONE_MINUTE;

    public static final String CHROME_UA =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36";

    /**
     * Three seconds of a bot moving in straight, constant-speed lines between targets at a steady
     * 16 ms sampling, clicking exactly on arrival — {@code page.mouse.move(x, y, {steps})}.
     */
    public static TelemetryBatch linearBotBatch(String sessionId, long sequence, long startedAt) {
        List<int[]> samples = new ArrayList<>();
        int t = 0;
        int x = 100 + (int) (sequence * 37 % 400);
        int y = 120 + (int) (sequence * 53 % 300);
        int[][] targets = {{x + 420, y + 40}, {x + 60, y + 260}, {x + 380, y + 300}};
        for (int[] target : targets) {
            int steps = 25;
            int fromX = x;
            int fromY = y;
            for (int step = 1; step <= steps; step++) {
                t += 16;
                x = fromX + (target[0] - fromX) * step / steps;
                y = fromY + (target[1] - fromY) * step / steps;
                samples.add(new int[] {t, x, y, MouseKind.MOVE.code()});
            }
            t += 16;
            samples.add(new int[] {t, x, y, MouseKind.DOWN.code()});
            samples.add(new int[] {t, x, y, MouseKind.UP.code()});
            samples.add(new int[] {t, x, y, MouseKind.CLICK.code()});
            t += 400;
        }
        return batch(sessionId, sequence, startedAt, mouse(samples), KeyTrack.EMPTY);
    }

    /** A batch from a browser that says it is driven by WebDriver, with a single move. */
    public static TelemetryBatch webdriverBatch(String sessionId, long sequence, long startedAt) {
        DeviceInfo device = new DeviceInfo(true, List.of(), 1920, 1080, 1920, 1080, 1f, 8, 0,
                "Linux x86_64", "en-US", "UTC", 0);
        List<int[]> samples = List.<int[]>of(new int[] {0, 10, 10, MouseKind.MOVE.code()});
        return new TelemetryBatch(WireVersion.CURRENT, sessionId, null, sequence, startedAt,
                startedAt + THREE_SECONDS, 0, "/", CHROME_UA, "203.0.113.9", device, mouse(samples),
                KeyTrack.EMPTY, null, null);
    }

    /** The batches of a whole simulated session of {@code actor}. */
    public static List<TelemetryBatch> simulatedSession(
            Actor actor, String sessionId, long start, Duration length, long seed) {
        SimulatedSession session = new SessionSimulator(seed).simulate(actor, sessionId, null, start, length);
        return session.batches();
    }

    /** The same batch as sent by page instance {@code pageId} (one page load of one tab). */
    public static TelemetryBatch onPage(String pageId, TelemetryBatch b) {
        return new TelemetryBatch(b.schemaVersion(), b.sessionId(), b.userId(), pageId, b.sequence(), b.startedAt(),
                b.sentAt(), b.receivedAt(), b.route(), b.userAgent(), b.clientIp(), b.device(), b.mouse(), b.keys(),
                b.scroll(), b.touch());
    }

    /** A batch as the parser hands it to the session windows. */
    public static BatchFeatures features(TelemetryBatch batch) {
        SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
        accumulator.add(batch);
        return new BatchFeatures(batch.sessionId(), batch.pageId(), batch.sequence(), batch.startedAt(),
                "test/0@" + batch.sequence(), accumulator);
    }

    private static TelemetryBatch batch(
            String sessionId, long sequence, long startedAt, MouseTrack mouse, KeyTrack keys) {
        DeviceInfo device = new DeviceInfo(false, List.of(), 1920, 1080, 1536, 864, 1.25f, 8, 0,
                "Win32", "en-US", "Europe/Paris", 0);
        return new TelemetryBatch(WireVersion.CURRENT, sessionId, null, sequence, startedAt,
                startedAt + THREE_SECONDS, 0, "/products", CHROME_UA, "203.0.113.7", device, mouse,
                keys, null, null);
    }

    private static MouseTrack mouse(List<int[]> samples) {
        int n = samples.size();
        int[] t = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            int[] sample = samples.get(i);
            t[i] = sample[0];
            x[i] = sample[1];
            y[i] = sample[2];
            kind[i] = (byte) sample[3];
        }
        return new MouseTrack(t, x, y, kind);
    }

    /** A producer of raw bytes, as the gateway has; the caller closes it. */
    public static org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class);
        // One request in flight and no idempotence: records stay in order through retries, and a
        // broker slowed by a busy machine cannot fail the input with OutOfOrderSequenceException
        // (the idempotent default did, twice, in TelltaleJobITCase on a loaded machine).
        props.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        return new org.apache.kafka.clients.producer.KafkaProducer<>(props);
    }

    /**
     * Every record value on {@code topic} that a {@code read_committed} reader sees now, from the
     * beginning of its partitions up to their end offsets (30 s at most).
     */
    public static List<byte[]> readCommitted(String bootstrapServers, String topic, int partitionCount) {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<byte[]> values = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props)) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                partitions.add(new org.apache.kafka.common.TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /**
     * A MiniCluster environment as the job wants it locally (RocksDB, incremental checkpoints),
     * checkpointing every {@code interval} into {@code checkpoints}.
     */
    public static org.apache.flink.streaming.api.environment.StreamExecutionEnvironment localEnvironment(
            java.nio.file.Path checkpoints, Duration interval, int parallelism) {
        org.apache.flink.configuration.Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.toUri().toString());
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.configure(config);
        env.setParallelism(parallelism);
        return env;
    }

    /** The telemetry topic from its beginning up to what it holds now, so the job ends by itself. */
    public static org.apache.flink.connector.kafka.source.KafkaSource<io.telltale.connectors.RawRecord>
            boundedTelemetrySource(String bootstrapServers, String topic, String groupId) {
        var earliest = org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer.earliest();
        var latest = org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer.latest();
        return org.apache.flink.connector.kafka.source.KafkaSource.<io.telltale.connectors.RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(earliest)
                .setBounded(latest)
                .setDeserializer(new io.telltale.connectors.kafka.RawRecordDeserializer())
                .build();
    }
}
