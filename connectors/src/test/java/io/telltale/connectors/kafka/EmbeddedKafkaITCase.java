package io.telltale.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.serde.WireFixtures;
import io.telltale.core.wire.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private static Properties producerProps(String transactionalId) {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
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
