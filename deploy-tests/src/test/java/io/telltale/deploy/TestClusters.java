package io.telltale.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A Kafka broker process and a standalone Flink cluster for one test class, in a directory of its
 * own under {@code telltale.cluster.dir} where every log stays; skipped with
 * {@code -Dtelltale.deploy-tests.skip}. Closing stops Flink, then Kafka.
 */
record TestClusters(Path dir, KafkaBrokerProcess kafka, StandaloneFlinkCluster flink, FlinkRest rest)
        implements AutoCloseable {

    static TestClusters start(String name, int taskManagers, int slotsPerTaskManager, Duration checkpointInterval)
            throws IOException, InterruptedException {
        return start(name, taskManagers, slotsPerTaskManager, checkpointInterval, "rocksdb");
    }

    /** As above, the Flink cluster with {@code stateBackend}. */
    static TestClusters start(String name, int taskManagers, int slotsPerTaskManager, Duration checkpointInterval,
            String stateBackend) throws IOException, InterruptedException {
        Assumptions.assumeFalse(Boolean.getBoolean("telltale.deploy-tests.skip"),
                "cluster test skipped (-Dtelltale.deploy-tests.skip)");
        Path dir = Path.of(System.getProperty("telltale.cluster.dir", "target/cluster"))
                .resolve(name + "-" + System.currentTimeMillis()).toAbsolutePath();
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("kafka"));
        try {
            StandaloneFlinkCluster flink = StandaloneFlinkCluster.start(
                    dir.resolve("flink"), taskManagers, slotsPerTaskManager, checkpointInterval, stateBackend);
            return new TestClusters(dir, kafka, flink, new FlinkRest(flink.restUrl()));
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            flink.close();
        } finally {
            kafka.close();
        }
    }
}
