package io.telltale.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.siem.AlertFormat;
import io.telltale.connectors.siem.AlertSinks;
import io.telltale.connectors.syslog.SyslogSink;
import io.telltale.core.alert.Alert;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with both alert sinks against real receivers on loopback: the in-process Kafka broker
 * (alerts topic, transactions) and a real rsyslogd from Debian's package (imtcp, octet counting,
 * omfile). Every alert on the topic must arrive in rsyslog's file, parseable as CEF, and the
 * topic must hold each alert once.
 */
class AlertsToSiemITCase extends TelltaleTestBase {

    private static final int PARTITIONS = 2;
    private static final Duration SESSION_LENGTH = Duration.ofSeconds(60);
    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARTITIONS)
                    .build());

    @TempDir
    static Path rsyslogDir;

    private static EmbeddedKafka kafka;
    private static Process rsyslog;
    private static int syslogPort;
    private static Path alertsFile;

    @BeforeAll
    static void startReceivers() throws Exception {
        boolean present = Files.isExecutable(RSYSLOGD);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "rsyslogd is not installed (apt-get install rsyslog); CI installs it");
        }
        assertThat(present).as("rsyslogd under CI (.ci/run installs it)").isTrue();
        syslogPort = freePort();
        alertsFile = rsyslogDir.resolve("alerts.log");
        Path conf = rsyslogDir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s")
                module(load="imtcp")
                template(name="raw" type="string" string="%%msg%%\\n")
                ruleset(name="alerts") {
                  action(type="omfile" file="%s" template="raw")
                }
                input(type="imtcp" port="%d" address="127.0.0.1" ruleset="alerts")
                """.formatted(rsyslogDir, alertsFile, syslogPort));
        rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(),
                        "-i", rsyslogDir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(rsyslogDir.resolve("rsyslogd.out").toFile())
                .start();
        awaitListening(syslogPort, Duration.ofSeconds(15));
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopReceivers() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (rsyslog != null) {
            rsyslog.destroy();
            if (!rsyslog.waitFor(10, TimeUnit.SECONDS)) {
                rsyslog.destroyForcibly();
            }
        }
    }

    @Test
    void everyAlertReachesKafkaOnceAndRsyslogParseable(@TempDir Path checkpoints) throws Exception {
        String telemetryTopic = "alerts-it.telemetry";
        String alertsTopic = "alerts-it.alerts";
        kafka.createTopics(PARTITIONS, telemetryTopic, "alerts-it.scores", "alerts-it.dead", alertsTopic);

        Map<String, Actor> truth = new LinkedHashMap<>();
        List<TelemetryBatch> batches = new ArrayList<>();
        Actor[] actors = {Actor.HUMAN, Actor.HUMAN, Actor.LINEAR_BOT, Actor.TELEPORT_BOT, Actor.HEADLESS_BOT};
        for (int i = 0; i < actors.length; i++) {
            String sessionId = "s-alert-" + i + "-" + actors[i].label();
            truth.put(sessionId, actors[i]);
            batches.addAll(simulatedSession(actors[i], sessionId, BEGINNING + i * 5 * ONE_SECOND, SESSION_LENGTH, 200 + i));
        }
        batches.sort(Comparator.comparingLong(TelemetryBatch::startedAt));
        produce(telemetryTopic, batches);

        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        StreamExecutionEnvironment env = localEnvironment(checkpoints, Duration.ofSeconds(1), PARTITIONS);
        KafkaSource<RawRecord> source = boundedTelemetrySource(kafka.bootstrapServers(), telemetryTopic, "alerts-it");
        Map<String, Sink<Alert>> sinks = new LinkedHashMap<>();
        sinks.put("kafka", AlertSinks.kafka(kafka.bootstrapServers(), alertsTopic, AlertFormat.OCSF,
                "alerts-it", new Properties(), alert -> alert));
        sinks.put("syslog", new SyslogSink("127.0.0.1", syslogPort, false, AlertFormat.CEF));
        new TelltaleJob(
                        source,
                        TelltaleKafka.riskScoreSink(kafka.bootstrapServers(), "alerts-it.scores",
                                DeliveryGuarantee.AT_LEAST_ONCE, null, new Properties()),
                        TelltaleKafka.deadLetterSink(kafka.bootstrapServers(), "alerts-it.dead",
                                DeliveryGuarantee.AT_LEAST_ONCE, null, new Properties()),
                        config)
                .withAlerts(new AlertStage(PolicySet.uniform(0.5, 0.8), Duration.ofHours(2), sinks))
                .execute(env);

        // Kafka: committed alerts only, each id once, bots alerted and humans not.
        List<String> kafkaIds = new ArrayList<>();
        Set<String> alertedSessions = new HashSet<>();
        for (byte[] value : readCommitted(kafka.bootstrapServers(), alertsTopic, PARTITIONS)) {
            JsonNode finding = JSON.readTree(value);
            assertThat(finding.get("class_uid").asInt()).isEqualTo(2004);
            kafkaIds.add(finding.at("/finding_info/uid").asText());
            alertedSessions.add(finding.at("/evidences/0/actor/session/uid").asText());
        }
        assertThat(kafkaIds).as("alerts on the topic").isNotEmpty().doesNotHaveDuplicates();
        truth.forEach((session, actor) -> {
            if (actor.isBot()) {
                assertThat(alertedSessions).as("bot %s alerted", session).contains(session);
            } else {
                assertThat(alertedSessions).as("human %s not alerted", session).doesNotContain(session);
            }
        });
        assertThat(kafkaIds.size()).as("at most challenge + block per session").isLessThanOrEqualTo(2 * alertedSessions.size());

        // rsyslog: every alert arrived, parseable as CEF; compare by alert id.
        List<String> lines = awaitLines(alertsFile, kafkaIds.size(), Duration.ofSeconds(20));
        Pattern externalId = Pattern.compile("(?:^|\\s)externalId=([0-9a-f-]{36})(?:\\s|$)");
        List<String> syslogIds = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).as("CEF line").startsWith("CEF:0|Telltale|Telltale|");
            assertThat(line.split("(?<!\\\\)\\|", -1)).as("CEF header fields").hasSizeGreaterThanOrEqualTo(8);
            Matcher m = externalId.matcher(line);
            assertThat(m.find()).as("externalId in %s", line).isTrue();
            syslogIds.add(m.group(1));
        }
        assertThat(syslogIds).as("alerts rsyslog wrote").containsExactlyInAnyOrderElementsOf(kafkaIds);
    }

    private static void produce(String topic, List<TelemetryBatch> batches) {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            for (TelemetryBatch batch : batches) {
                producer.send(TelltaleKafka.telemetryRecord(topic, batch, serde.serialize(batch)));
            }
            producer.flush();
        }
    }

    private static List<String> awaitLines(Path file, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                if (lines.size() >= expected) {
                    // Give a duplicate (which would be a bug) a moment to show up too.
                    Thread.sleep(500);
                    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                }
            }
            Thread.sleep(100);
        }
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("rsyslogd did not listen on 127.0.0.1:" + port + "; see "
                + rsyslogDir.resolve("rsyslogd.out"));
    }
}
