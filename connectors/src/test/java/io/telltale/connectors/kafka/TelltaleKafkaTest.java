package io.telltale.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.WireFixtures;
import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TelltaleKafkaTest {

    @Test
    void exactlyOnceNeedsATransactionalIdPrefix() {
        assertThatThrownBy(() -> TelltaleKafka.riskScoreSink("localhost:9092", Topics.RISK_SCORES,
                        DeliveryGuarantee.EXACTLY_ONCE, null, new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transactionalIdPrefix");
    }

    @Test
    void buildsEverySinkAndTheSource() {
        assertThat(TelltaleKafka.riskScoreSink("localhost:9092", Topics.RISK_SCORES, DeliveryGuarantee.EXACTLY_ONCE,
                "telltale-scores", null)).isNotNull();
        assertThat(TelltaleKafka.deadLetterSink("localhost:9092", Topics.DEAD_LETTERS, DeliveryGuarantee.AT_LEAST_ONCE,
                null, new Properties())).isNotNull();
        assertThat(TelltaleKafka.rawSource("localhost:9092", Topics.TELEMETRY, "telltale",
                OffsetsInitializer.earliest(), null)).isNotNull();
    }

    @Test
    void keysRiskScoresBySessionAndDropsNegativeTimestamps() {
        RiskScore score = WireFixtures.blockedBot();
        KeyedJsonRecordSerializer<RiskScore> serializer =
                new KeyedJsonRecordSerializer<>(Topics.RISK_SCORES, new TelltaleKafka.RiskScoreSerializer());

        ProducerRecord<byte[], byte[]> record = serializer.serialize(score, null, Long.MIN_VALUE);

        assertThat(record.topic()).isEqualTo(Topics.RISK_SCORES);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("s-42");
        assertThat(record.value()).isEqualTo(new RiskScoreSerde().serialize(score));
        assertThat(record.timestamp()).isNull();
        assertThat(serializer.serialize(score, null, 7L).timestamp()).isEqualTo(7L);
    }
}
