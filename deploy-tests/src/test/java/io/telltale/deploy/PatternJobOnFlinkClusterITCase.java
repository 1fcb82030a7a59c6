package io.telltale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.cep.patterns.CredentialStuffing;
import io.telltale.cep.testkit.Timeline;
import io.telltale.connectors.kafka.Topics;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cross-session pattern job as the platform team deploys it: its own shaded jar (flink-cep and
 * MaxMind's reader inside, neither on the cluster) uploaded to a real standalone Flink cluster and
 * run against a real Kafka broker process, through a stop-with-savepoint upgrade.
 *
 * <p>A credential-stuffing run spans the upgrade: two sessions from one /24 fail logins before the
 * savepoint, the third after it. The pattern needs three, so the finding proves that the
 * summaries and the CEP partial match came through the savepoint; a bad commerce record and a bad
 * control record go to the dead-letter topic with their reasons.
 */
class PatternJobOnFlinkClusterITCase {

    private static final int PARTITIONS = 2;
    private static final int SLOTS = 2;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(3);
    private static final Duration SESSION_GAP = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String ENTRY_CLASS = "io.telltale.cep.job.CrossSessionJob";
    private static final String NETWORK = "52.9.9.0/24";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestClusters clusters;
    private static KafkaBrokerProcess kafka;
    private static StandaloneFlinkCluster flink;
    private static FlinkRest rest;

    @BeforeAll
    static void startClusters() throws Exception {
        // As docker/ deploys the pattern job: its state on the heap (docs/cross-session-patterns.md).
        clusters = TestClusters.start("patterns", 1, SLOTS, CHECKPOINT_INTERVAL, "hashmap");
        kafka = clusters.kafka();
        flink = clusters.flink();
        rest = clusters.rest();
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void findsACampaignThatSpansAStopWithSavepointUpgrade() throws Exception {
        Path jar = Path.of(System.getProperty("telltale.patterns.jar"));
        assertThat(jar).as("the pattern job's shaded jar (mvn package builds it)").isRegularFile();
        kafka.createTopics(PARTITIONS, Topics.COMMERCE, Topics.RISK_SCORES, Topics.PATTERN_ALERTS,
                Topics.PATTERN_CONTROL, Topics.DEAD_LETTERS, Topics.ALERTS);
        rest.awaitSlots(SLOTS, Duration.ofSeconds(60));

        String jarId = rest.uploadJar(jar);
        List<String> args = List.of(
                "--telltale.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--telltale.cep.session-gap", SESSION_GAP.toSeconds() + "s",
                // Partitions with nothing more to say stop holding event time back within the test.
                "--telltale.cep.idleness", "2s");
        String jobId = rest.runJar(jarId, ENTRY_CLASS, args, SLOTS, null);
        rest.awaitRunning(jobId, TIMEOUT);

        // Event time starts a minute ago, so every session of the run is in the past of the clock
        // events that close them. Accounts differ per session: six in all, the pattern wants five.
        Timeline before = Timeline.startingAt(Instant.now().minus(Duration.ofMinutes(1)));
        for (int i = 0; i < 2; i++) {
            stuffer(before, i);
        }
        // Closes both sessions (their last events + the gap are behind its watermark) but not the
        // third one's start at 2 min, which would otherwise arrive late after the upgrade.
        before.session("clock-1").at(Duration.ofSeconds(115)).from("81.2.69.10").pageView(Duration.ZERO);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, before.commerceEvents());
            producer.send(new ProducerRecord<>(Topics.COMMERCE, utf8("{\"v\":1,\"sessionId\":"))).get();
            producer.send(new ProducerRecord<>(Topics.PATTERN_CONTROL,
                    utf8("{\"v\":1,\"pattern\":\"no-such-pattern\",\"enabled\":false}"))).get();
        }
        // What came before is in a completed checkpoint: the sessions are summarised, two of the
        // three the pattern needs wait in its partial match.
        rest.awaitCheckpointAfter(jobId, rest.latestCheckpoint(jobId) + 1, TIMEOUT);
        assertThat(findings()).as("findings before the third session").isEmpty();

        String savepoint = rest.stopWithSavepoint(jobId, flink.dir().resolve("savepoints"), TIMEOUT);
        String upgradedJobId = rest.runJar(jarId, ENTRY_CLASS, args, SLOTS, savepoint);
        rest.awaitRunning(upgradedJobId, TIMEOUT);
        assertThat(rest.checkpoints(upgradedJobId).path("latest").path("restored").path("is_savepoint").asBoolean())
                .as("restored from the savepoint").isTrue();

        Timeline after = Timeline.startingAt(before.start());
        stuffer(after, 2);
        after.session("clock-2").at(Duration.ofMinutes(10)).from("81.2.69.11").pageView(Duration.ZERO);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, after.commerceEvents());
        }

        List<Finding> findings = awaitFindings();
        assertThat(findings).as(() -> "findings on " + Topics.PATTERN_ALERTS + "; the job's operators:\n"
                        + operators(upgradedJobId))
                .singleElement().satisfies(finding -> {
            assertThat(finding.patternId()).isEqualTo(CredentialStuffing.ID);
            assertThat(finding.key()).isEqualTo("network:" + NETWORK);
            assertThat(finding.sessions()).extracting(Finding.SessionEvidence::sessionId)
                    .as("sessions from both sides of the savepoint")
                    .containsExactlyInAnyOrder("stuffer-0", "stuffer-1", "stuffer-2");
        });
        List<JsonNode> alerts = readCommitted(Topics.ALERTS, PatternJobOnFlinkClusterITCase::json);
        assertThat(alerts).as("OCSF alerts on %s", Topics.ALERTS).singleElement().satisfies(alert -> {
            assertThat(alert.path("class_uid").asInt()).isEqualTo(2004);
            assertThat(alert.toString()).contains("telltale.pattern." + CredentialStuffing.ID, NETWORK);
        });
        List<DeadLetter> deadLetters = readCommitted(Topics.DEAD_LETTERS, PatternJobOnFlinkClusterITCase::deadLetter);
        assertThat(deadLetters).extracting(DeadLetter::reason)
                .as("dead letters: the truncated commerce record, the control record naming no pattern")
                .containsExactlyInAnyOrder("MALFORMED_JSON", "INVALID_VALUE");
        System.out.printf("deploy-tests: pattern job found %s over %d sessions across a savepoint; logs in %s%n",
                findings.get(0).patternId(), findings.get(0).sessions().size(), clusters.dir());
    }

    /**
     * Each operator's records in and out, late records dropped and input watermark, for a failure
     * message (a campaign's sessions dropped as late by a pattern showed up here first).
     */
    private static String operators(String jobId) {
        StringBuilder out = new StringBuilder();
        try {
            // The JobManager fetches metrics from the TaskManagers on demand, at most every 10 s.
            rest.get("/jobs/" + jobId + "/vertices/" + rest.job(jobId).at("/vertices/0/id").asText() + "/subtasks/metrics");
            Thread.sleep(11_000);
            for (JsonNode vertex : rest.job(jobId).path("vertices")) {
                String metrics = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
                List<String> wanted = new java.util.ArrayList<>();
                for (JsonNode metric : rest.get(metrics)) {
                    String id = metric.path("id").asText();
                    if (id.equals("numRecordsIn") || id.equals("numRecordsOut") || id.endsWith("numLateRecordsDropped")
                            || id.endsWith("currentInputWatermark") && !id.contains(".")) {
                        wanted.add(id);
                    }
                }
                out.append("  ").append(vertex.path("name").asText()).append(": ");
                if (!wanted.isEmpty()) {
                    for (JsonNode metric : rest.get(metrics + "?agg=min,sum&get=" + String.join(",", wanted))) {
                        out.append(metric.path("id").asText()).append(" sum ").append(metric.path("sum").asText())
                                .append(" min ").append(metric.path("min").asText()).append("; ");
                    }
                }
                out.append('\n');
            }
        } catch (IOException e) {
            out.append("(not available: ").append(e).append(')');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** A session from the campaign's /24 that fails to log in to two accounts of its own. */
    private static void stuffer(Timeline timeline, int n) {
        timeline.session("stuffer-" + n).at(Duration.ofMinutes(n)).from("52.9.9." + (n + 1))
                .loginFailed(Duration.ofSeconds(5), "alice" + n)
                .loginFailed(Duration.ofSeconds(9), "bob" + n);
    }

    private static List<Finding> awaitFindings() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<Finding> findings = findings();
        while (findings.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            findings = findings();
        }
        Thread.sleep(2_000); // a duplicate, were there one, comes right behind
        return findings();
    }

    private static List<Finding> findings() {
        return readCommitted(Topics.PATTERN_ALERTS, value -> {
            try {
                return new FindingSerde().deserialize(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> List<T> readCommitted(String topic, Function<byte[], T> decode) {
        try (CommittedTopic<T> records = new CommittedTopic<>(kafka.bootstrapServers(), topic, decode)) {
            return records.poll();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<CommerceEvent> events) throws Exception {
        CommerceEventSerde serde = new CommerceEventSerde();
        for (CommerceEvent event : events) {
            // One partition, so they are read in the order written: the clock events are minutes
            // ahead of the sessions they close, and read first from another partition they would
            // move event time past the sessions before those were read (late, dropped).
            producer.send(new ProducerRecord<>(Topics.COMMERCE, 0, event.time(), utf8(event.sessionId()),
                    serde.serialize(event))).get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeadLetter deadLetter(byte[] value) {
        try {
            return new DeadLetterSerde().deserialize(value);
        } catch (InvalidRecordException e) {
            throw new UncheckedIOException(new IOException("unreadable dead letter", e));
        }
    }
}
