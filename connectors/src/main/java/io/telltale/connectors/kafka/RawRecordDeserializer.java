package io.telltale.connectors.kafka;

import io.telltale.connectors.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes every Kafka record through as a {@link RawRecord} and never throws: parsing happens in
 * the job, where a bad record can go to the dead-letter output instead of failing the source.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        out.collect(new RawRecord(record.key(), record.value(), origin(record.topic(), record.partition(), record.offset()),
                record.timestamp() < 0 ? RawRecord.NO_TIMESTAMP : record.timestamp()));
    }

    /** {@code topic/partition@offset}, the origin of a Kafka record on the dead-letter topic. */
    public static String origin(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
