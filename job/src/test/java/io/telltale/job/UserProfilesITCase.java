package io.telltale.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.profile.BehaviourProfile;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SessionSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user profiles through the whole job on a MiniCluster with RocksDB, against a real Kafka
 * broker: one account's sessions, a quarter of an hour apart, teach its profile; once it has seen
 * enough, its sessions are judged against it, and a session of someone else on the account is
 * further from it than the owner's. Anonymous sessions carry no profile. Across parallel windows
 * two sessions of one user may reach the profile in either order (it then skips the older, see
 * {@code ProfileRisk#mayLearn}); this test counts them, so it runs on one partition.
 */
class UserProfilesITCase extends TelltaleTestBase {

    /**
     * One partition at parallelism 1: the sessions then close, and reach the profile, in the order
     * the test counts them. (The job's watermarks come after the source, so one task reading two
     * partitions would see one partition's batches as late.)
     */
    private static final int PARTITIONS = 1;
    private static final String USER = "u-owner";
    private static final int OWNER_SESSIONS = BehaviourProfile.MIN_SESSIONS + 3;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARTITIONS)
                    .build());

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

    @Test
    void anAccountsSessionsTeachItsProfileAndSomeoneElseIsFurtherFromIt(@TempDir Path checkpoints) throws Exception {
        String telemetryTopic = "profiles.telemetry";
        String scoreTopic = "profiles.risk-scores";
        String deadLetterTopic = "profiles.dead-letters";
        kafka.createTopics(PARTITIONS, telemetryTopic, scoreTopic, deadLetterTopic);

        List<TelemetryBatch> batches = new ArrayList<>();
        long start = BEGINNING;
        for (int i = 0; i < OWNER_SESSIONS; i++) {
            batches.addAll(session(Actor.HUMAN, "s-owner-" + i, USER, start, 7)); // one person: one seed
            start += 15 * ONE_MINUTE;
        }
        batches.addAll(session(Actor.JITTER_BOT, "s-someone-else", USER, start, 99));
        batches.addAll(session(Actor.HUMAN, "s-anonymous", null, start, 5));
        batches.sort(Comparator.comparingLong(TelemetryBatch::startedAt));
        produce(telemetryTopic, batches);

        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.set(TelltaleOptions.SESSION_GAP, Duration.ofMinutes(2));
        config.set(TelltaleOptions.EMIT_INTERIM_SCORES, false);
        new TelltaleJob(
                        boundedTelemetrySource(kafka.bootstrapServers(), telemetryTopic, "profiles-job"),
                        TelltaleKafka.riskScoreSink(kafka.bootstrapServers(), scoreTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, "profiles-scores", new Properties()),
                        TelltaleKafka.deadLetterSink(kafka.bootstrapServers(), deadLetterTopic,
                                DeliveryGuarantee.AT_LEAST_ONCE, "profiles-dead-letters", new Properties()),
                        config)
                .execute(localEnvironment(checkpoints, Duration.ofSeconds(2), PARTITIONS));

        RiskScoreSerde serde = new RiskScoreSerde();
        Map<String, RiskScore> finals = new HashMap<>();
        for (byte[] value : readCommitted(kafka.bootstrapServers(), scoreTopic, PARTITIONS)) {
            RiskScore score = serde.deserialize(value);
            finals.put(score.sessionId(), score);
        }

        assertThat(finals).hasSize(OWNER_SESSIONS + 2);
        assertThat(finals.get("s-anonymous").profile()).isNull();
        for (int i = 0; i < OWNER_SESSIONS; i++) {
            ProfileDeviation profile = finals.get("s-owner-" + i).profile();
            assertThat(profile.sessions()).as("sessions learned before s-owner-%d", i).isEqualTo(i);
            assertThat(profile.status()).isEqualTo(i < BehaviourProfile.MIN_SESSIONS
                    ? ProfileDeviation.Status.YOUNG_PROFILE
                    : ProfileDeviation.Status.JUDGED);
        }
        ProfileDeviation lastOwner = finals.get("s-owner-" + (OWNER_SESSIONS - 1)).profile();
        ProfileDeviation someoneElse = finals.get("s-someone-else").profile();
        assertThat(someoneElse.status()).isEqualTo(ProfileDeviation.Status.JUDGED);
        assertThat(someoneElse.distance()).isGreaterThan(lastOwner.distance());
    }

    private static List<TelemetryBatch> session(Actor actor, String sessionId, String userId, long start, long seed) {
        return new SessionSimulator(seed).simulate(actor, sessionId, userId, start, Duration.ofMinutes(2)).batches();
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
}
