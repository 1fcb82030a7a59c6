package io.telltale.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.WireFixtures;
import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The factories' source and sink in a real Flink job against the embedded broker. */
class TelltaleKafkaITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

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
    void exactlyOnceRiskScoreSinkCommitsKeyedJson() throws Exception {
        String topic = "it.scores";
        kafka.createTopics(1, topic);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);

        env.fromData(WireFixtures.blockedBot())
                .sinkTo(TelltaleKafka.riskScoreSink(kafka.bootstrapServers(), topic, DeliveryGuarantee.EXACTLY_ONCE,
                        "it-scores", new Properties()));
        env.execute("risk score sink");

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topic, "read_committed", 1);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("s-42");
        RiskScore back = new RiskScoreSerde().deserialize(records.get(0).value());
        assertThat(back).isEqualTo(WireFixtures.blockedBot());
    }

    @Test
    void rawSourceDeliversEveryRecordEvenGarbage() throws Exception {
        String topic = "it.raw";
        kafka.createTopics(1, topic);
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "s-1".getBytes(StandardCharsets.UTF_8),
                    "not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        KafkaSource<RawRecord> source = TelltaleKafka.rawSource(kafka.bootstrapServers(), topic, "it-raw",
                OffsetsInitializer.earliest(), null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);

        List<RawRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "raw")
                .executeAndCollect(1);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("it.raw/0@0");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
            assertThat(r.timestamp()).isPositive();
        });
    }
}
