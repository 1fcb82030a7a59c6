package io.telltale.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) running inside this JVM, for
 * the demo and the integration tests. Data lives in a temporary directory deleted on
 * {@link #close()}.
 *
 * <p>Built on Kafka's own test kit ({@code kafka-test-common-runtime}), which connectors declares
 * as an optional dependency: a module that calls this class must depend on the kit itself (the
 * CLI does; the job jar for a real cluster does not).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** How long {@link #createTopics} waits for the new partitions' leaders. */
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    /**
     * Broker settings a single node needs, plus what makes it quick for tests. Internal topics
     * default to replication 3 and would never become available on one broker.
     */
    static final Map<String, String> SINGLE_NODE_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // A consumer group starts consuming at once instead of waiting 3 s for more members.
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // Accepts the Flink KafkaSink's own default transaction timeout (1 h) as well as ours.
            Map.entry("transaction.max.timeout.ms", "3600000"),
            // Keeps every record whatever its timestamp. Retention goes by record timestamps, and
            // tests, backtests and replayed datasets carry event times days or years old: with the
            // default 7 days the broker's first retention pass (30 s after start) deleted them,
            // topic by topic, while a test was still reading them back. The broker's data is
            // temporary anyway and goes on close().
            Map.entry("log.retention.ms", "-1"));

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker with the single-node settings and waits until it accepts clients. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with broker settings that override or add to the defaults. */
    public static EmbeddedKafka start(Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>(SINGLE_NODE_CONFIG);
        config.putAll(overrides);
        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build());
            config.forEach(builder::setConfigProp);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    /**
     * Formats the log directories. The test kit's formatter prints its bootstrap metadata to
     * {@code System.out}, which would land in the middle of the demo's output; nothing else
     * prints while the broker starts, so stdout is swapped out for that call only.
     */
    private static synchronized void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(stdout);
        }
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates the topics (replication 1); topics that already exist are left as they are. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            for (var result : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, List.of(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * Waits until every partition of {@code topics} has a leader: a topic is created before its
     * partitions have one, and a producer that writes at once gets NOT_LEADER_OR_FOLLOWER and
     * retries, which under load has cost test records.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            try {
                boolean led = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                // not known to the broker's metadata yet: try again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader for every partition of " + topics + " within " + LEADER_WAIT);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker cleanly", e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                // Already failing; the start-up error is the one worth reporting.
            }
        }
    }
}
