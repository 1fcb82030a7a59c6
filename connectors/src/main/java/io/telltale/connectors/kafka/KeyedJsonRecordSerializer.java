package io.telltale.connectors.kafka;

import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Adapts a {@link KeyedJsonSerializer} to the KafkaSink, for one topic; partitioning by key. */
final class KeyedJsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final KeyedJsonSerializer<T> serializer;

    KeyedJsonRecordSerializer(String topic, KeyedJsonSerializer<T> serializer) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        // Kafka rejects negative timestamps; an element without one gets the producer's clock.
        Long kafkaTimestamp = timestamp != null && timestamp >= 0 ? timestamp : null;
        return new ProducerRecord<>(topic, null, kafkaTimestamp, serializer.key(element), serializer.value(element));
    }
}
