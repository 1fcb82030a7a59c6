package io.telltale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.connectors.kafka.Topics;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.RiskScore;
import io.telltale.simulator.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded job jar on a real standalone Flink cluster — a JobManager and two TaskManagers, each
 * its own JVM started from Maven-resolved jars, RocksDB state on local disk — against a real
 * Kafka broker process, deployed and operated through the REST API as a platform team would:
 * upload, run, a TaskManager killed with {@code kill -9} and replaced, the broker restarted, a
 * stop-with-savepoint and a run from that savepoint, all under live traffic. Then: every session
 * has its final score exactly once (read_committed), every malformed record is dead-lettered
 * exactly once, sessions open across the savepoint get one score covering both sides, an
 * account's behaviour profile survives the savepoint, and the Telltale metrics reach Prometheus.
 *
 * <p>Logs of every process are under {@code deploy-tests/target/cluster/}. Skip with
 * {@code -Dtelltale.deploy-tests.skip} on a developer machine; CI runs it.
 */
class TelltaleOnFlinkClusterITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int PARTITIONS = 4;
    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS_PER_TASK_MANAGER = 2;
    private static final int PARALLELISM = TASK_MANAGERS * SLOTS_PER_TASK_MANAGER;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(3);
    private static final Duration SESSION_GAP = Duration.ofSeconds(30);
    /** The job's default telltale.watermark.max-out-of-orderness. */
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final String ENTRY_CLASS = "io.telltale.job.TelltaleJob";

    private static final String PROFILE_USER = "u-through-savepoint";
    private static final String PROFILE_SEED_SESSION = "s-profile-before-savepoint";
    private static final String PROFILE_NEXT_SESSION = "s-profile-after-savepoint";

    private static TestClusters clusters;
    private static Path dir;
    private static KafkaBrokerProcess kafka;
    private static StandaloneFlinkCluster flink;
    private static FlinkRest rest;
    private static LiveTraffic traffic;

    @BeforeAll
    static void startClusters() throws Exception {
        clusters = TestClusters.start("run", TASK_MANAGERS, SLOTS_PER_TASK_MANAGER, CHECKPOINT_INTERVAL);
        dir = clusters.dir();
        kafka = clusters.kafka();
        flink = clusters.flink();
        rest = clusters.rest();
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (traffic != null) {
            traffic.close();
        }
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void keepsEveryScoreOnceThroughTaskManagerLossBrokerRestartAndSavepointUpgrade() throws Exception {
        Path jobJar = Path.of(System.getProperty("telltale.job.jar"));
        assertThat(jobJar).as("the shaded job jar (mvn package builds it)").isRegularFile();
        kafka.createTopics(PARTITIONS, Topics.TELEMETRY, Topics.COMMERCE, Topics.RISK_SCORES, Topics.DEAD_LETTERS,
                Topics.ALERTS);
        rest.awaitSlots(PARALLELISM, Duration.ofSeconds(60));

        // 1. Upload and run, as a platform team would.
        String jarId = rest.uploadJar(jobJar);
        List<String> programArgs = List.of(
                "--telltale.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "--telltale.kafka.transactional-id-prefix", "it-telltale",
                "--telltale.session.gap", SESSION_GAP.toSeconds() + "s",
                // main() asks for 10 s unless told otherwise; the test wants short replays.
                "--execution.checkpointing.interval", CHECKPOINT_INTERVAL.toSeconds() + "s");
        String jobId = rest.runJar(jarId, ENTRY_CLASS, programArgs, PARALLELISM, null);
        rest.awaitRunning(jobId, Duration.ofSeconds(60));

        // 2. Live traffic, with malformed records between it.
        traffic = new LiveTraffic(kafka.bootstrapServers(), Topics.TELEMETRY, Topics.COMMERCE, PARTITIONS, 7);
        traffic.start();
        traffic.sendMalformed("a");
        // An account's session that ends early: its profile learns from it before the savepoint.
        traffic.sendSession(Actor.HUMAN, PROFILE_SEED_SESSION, PROFILE_USER, System.currentTimeMillis(),
                Duration.ofSeconds(20));
        long firstCheckpoint = rest.awaitCheckpointAfter(jobId, 0, Duration.ofSeconds(30));
        Thread.sleep(8_000);

        // 3. kill -9 of a TaskManager mid-stream, and a replacement; the job resumes from its last checkpoint.
        long beforeKill = rest.latestCheckpoint(jobId);
        assertThat(beforeKill).isGreaterThanOrEqualTo(firstCheckpoint);
        flink.killTaskManager(flink.taskManagers().get(0));
        flink.startTaskManager();
        awaitRecovered(jobId);
        JsonNode restored = rest.checkpoints(jobId).path("latest").path("restored");
        assertThat(restored.path("id").asLong()).as("restored checkpoint").isGreaterThanOrEqualTo(beforeKill);
        assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
        Thread.sleep(5_000);

        // The broker restarts under load; the job rides it out (or fails over) without loss or repeats.
        traffic.sendMalformed("b");
        kafka.restart();
        awaitRecovered(jobId);
        Thread.sleep(5_000);

        // The account's first session is learned (its final score committed) before the savepoint.
        RiskScore seed = awaitFinalScore(PROFILE_SEED_SESSION, Duration.ofSeconds(90));
        assertThat(seed.action()).as("the seed session, learned only if monitored").isEqualTo(Action.MONITOR);

        // 5. Stop with a savepoint and run the same jar from it. Scores committed before the stop
        // prove which batches the savepoint holds as state rather than as offsets to replay.
        Map<String, Long> batchesScoredBeforeSavepoint = new HashMap<>();
        try (CommittedTopic<RiskScore> scores = new CommittedTopic<>(kafka.bootstrapServers(), Topics.RISK_SCORES,
                TelltaleOnFlinkClusterITCase::riskScore)) {
            for (RiskScore score : scores.poll()) {
                batchesScoredBeforeSavepoint.merge(score.sessionId(), score.counts().batches(), Math::max);
            }
        }
        String savepoint = rest.stopWithSavepoint(jobId, flink.dir().resolve("savepoints"), RECOVERY);
        String upgradedJobId = rest.runJar(jarId, ENTRY_CLASS, programArgs, PARALLELISM, savepoint);
        rest.awaitRunning(upgradedJobId, RECOVERY);
        long restartedAt = System.currentTimeMillis();
        JsonNode restoredFromSavepoint = rest.checkpoints(upgradedJobId).path("latest").path("restored");
        assertThat(restoredFromSavepoint.path("is_savepoint").asBoolean()).as("restored from the savepoint").isTrue();
        assertThat(restoredFromSavepoint.path("external_path").asText()).isEqualTo(savepoint);
        traffic.sendMalformed("c");
        traffic.sendSession(Actor.HUMAN, PROFILE_NEXT_SESSION, PROFILE_USER, System.currentTimeMillis(),
                Duration.ofSeconds(20));
        Thread.sleep(15_000);
        traffic.stop();

        // Every session closes: event time moves past the last batch by more than the session gap.
        long lastEventTime = traffic.ackedBatches().values().stream().flatMap(List::stream)
                .mapToLong(LiveTraffic.SentBatch::startedAt).max().orElseThrow();
        Set<String> watermarkSessions = new HashSet<>(traffic.advanceEventTimeTo(
                lastEventTime + SESSION_GAP.toMillis() + OUT_OF_ORDERNESS.toMillis() + 20_000));

        // 4. Every session's final score, once per session window, covering every batch sent.
        Map<String, List<LiveTraffic.SentBatch>> sent = traffic.ackedBatches();
        Map<String, List<RiskScore>> finals = awaitFinalScores(sent, Duration.ofSeconds(90));
        assertThat(finals.keySet()).as("sessions with a final score").containsExactlyInAnyOrderElementsOf(sent.keySet());
        for (Map.Entry<String, List<RiskScore>> entry : finals.entrySet()) {
            List<RiskScore> windows = entry.getValue();
            assertThat(windows).extracting(score -> score.windowStart() + "-" + score.windowEnd())
                    .as("final scores of %s, one per session window", entry.getKey())
                    .doesNotHaveDuplicates();
            assertThat(windows.stream().mapToLong(score -> score.counts().batches()).sum())
                    .as("batches scored for %s", entry.getKey())
                    .isEqualTo(sent.get(entry.getKey()).size());
        }
        assertThat(finals.keySet()).doesNotContainAnyElementsOf(watermarkSessions);

        // The account's profile came through the savepoint: its next session is judged against a
        // profile that learned the session before the savepoint.
        assertThat(finals.get(PROFILE_NEXT_SESSION)).singleElement()
                .satisfies(score -> assertThat(score.profile()).as("profile comparison").isNotNull()
                        .extracting(ProfileDeviation::sessions).as("sessions the profile learned").isEqualTo(1L));

        // Sessions open across the savepoint: one final score over batches from both sides.
        List<String> spanning = sent.entrySet().stream()
                .filter(e -> batchesScoredBeforeSavepoint.getOrDefault(e.getKey(), 0L) > 0)
                .filter(e -> e.getValue().stream().anyMatch(batch -> batch.sentAtMillis() > restartedAt))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(spanning).as("sessions open across the savepoint").hasSizeGreaterThanOrEqualTo(3);
        for (String session : spanning) {
            assertThat(finals.get(session)).as("final scores of %s, open across the savepoint", session)
                    .singleElement()
                    .satisfies(score -> assertThat(score.counts().batches())
                            .isEqualTo(sent.get(session).size())
                            .isGreaterThan(batchesScoredBeforeSavepoint.get(session)));
        }

        // Alerts on the exactly-once topic (OCSF): none repeated through the TaskManager kill, the
        // broker restart and the savepoint restart, and none lost: every session whose final score
        // reached the default challenge threshold (every built-in policy challenges at or below it;
        // the simulator's documentation-range addresses are on no allowlist) has its alert.
        List<JsonNode> alerts;
        try (CommittedTopic<JsonNode> topic = new CommittedTopic<>(kafka.bootstrapServers(), Topics.ALERTS,
                TelltaleOnFlinkClusterITCase::json)) {
            alerts = topic.poll();
        }
        assertThat(alerts).extracting(alert -> alert.at("/finding_info/uid").asText())
                .as("alert ids on the alerts topic").doesNotHaveDuplicates();
        Set<String> alerted = new HashSet<>();
        for (JsonNode alert : alerts) {
            assertThat(alert.path("class_uid").asInt()).isEqualTo(2004);
            alerted.add(alert.at("/evidences/0/actor/session/uid").asText());
        }
        Set<String> shouldBeAlerted = new HashSet<>();
        finals.forEach((session, windows) -> {
            if (windows.stream().anyMatch(score -> score.score() >= 0.5)) {
                shouldBeAlerted.add(session);
            }
        });
        assertThat(shouldBeAlerted).as("sessions that reached the challenge threshold").isNotEmpty();
        assertThat(alerted).as("sessions with an alert").containsAll(shouldBeAlerted);

        // The dead-letter topic holds exactly the malformed records sent, each once, with its reason.
        Map<String, String> malformed = traffic.malformedSent();
        List<DeadLetter> deadLetters;
        try (CommittedTopic<DeadLetter> topic = new CommittedTopic<>(kafka.bootstrapServers(), Topics.DEAD_LETTERS,
                TelltaleOnFlinkClusterITCase::deadLetter)) {
            deadLetters = topic.poll();
        }
        assertThat(deadLetters).extracting(DeadLetter::payload).containsExactlyInAnyOrderElementsOf(malformed.keySet());
        for (DeadLetter deadLetter : deadLetters) {
            assertThat(deadLetter.reason()).as("reason for %s", deadLetter.payload())
                    .isEqualTo(malformed.get(deadLetter.payload()));
        }
        assertThat(traffic.commerceEvents()).isPositive();

        // Telltale's metrics reach the TaskManagers' Prometheus endpoints.
        Map<String, Double> metrics = scrapeTaskManagers();
        for (String metric : List.of("batchesIn", "rawEventsIn", "deadLettered_MALFORMED_JSON", "sessionsScored",
                "scoresByAction_", "featureTimeNanos", "scoringTimeNanos")) {
            assertThat(metrics.entrySet())
                    .as("Prometheus series flink_taskmanager_job_task_operator_telltale_%s", metric)
                    .anySatisfy(series -> {
                        assertThat(series.getKey()).startsWith("flink_taskmanager_job_task_operator_telltale_" + metric);
                        assertThat(series.getValue()).isPositive();
                    });
        }
        System.out.printf("deploy-tests: %d sessions, %d final scores, %d spanning the savepoint, %d alerts for %d"
                        + " sessions, %d dead letters, %d commerce events; logs in %s%n",
                sent.size(), finals.values().stream().mapToInt(List::size).sum(), spanning.size(), alerts.size(),
                alerted.size(), deadLetters.size(), traffic.commerceEvents(), dir);
    }

    /** Waits until the job runs on all its tasks again and has completed a checkpoint since. */
    private static void awaitRecovered(String jobId) throws IOException {
        long before = rest.latestCheckpoint(jobId);
        try {
            rest.awaitRunning(jobId, RECOVERY);
            rest.awaitCheckpointAfter(jobId, before, RECOVERY);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nexceptions: " + rest.exceptions(jobId), e);
        }
    }

    /** The one final score of {@code session}, once it covers every batch sent. */
    private static RiskScore awaitFinalScore(String session, Duration timeout) throws InterruptedException {
        List<RiskScore> finals = awaitFinalScores(Map.of(session, traffic.ackedBatches().get(session)), timeout)
                .get(session);
        assertThat(finals).as("final score of %s", session).singleElement();
        return finals.get(0);
    }

    /** Final scores by session, once every sent batch is covered by one (or the timeout passes). */
    private static Map<String, List<RiskScore>> awaitFinalScores(
            Map<String, List<LiveTraffic.SentBatch>> sent, Duration timeout) throws InterruptedException {
        try (CommittedTopic<RiskScore> topic = new CommittedTopic<>(kafka.bootstrapServers(), Topics.RISK_SCORES,
                TelltaleOnFlinkClusterITCase::riskScore)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, List<RiskScore>> finals;
            do {
                finals = topic.poll().stream().filter(RiskScore::isFinal)
                        .collect(Collectors.groupingBy(RiskScore::sessionId, TreeMap::new, Collectors.toList()));
                Map<String, List<RiskScore>> seen = finals;
                boolean complete = sent.entrySet().stream().allMatch(e -> seen.containsKey(e.getKey())
                        && seen.get(e.getKey()).stream().mapToLong(s -> s.counts().batches()).sum()
                                >= e.getValue().size());
                if (complete) {
                    return finals;
                }
                Thread.sleep(1_000);
            } while (System.nanoTime() < deadline);
            return finals;
        }
    }

    /** Sums every sample of every Telltale series across the live TaskManagers, by series name. */
    private static Map<String, Double> scrapeTaskManagers() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Double> series = new TreeMap<>();
        for (StandaloneFlinkCluster.TaskManager taskManager : flink.taskManagers()) {
            String body = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + taskManager.prometheusPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Files.writeString(dir.resolve(taskManager.id() + ".prom"), body);
            for (String line : body.split("\n")) {
                if (line.startsWith("#") || !line.contains("_telltale_")) {
                    continue;
                }
                int nameEnd = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                series.merge(line.substring(0, nameEnd), Double.isNaN(value) ? 0 : value, Double::sum);
            }
        }
        return series;
    }

    private static RiskScore riskScore(byte[] value) {
        try {
            return new RiskScoreSerde().deserialize(value);
        } catch (InvalidRecordException e) {
            throw new UncheckedIOException(new IOException("unreadable risk score", e));
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable alert: " + new String(value, java.nio.charset.StandardCharsets.UTF_8), e);
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
