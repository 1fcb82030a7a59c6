package io.telltale.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RawRecordDeserializerTest {
    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();

    @Test
    void passesBytesThroughWithTheOrigin() {
        byte[] key = {'k'};
        byte[] value = {'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.TELEMETRY, 3, 42L, key, value);

        List<RawRecord> out = collect(record);

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.key()).isSameAs(key);
            assertThat(r.value()).isSameAs(value);
            assertThat(r.origin()).isEqualTo("telltale.telemetry.v1/3@42");
            assertThat(r.timestamp()).isEqualTo(RawRecord.NO_TIMESTAMP);
        });
    }

    @Test
    void passesTombstonesThroughForTheJobToDeadLetter() {
        assertThat(collect(new ConsumerRecord<>("t", 0, 1L, null, null))).singleElement()
                .satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void producesAPojoTypeSoFlinkDoesNotFallBackToKryo() {
        assertThat(deserializer.getProducedType()).isInstanceOf(PojoTypeInfo.class);
    }

    private List<RawRecord> collect(ConsumerRecord<byte[], byte[]> record) {
        List<RawRecord> out = new ArrayList<>();
        deserializer.deserialize(record, new Collector<>() {
            @Override
            public void collect(RawRecord r) {
                out.add(r);
            }

            @Override
            public void close() {}
        });
        return out;
    }
}
