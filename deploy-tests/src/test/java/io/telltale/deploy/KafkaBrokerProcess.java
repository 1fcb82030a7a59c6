package io.telltale.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single Kafka node (KRaft, broker and controller in one process) as its own JVM, started as
 * {@code bin/kafka-storage.sh format} and {@code bin/kafka-server-start.sh} of a Kafka
 * distribution would: {@code kafka.tools.StorageTool}, then {@code kafka.Kafka}. It keeps its
 * ports and log directories across {@link #restart}.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";
    static final String BROKER_MAIN = "kafka.Kafka";

    private final Path dir;
    private final Path serverProperties;
    private final String classPath;
    private final int brokerPort;
    private final List<String> jvmArgs;
    private JvmProcess process;
    private int starts;

    private KafkaBrokerProcess(Path dir) throws IOException {
        this.dir = dir;
        this.classPath = ClusterClasspath.kafka();
        this.brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("log.dirs", dir.resolve("data").toString());
        // One node: internal topics with replication 1, and few partitions so it starts quickly.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "4");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "4");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Accepts the Flink KafkaSink's own default transaction timeout (1 h) as well as Telltale's.
        config.put("transaction.max.timeout.ms", "3600000");
        Files.createDirectories(dir);
        this.serverProperties = dir.resolve("server.properties");
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(serverProperties, text);
        Path log4j = ClusterClasspath.writeLog4jConfig(dir);
        this.jvmArgs = List.of(
                "-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog.file=" + dir.resolve("kafka.log"),
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-Dkafka.logs.dir=" + dir);
    }

    /** Formats the log directories with a new cluster id and starts the broker. */
    static KafkaBrokerProcess start(Path dir) throws IOException, InterruptedException {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dir);
        JvmProcess format = JvmProcess.start("kafka-storage-format", broker.classPath, broker.jvmArgs,
                STORAGE_TOOL_MAIN,
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", broker.serverProperties.toString()),
                dir.resolve("kafka-storage-format.out"));
        int exit = format.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed (" + exit + "); see " + format.log());
        }
        broker.launch();
        return broker;
    }

    /** Stops the broker cleanly (SIGTERM, controlled shutdown) and starts it again on the same data. */
    void restart() throws IOException, InterruptedException {
        process.stop(Duration.ofSeconds(30));
        launch();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Creates the topics (replication 1). */
    void createTopics(int partitions, String... topics) throws InterruptedException, ExecutionException {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(newTopics).all().get();
        }
    }

    JvmProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }

    private void launch() throws IOException, InterruptedException {
        process = JvmProcess.start("kafka", classPath, jvmArgs, BROKER_MAIN, List.of(serverProperties.toString()),
                dir.resolve("kafka-" + (++starts) + ".out"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker died while starting; see " + process.log());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka broker not up within 60 s; see " + process.log());
    }

    private Admin admin() {
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        return Admin.create(props);
    }
}
