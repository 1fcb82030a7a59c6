package io.telltale.connectors.kafka;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The Kafka sources and sinks of the Telltale job, configured once here. */
public final class TelltaleKafka {

    /**
     * Producer {@code transaction.timeout.ms} for EXACTLY_ONCE sinks unless {@code extra} says
     * otherwise. The connector's own default (1 h) exceeds the broker's default
     * {@code transaction.max.timeout.ms} (15 min), and the broker then refuses every transaction;
     * 15 min fits a stock broker and is far above any sane checkpoint interval.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private TelltaleKafka() {}

    /**
     * An unbounded source of raw records; never fails on a record's content.
     *
     * @param extra further consumer properties (security, tuning); applied first, so the
     *              explicit arguments win. {@code isolation.level} defaults to
     *              {@code read_committed}, so records of aborted transactions are never scored.
     */
    public static KafkaSource<RawRecord> rawSource(
            String bootstrapServers, String topic, String groupId, OffsetsInitializer startingOffsets, Properties extra) {
        return rawSourceBuilder(bootstrapServers, topic, groupId, startingOffsets, extra).build();
    }

    /**
     * A bounded source of raw records, from {@code startingOffsets} up to {@code stoppingOffsets}
     * (e.g. {@code OffsetsInitializer.timestamp(...)}: the first record at or after that Kafka
     * record timestamp, per partition), for backtests over a stretch of a topic.
     */
    public static KafkaSource<RawRecord> boundedRawSource(
            String bootstrapServers, String topic, String groupId, OffsetsInitializer startingOffsets,
            OffsetsInitializer stoppingOffsets, Properties extra) {
        return rawSourceBuilder(bootstrapServers, topic, groupId, startingOffsets, extra)
                .setBounded(stoppingOffsets)
                .build();
    }

    private static org.apache.flink.connector.kafka.source.KafkaSourceBuilder<RawRecord> rawSourceBuilder(
            String bootstrapServers, String topic, String groupId, OffsetsInitializer startingOffsets, Properties extra) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (extra != null) {
            props.putAll(extra);
        }
        return KafkaSource.<RawRecord>builder()
                .setProperties(props)
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets)
                .setDeserializer(new RawRecordDeserializer());
    }

    /**
     * A telemetry record as the gateway writes it: keyed by session id, its timestamp the time the
     * batch arrived ({@link TelemetryBatch#arrivedAt()}), which is the job's event time. Producers
     * that stand in for the gateway (simulators, tests, benchmarks) write through this.
     */
    public static ProducerRecord<byte[], byte[]> telemetryRecord(String topic, TelemetryBatch batch, byte[] value) {
        return new ProducerRecord<>(
                topic, null, batch.arrivedAt(), batch.sessionId().getBytes(StandardCharsets.UTF_8), value);
    }

    /** Risk scores as JSON, keyed by session id so a session's scores stay in order. */
    public static KafkaSink<RiskScore> riskScoreSink(
            String bootstrapServers, String topic, DeliveryGuarantee guarantee, String transactionalIdPrefix,
            Properties extra) {
        return sink(bootstrapServers, topic, new RiskScoreSerializer(), guarantee, transactionalIdPrefix, extra);
    }

    /** Dead letters as JSON, keyed by the rejected record's key (or none). */
    public static KafkaSink<DeadLetter> deadLetterSink(
            String bootstrapServers, String topic, DeliveryGuarantee guarantee, String transactionalIdPrefix,
            Properties extra) {
        return sink(bootstrapServers, topic, new DeadLetterSerializer(), guarantee, transactionalIdPrefix, extra);
    }

    /**
     * A sink of keyed JSON records.
     *
     * @param transactionalIdPrefix required for EXACTLY_ONCE, unique per sink across all jobs on
     *                              the cluster; ignored otherwise (may be null)
     * @param extra                 further producer properties (security, tuning); the explicit
     *                              arguments win over them, and they win over this class's defaults
     */
    public static <T> KafkaSink<T> sink(
            String bootstrapServers, String topic, KeyedJsonSerializer<T> serializer, DeliveryGuarantee guarantee,
            String transactionalIdPrefix, Properties extra) {
        Objects.requireNonNull(guarantee, "guarantee");
        Properties props = new Properties();
        if (extra != null) {
            props.putAll(extra);
        }
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        }
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setKafkaProducerConfig(props)
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new KeyedJsonRecordSerializer<>(topic, serializer))
                .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
                throw new IllegalArgumentException("EXACTLY_ONCE needs a transactionalIdPrefix, unique per sink");
            }
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }

    static byte[] utf8OrNull(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static final class RiskScoreSerializer implements KeyedJsonSerializer<RiskScore> {
        private static final long serialVersionUID = 1L;
        private final RiskScoreSerde serde = new RiskScoreSerde();

        @Override
        public byte[] key(RiskScore score) {
            return utf8OrNull(score.sessionId());
        }

        @Override
        public byte[] value(RiskScore score) {
            return serde.serialize(score);
        }
    }

    static final class DeadLetterSerializer implements KeyedJsonSerializer<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final DeadLetterSerde serde = new DeadLetterSerde();

        @Override
        public byte[] key(DeadLetter letter) {
            return utf8OrNull(letter.key());
        }

        @Override
        public byte[] value(DeadLetter letter) {
            return serde.serialize(letter);
        }
    }
}
