package io.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.testkit.Timeline;
import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.Topics;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.core.wire.CommerceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code telltale backtest --kafka}: the patterns over a stretch of the topics, chosen by Kafka record time. */
class BacktestCommandITCase {

    private static final Instant BEGINNING = Instant.parse("2026-03-01T12:00:00Z");
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, Topics.COMMERCE, Topics.RISK_SCORES);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Three sessions failing logins for six accounts from one network, starting {@code at}. */
    private static void stuffing(Timeline t, String name, Duration at, String network) {
        for (int i = 0; i < 3; i++) {
            t.session(name + "-" + i).at(at.plusMinutes(i)).from(network + (i + 1))
                    .loginFailed(Duration.ofSeconds(5), name + "-alice" + i)
                    .loginFailed(Duration.ofSeconds(9), name + "-bob" + i);
        }
    }

    @Test
    void runsThePatternsOverTheStretchOfTheTopicsBetweenTwoInstants(@TempDir Path dir) throws Exception {
        Timeline t = Timeline.startingAt(BEGINNING);
        stuffing(t, "morning", Duration.ZERO, "52.9.9.");
        stuffing(t, "afternoon", Duration.ofHours(3), "52.8.8.");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        CommerceEventSerde serde = new CommerceEventSerde();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (CommerceEvent e : t.commerceEvents()) {
                // The shop writes each event when it happens: Kafka's record time is the event time.
                producer.send(new ProducerRecord<>(Topics.COMMERCE, null, e.time(),
                        e.sessionId().getBytes(StandardCharsets.UTF_8), serde.serialize(e)));
            }
        }

        Path all = dir.resolve("all.ndjson");
        Path afternoon = dir.resolve("afternoon.ndjson");
        CommandLine cli = new CommandLine(new TelltaleCli());
        assertThat(cli.execute("backtest", "--kafka", kafka.bootstrapServers(), "--output", all.toString())).isZero();
        assertThat(cli.execute("backtest", "--kafka", kafka.bootstrapServers(),
                "--from", BEGINNING.plus(Duration.ofHours(2)).toString(), "--to", "latest",
                "--output", afternoon.toString())).isZero();

        assertThat(Files.readAllLines(all)).hasSize(2);
        assertThat(Files.readAllLines(afternoon)).singleElement()
                .satisfies(f -> assertThat(f).contains("\"key\":\"network:52.8.8.0/24\""));
        assertThat(cli.execute("backtest", "--kafka", kafka.bootstrapServers(), "--from", "yesterday")).isEqualTo(2);
        assertThat(cli.execute("backtest", "--kafka", kafka.bootstrapServers(), "--commerce", all.toString()))
                .isEqualTo(2);
    }
}
