package io.telltale.deploy;

import io.telltale.connectors.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The cluster of the deployment test, by hand: a Kafka broker and a standalone Flink session
 * cluster as local processes, started from Maven-resolved jars, with the Telltale topics created.
 * It prints where everything is and how to submit the job, and stops every process on Ctrl-C.
 * Started by {@code deploy-tests/local-cluster}.
 */
public final class LocalCluster {

    private LocalCluster() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "deploy-tests/target/local-cluster")
                .resolve("run-" + System.currentTimeMillis()).toAbsolutePath();
        int taskManagers = 2;
        int slots = 2;
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("kafka"));
        StandaloneFlinkCluster flink = StandaloneFlinkCluster.start(
                dir.resolve("flink"), taskManagers, slots, Duration.ofSeconds(10));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                flink.close();
                kafka.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-local-cluster"));
        kafka.createTopics(taskManagers * slots, Topics.TELEMETRY, Topics.COMMERCE, Topics.RISK_SCORES,
                Topics.DEAD_LETTERS, Topics.ALERTS);
        new FlinkRest(flink.restUrl()).awaitSlots(taskManagers * slots, Duration.ofSeconds(60));

        StringBuilder prometheus = new StringBuilder();
        for (StandaloneFlinkCluster.TaskManager taskManager : flink.taskManagers()) {
            prometheus.append(" http://127.0.0.1:").append(taskManager.prometheusPort()).append("/metrics");
        }
        System.out.println(String.join("\n",
                "Kafka      " + kafka.bootstrapServers(),
                "Flink      " + flink.restUrl() + "  (REST API and web UI)",
                "Prometheus" + prometheus,
                "Logs       " + dir,
                "",
                "Submit the job:",
                "  curl -sF jarfile=@job/target/telltale-job-0.1.0-SNAPSHOT-flink-job.jar " + flink.restUrl()
                        + "/jars/upload",
                "  curl -s -XPOST -H 'Content-Type: application/json' " + flink.restUrl() + "/jars/<id>/run \\",
                "    -d '{\"programArgsList\":[\"--telltale.kafka.bootstrap-servers\",\"" + kafka.bootstrapServers()
                        + "\"]}'",
                "Feed it:",
                "  ./telltale traffic --bootstrap-servers " + kafka.bootstrapServers(),
                "",
                "Ctrl-C stops every process."));
        Thread.currentThread().join();
    }
}
