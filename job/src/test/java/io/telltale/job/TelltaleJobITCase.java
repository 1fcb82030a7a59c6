package io.telltale.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a MiniCluster with RocksDB, against a real in-process Kafka broker: human and
 * bot sessions plus one malformed record of every kind go in on the telemetry topic; the test
 * reads the risk-score and dead-letter topics back.
 */
class TelltaleJobITCase extends TelltaleTestBase {

    private static final int PARTITIONS = 2;
    private static final Duration SESSION_LENGTH = Duration.ofMinutes(2);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARTITIONS)
                    .build());

    /**
     * Every partition holds data from the start and ends with the bounded source, so no split is
     * ever idle in these tests. On a machine loaded by other builds a final score once covered 39 of
     * its session's 46 batches, the likeliest cause a fetch stalled past the 30 s default idleness,
     * which lets the other partition's watermark overtake the stalled one's batches.
     */
    private static final Duration NO_IDLE_SPLITS = Duration.ofMinutes(10);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Configuration withoutIdleSplits(Configuration config) {
        config.set(TelltaleOptions.SOURCE_IDLENESS, NO_IDLE_SPLITS);
        return config;
    }

    /** Malformed records of every kind, by the dead-letter reason each must get. */
    private static Map<String, String> malformedRecords() {
        long farFuture = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        String oversized = "[" + "0,".repeat(9_999) + "0]";
        Map<String, String> records = new LinkedHashMap<>();
        records.put("{\"v\":1,\"sessionId\":\"s-bad-1\",\"seq\":0,", "MALFORMED_JSON");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-2\",\"seq\":\"zero\",\"startedAt\":" + BEGINNING + ",\"sentAt\":" + (BEGINNING + THREE_SECONDS) + "}", "WRONG_TYPE");
        records.put("{\"v\":1,\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + (BEGINNING + THREE_SECONDS) + "}", "MISSING_FIELD");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-4\",\"seq\":0,\"startedAt\":" + BEGINNING
                + ",\"mouse\":{\"t\":[0],\"x\":[NaN],\"y\":[1],\"kind\":[0]}}", "INVALID_VALUE");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-5\",\"seq\":0,\"startedAt\":" + BEGINNING
                + ",\"mouse\":{\"t\":[0],\"x\":[99999999],\"y\":[1],\"kind\":[0]}}", "INVALID_VALUE");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-6\",\"seq\":0,\"startedAt\":-5,\"sentAt\":" + BEGINNING + "}", "BAD_TIMESTAMP");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-7\",\"seq\":0,\"startedAt\":" + farFuture + ",\"sentAt\":" + farFuture + "}", "BAD_TIMESTAMP");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-8\",\"seq\":0,\"startedAt\":" + BEGINNING
                + ",\"scroll\":{\"t\":" + oversized + ",\"dx\":" + oversized + ",\"dy\":" + oversized + "}}", "OVERSIZED");
        records.put("{\"v\":2,\"sessionId\":\"s-bad-9\",\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + (BEGINNING + THREE_SECONDS) + "}", "UNSUPPORTED_VERSION");
        records.put("{\"v\":1,\"sessionId\":\"s-bad-10\",\"seq\":0,\"startedAt\":" + BEGINNING
                + ",\"mouse\":{\"t\":[0,16],\"x\":[1],\"y\":[1,2],\"kind\":[0,0]}}", "INCONSISTENT_TRACK");
        return records;
    }

    @Test
    void scoresBotsAboveHumansAndDeadLettersEveryBadRecordWithoutLosingGoodOnes(@TempDir Path checkpoints)
            throws Exception {
        String telemetryTopic = "it.telemetry";
        String scoreTopic = "it.risk-scores";
        String deadLetterTopic = "it.dead-letters";
        kafka.createTopics(PARTITIONS, telemetryTopic, scoreTopic, deadLetterTopic);

        Map<String, Actor> truth = new LinkedHashMap<>();
        List<TelemetryBatch> batches = new ArrayList<>();
        Actor[] actors = {Actor.HUMAN, Actor.HUMAN, Actor.HUMAN, Actor.HUMAN, Actor.LINEAR_BOT,
                Actor.JITTER_BOT, Actor.TELEPORT_BOT, Actor.UNIFORM_TYPING_BOT, Actor.HEADLESS_BOT};
        for (int i = 0; i < actors.length; i++) {
            String sessionId = "s-it-" + i + "-" + actors[i].label();
            truth.put(sessionId, actors[i]);
            batches.addAll(simulatedSession(actors[i], sessionId, BEGINNING + i * 7 * ONE_SECOND, SESSION_LENGTH, 100 + i));
        }
        batches.sort(Comparator.comparingLong(TelemetryBatch::startedAt));
        Map<String, Long> batchesPerSession = batches.stream()
                .collect(Collectors.groupingBy(TelemetryBatch::sessionId, Collectors.counting()));

        Map<String, String> malformed = malformedRecords();
        produce(telemetryTopic, batches, malformed);

        Configuration config = withoutIdleSplits(TelltaleJob.defaultFlinkConfiguration());
        StreamExecutionEnvironment env = localEnvironment(checkpoints, Duration.ofSeconds(2), PARTITIONS);
        KafkaSource<RawRecord> source = boundedTelemetrySource(kafka.bootstrapServers(), telemetryTopic, "it-job");
        new TelltaleJob(
                        source,
                        TelltaleKafka.riskScoreSink(kafka.bootstrapServers(), scoreTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, "it-scores", new Properties()),
                        TelltaleKafka.deadLetterSink(kafka.bootstrapServers(), deadLetterTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, "it-dead-letters", new Properties()),
                        config)
                .execute(env);

        RiskScoreSerde scoreSerde = new RiskScoreSerde();
        List<RiskScore> scores = new ArrayList<>();
        for (byte[] value : readCommitted(kafka.bootstrapServers(), scoreTopic, PARTITIONS)) {
            scores.add(scoreSerde.deserialize(value));
        }
        Map<String, RiskScore> finals = new HashMap<>();
        for (RiskScore score : scores) {
            if (score.isFinal()) {
                assertThat(finals.put(score.sessionId(), score)).as("one final score per session").isNull();
            }
        }

        // Every session got its final score, built from every one of its batches: the bad records
        // beside them cost nothing.
        assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        for (Map.Entry<String, RiskScore> entry : finals.entrySet()) {
            assertThat(entry.getValue().counts().batches())
                    .as("batches counted for %s", entry.getKey())
                    .isEqualTo(batchesPerSession.get(entry.getKey()));
            assertThat(entry.getValue().context().deviceFingerprint()).matches("[0-9a-f]{16}");
            assertThat(entry.getValue().context().clientIp()).isNotBlank();
            assertThat(entry.getValue().context().route()).startsWith("/");
        }
        for (Map.Entry<String, Actor> entry : truth.entrySet()) {
            RiskScore score = finals.get(entry.getKey());
            if (entry.getValue().isBot()) {
                assertThat(score.score()).as("final score of %s", entry.getKey()).isGreaterThanOrEqualTo(0.5);
                assertThat(score.reasons()).as("reasons for %s", entry.getKey()).isNotEmpty();
            } else {
                assertThat(score.score()).as("final score of %s", entry.getKey()).isLessThan(0.5);
            }
        }
        // Interim scores came before the finals: bots were flagged while still active.
        assertThat(scores).filteredOn(score -> !score.isFinal() && truth.get(score.sessionId()).isBot())
                .isNotEmpty();

        DeadLetterSerde deadLetterSerde = new DeadLetterSerde();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (byte[] value : readCommitted(kafka.bootstrapServers(), deadLetterTopic, PARTITIONS)) {
            deadLetters.add(deadLetterSerde.deserialize(value));
        }
        assertThat(deadLetters).extracting(DeadLetter::payload)
                .containsExactlyInAnyOrderElementsOf(malformed.keySet());
        for (DeadLetter deadLetter : deadLetters) {
            assertThat(deadLetter.reason())
                    .as("reason for %s", deadLetter.payload())
                    .isEqualTo(malformed.get(deadLetter.payload()));
            assertThat(deadLetter.detail()).isNotBlank();
            assertThat(deadLetter.origin()).startsWith(telemetryTopic + "/");
        }
    }

    /**
     * Event time is the Kafka record timestamp, which the gateway sets to its receive time, not
     * the client's clock: a browser whose clock runs an hour slow is scored in full next to a
     * correct one on another partition, and the one reader that owns both partitions keeps a
     * watermark per partition. Taken from the batches' own start times instead (BATCH_START), the
     * slow client's batches would fall an hour behind the watermark and be dead-lettered as late.
     */
    @Test
    void aClientClockRunningAnHourSlowNeitherMovesEventTimeNorLosesItsBatches(@TempDir Path checkpoints)
            throws Exception {
        String telemetryTopic = "it.skew.telemetry";
        String scoreTopic = "it.skew.risk-scores";
        String deadLetterTopic = "it.skew.dead-letters";
        kafka.createTopics(PARTITIONS, telemetryTopic, scoreTopic, deadLetterTopic);
        long anHour = 60 * ONE_MINUTE;
        List<TelemetryBatch> onTime = simulatedSession(Actor.HUMAN, "s-on-time", BEGINNING, Duration.ofMinutes(1), 7);
        List<TelemetryBatch> slowClock =
                simulatedSession(Actor.HUMAN, "s-slow-clock", BEGINNING - anHour, Duration.ofMinutes(1), 8);
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            for (TelemetryBatch batch : onTime) {
                producer.send(new ProducerRecord<>(telemetryTopic, 0, batch.arrivedAt(),
                        batch.sessionId().getBytes(StandardCharsets.UTF_8), serde.serialize(batch)));
            }
            for (TelemetryBatch batch : slowClock) {
                // Received now, by the gateway's clock; stamped an hour earlier by the browser's.
                producer.send(new ProducerRecord<>(telemetryTopic, 1, batch.arrivedAt() + anHour,
                        batch.sessionId().getBytes(StandardCharsets.UTF_8), serde.serialize(batch)));
            }
            producer.flush();
        }

        // One source reader owns both partitions; watermarks as often as the runtime allows, so a
        // watermark taken over both partitions at once would overtake the second one.
        StreamExecutionEnvironment env = localEnvironment(checkpoints, Duration.ofSeconds(2), 1);
        env.getConfig().setAutoWatermarkInterval(1);
        runJob(env, telemetryTopic, scoreTopic, deadLetterTopic, "it-skew");

        assertThat(readCommitted(kafka.bootstrapServers(), deadLetterTopic, PARTITIONS))
                .extracting(value -> new String(value, StandardCharsets.UTF_8))
                .as("dead letters")
                .isEmpty();
        assertThat(finalBatchCounts(scoreTopic)).containsOnly(
                Map.entry("s-on-time", (long) onTime.size()),
                Map.entry("s-slow-clock", (long) slowClock.size()));
    }

    /**
     * Two tabs of one session (the session a shop's backend started and rendered into every page)
     * each number their batches from 0 under their own page id: both are counted in the session's
     * score, while a retry within either tab is still dropped.
     */
    @Test
    void twoTabsOfOneSessionAreBothCountedAndTheirRetriesDropped(@TempDir Path checkpoints) throws Exception {
        String telemetryTopic = "it.tabs.telemetry";
        String scoreTopic = "it.tabs.risk-scores";
        String deadLetterTopic = "it.tabs.dead-letters";
        kafka.createTopics(PARTITIONS, telemetryTopic, scoreTopic, deadLetterTopic);
        List<TelemetryBatch> firstTab = simulatedSession(Actor.HUMAN, "s-two-tabs", BEGINNING, Duration.ofMinutes(1), 11)
                .stream().map(batch -> onPage("tab-one", batch)).toList();
        List<TelemetryBatch> secondTab =
                simulatedSession(Actor.HUMAN, "s-two-tabs", BEGINNING + 10 * ONE_SECOND, Duration.ofMinutes(1), 12)
                        .stream().map(batch -> onPage("tab-two", batch)).toList();
        List<TelemetryBatch> sent = new ArrayList<>(firstTab);
        sent.addAll(secondTab);
        // Each tab retries one batch whose first attempt arrived.
        sent.add(firstTab.get(2));
        sent.add(secondTab.get(3));
        sent.sort(Comparator.comparingLong(TelemetryBatch::arrivedAt));
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            List<Future<?>> written = new ArrayList<>();
            for (TelemetryBatch batch : sent) {
                written.add(producer.send(TelltaleKafka.telemetryRecord(telemetryTopic, batch, serde.serialize(batch))));
            }
            producer.flush();
            for (Future<?> record : written) {
                record.get(); // a record the broker refused fails the test here, not as a count below
            }
        }

        runJob(localEnvironment(checkpoints, Duration.ofSeconds(2), 1), telemetryTopic, scoreTopic, deadLetterTopic,
                "it-tabs");

        assertThat(readCommitted(kafka.bootstrapServers(), deadLetterTopic, PARTITIONS)).as("dead letters").isEmpty();
        assertThat(finalBatchCounts(scoreTopic)).as("batches of the session's final score")
                .containsOnly(Map.entry("s-two-tabs", (long) firstTab.size() + secondTab.size()));
    }

    /** The job over the bounded telemetry topic, without idle splits; scores and dead letters at least once. */
    private static void runJob(StreamExecutionEnvironment env, String telemetryTopic, String scoreTopic,
            String deadLetterTopic, String clientId) throws Exception {
        new TelltaleJob(
                        boundedTelemetrySource(kafka.bootstrapServers(), telemetryTopic, clientId),
                        TelltaleKafka.riskScoreSink(kafka.bootstrapServers(), scoreTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, clientId + "-scores", new Properties()),
                        TelltaleKafka.deadLetterSink(kafka.bootstrapServers(), deadLetterTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, clientId + "-dead-letters", new Properties()),
                        withoutIdleSplits(TelltaleJob.defaultFlinkConfiguration()))
                .execute(env);
    }

    /** Batches counted in each session's final score, by session id. */
    private static Map<String, Long> finalBatchCounts(String scoreTopic) throws Exception {
        RiskScoreSerde scoreSerde = new RiskScoreSerde();
        Map<String, Long> counts = new HashMap<>();
        for (byte[] value : readCommitted(kafka.bootstrapServers(), scoreTopic, PARTITIONS)) {
            RiskScore score = scoreSerde.deserialize(value);
            if (score.isFinal()) {
                counts.put(score.sessionId(), score.counts().batches());
            }
        }
        return counts;
    }

    /**
     * Writes the batches keyed by session, with the malformed records spread between them on every
     * partition, and one batch sent twice (an SDK retry).
     */
    private static void produce(String topic, List<TelemetryBatch> batches, Map<String, String> malformed) {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        List<String> bad = new ArrayList<>(malformed.keySet());
        int spacing = Math.max(1, batches.size() / (bad.size() + 1));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            for (int i = 0; i < batches.size(); i++) {
                TelemetryBatch batch = batches.get(i);
                producer.send(TelltaleKafka.telemetryRecord(topic, batch, serde.serialize(batch)));
                if (i == batches.size() / 2) {
                    producer.send(TelltaleKafka.telemetryRecord(topic, batch, serde.serialize(batch)));
                }
                int badIndex = i / spacing;
                if (i % spacing == 0 && badIndex < bad.size()) {
                    byte[] payload = bad.get(badIndex).getBytes(StandardCharsets.UTF_8);
                    // Stamped like the batch beside it, as the gateway would stamp any record.
                    producer.send(new ProducerRecord<>(topic, badIndex % PARTITIONS, batch.arrivedAt(), null, payload));
                }
            }
            producer.flush();
        }
    }
}
