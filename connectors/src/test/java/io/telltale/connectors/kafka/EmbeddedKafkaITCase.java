package io.telltale.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.serde.WireFixtures;
import io.telltale.core.wire.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void carriesATelemetryBatchFromProducerToConsumer() throws Exception {
        String topic = "it.telemetry";
        kafka.createTopics(2, topic);
        kafka.createTopics(2, topic); // idempotent
        TelemetryBatchSerde serde = WireFixtures.telemetrySerde();
        TelemetryBatch batch = WireFixtures.fullBatch();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(null))) {
            producer.send(new ProducerRecord<>(topic, utf8(batch.sessionId()), serde.serialize(batch))).get();
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topic, "read_uncommitted", 1);

        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("s-42");
        assertThat(serde.deserialize(records.get(0).value())).usingRecursiveComparison().isEqualTo(batch);
    }

    @Test
    void supportsTransactionsSoExactlyOnceSinksWork() throws Exception {
        String topic = "it.transactions";
        kafka.createTopics(1, topic);

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps("it-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, utf8("k"), utf8("aborted")));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, utf8("k"), utf8("committed")));
            producer.commitTransaction();
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topic, "read_committed", 1);

        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("committed");
    }

    /**
     * Records stamped weeks ago (tests and backtests replay old event times) survive the broker's
     * retention passes. The same broker with Kafka's default 7-day retention deletes them: that is
     * how a job test once read back an empty score topic.
     */
    @Test
    void keepsRecordsWithOldTimestampsThroughRetentionPasses() throws Exception {
        long thirtyDaysAgo = System.currentTimeMillis() - Duration.ofDays(30).toMillis();
        assertThat(oldRecordsLeftAfterRetentionPasses(Map.of(), thirtyDaysAgo)).isEqualTo(3);
        assertThat(oldRecordsLeftAfterRetentionPasses(Map.of("log.retention.ms", "604800000"), thirtyDaysAgo))
                .as("records left under Kafka's default 7-day retention, the control")
                .isZero();
    }

    /**
     * Starts a broker whose retention pass runs at once and then every 100 ms, produces 3 records
     * with the timestamp, and counts what is left of them (log end offset minus log start offset).
     */
    private static long oldRecordsLeftAfterRetentionPasses(Map<String, String> overrides, long timestamp)
            throws Exception {
        Map<String, String> config = new HashMap<>(overrides);
        config.put("log.initial.task.delay.ms", "0");
        config.put("log.retention.check.interval.ms", "100");
        String topic = "it.old-timestamps";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (EmbeddedKafka broker = EmbeddedKafka.start(config)) {
            broker.createTopics(1, topic);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(broker, null))) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(topic, null, timestamp + i, utf8("k"), utf8("v" + i))).get();
                }
            }
            Thread.sleep(1_500); // many retention passes
            Properties adminProps = new Properties();
            adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(adminProps)) {
                long start = admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition).get().offset();
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
                return end - start;
            }
        }
    }

    private static Properties producerProps(String transactionalId) {
        return producerProps(kafka, transactionalId);
    }

    private static Properties producerProps(EmbeddedKafka broker, String transactionalId) {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        if (transactionalId != null) {
            props.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    Long.toString(TelltaleKafka.DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        }
        return props;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
