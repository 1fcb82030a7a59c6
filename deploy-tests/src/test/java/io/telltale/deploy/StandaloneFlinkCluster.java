package io.telltale.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A standalone Flink session cluster of separate JVMs started from Maven-resolved jars, as
 * {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} of a distribution would: one
 * {@code StandaloneSessionClusterEntrypoint} and any number of {@code TaskManagerRunner}s, each
 * with its own generated {@code config.yaml}, state in RocksDB on local disk (or on the heap), checkpoints and
 * savepoints under one directory, and a Prometheus endpoint.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String PROMETHEUS_REPORTER = "prom";

    /**
     * What {@code env.java.opts.all} of Flink's own {@code config.yaml} opens on Java 17 (the
     * distribution passes the same to every process).
     */
    static final List<String> JAVA_17_OPENS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path dir;
    private final String classPath;
    private final Configuration shared;
    private final int restPort;
    private final Path log4jConfig;
    private final JvmProcess jobManager;
    private final List<TaskManager> taskManagers = new ArrayList<>();
    private int taskManagersStarted;

    /** A TaskManager process and where it reports its metrics. */
    record TaskManager(String id, JvmProcess process, int prometheusPort) {}

    private StandaloneFlinkCluster(Path dir, Configuration shared, int restPort) throws IOException {
        this.dir = dir;
        this.classPath = ClusterClasspath.flink();
        this.shared = shared;
        this.restPort = restPort;
        this.log4jConfig = ClusterClasspath.writeLog4jConfig(dir.resolve("conf"));
        Configuration config = new Configuration(shared);
        int prometheusPort = FreePorts.next();
        config.setString(prometheusKey("port"), Integer.toString(prometheusPort));
        config.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("768m"));
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
        Path confDir = writeConfig("jobmanager", config);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(split(JobManagerProcessUtils.generateJvmParametersStr(spec, config)));
        jvm.addAll(logging("jobmanager"));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        this.jobManager = JvmProcess.start("jobmanager", classPath, jvm, JOB_MANAGER_MAIN, args, outFile("jobmanager"));
    }

    /**
     * Starts the JobManager and {@code taskManagers} TaskManagers with {@code slotsPerTaskManager}
     * slots each; returns once the REST API answers. Nothing waits for the TaskManagers to register.
     */
    static StandaloneFlinkCluster start(
            Path dir, int taskManagers, int slotsPerTaskManager, Duration checkpointInterval)
            throws IOException, InterruptedException {
        return start(dir, taskManagers, slotsPerTaskManager, checkpointInterval, "rocksdb");
    }

    /** As above, with {@code stateBackend} ({@code rocksdb} as the scoring job is deployed, {@code hashmap}). */
    static StandaloneFlinkCluster start(
            Path dir, int taskManagers, int slotsPerTaskManager, Duration checkpointInterval, String stateBackend)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Configuration shared = new Configuration();
        int restPort = FreePorts.next();
        shared.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        shared.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        shared.set(JobManagerOptions.PORT, FreePorts.next());
        shared.set(RestOptions.ADDRESS, "127.0.0.1");
        shared.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        shared.set(RestOptions.PORT, restPort);
        shared.set(TaskManagerOptions.HOST, "127.0.0.1");
        shared.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        shared.set(TaskManagerOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
        shared.set(CoreOptions.DEFAULT_PARALLELISM, taskManagers * slotsPerTaskManager);
        shared.set(WebOptions.UPLOAD_DIR, dir.resolve("web-upload").toString());

        shared.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        shared.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, stateBackend.equals("rocksdb"));
        shared.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        shared.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        shared.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        shared.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, dir.resolve("savepoints").toUri().toString());
        shared.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        // Fail over fast on a lost TaskManager, and keep restarting while Kafka is away.
        shared.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        shared.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(8));
        shared.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        shared.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        shared.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));

        // The distribution ships the reporter as a plugin; here it is on the class path, where
        // Flink's reporter setup finds it through the service loader just the same.
        shared.setString(prometheusKey(MetricOptions.REPORTER_FACTORY_CLASS.key()),
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");

        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, shared, restPort);
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            FlinkRest.awaitReachable(cluster.restUrl(), cluster.jobManager, Duration.ofSeconds(60));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more TaskManager, as a replacement or to scale out. */
    TaskManager startTaskManager() throws IOException {
        String id = "taskmanager-" + (++taskManagersStarted);
        Configuration config = new Configuration(shared);
        int prometheusPort = FreePorts.next();
        config.setString(prometheusKey("port"), Integer.toString(prometheusPort));
        config.set(TaskManagerOptions.RPC_PORT, Integer.toString(FreePorts.next()));
        config.set(TaskManagerOptions.TASK_MANAGER_RESOURCE_ID, id);
        config.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse("1200m"));
        config.set(CoreOptions.TMP_DIRS, dir.resolve(id).resolve("tmp").toString());
        Files.createDirectories(dir.resolve(id).resolve("tmp"));
        // What bin/taskmanager.sh derives with BashJavaUtils: heap, direct and metaspace limits as
        // JVM flags, every memory pool as a dynamic property.
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        Path confDir = writeConfig(id, config);
        List<String> jvm = new ArrayList<>(JAVA_17_OPENS);
        jvm.addAll(split(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        jvm.addAll(logging(id));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        TaskManager taskManager = new TaskManager(
                id, JvmProcess.start(id, classPath, jvm, TASK_MANAGER_MAIN, args, outFile(id)), prometheusPort);
        taskManagers.add(taskManager);
        return taskManager;
    }

    /** {@code kill -9} of a TaskManager; it is gone from {@link #taskManagers()} afterwards. */
    void killTaskManager(TaskManager taskManager) throws InterruptedException {
        taskManager.process().kill();
        taskManagers.remove(taskManager);
    }

    List<TaskManager> taskManagers() {
        return List.copyOf(taskManagers);
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    Path dir() {
        return dir;
    }

    JvmProcess jobManager() {
        return jobManager;
    }

    @Override
    public void close() throws InterruptedException {
        for (TaskManager taskManager : taskManagers) {
            taskManager.process().close();
        }
        taskManagers.clear();
        jobManager.close();
    }

    private Path writeConfig(String process, Configuration config) throws IOException {
        Path confDir = dir.resolve("conf").resolve(process);
        Files.createDirectories(confDir);
        Files.write(confDir.resolve("config.yaml"), ConfigurationUtils.convertConfigToWritableLines(config, true));
        Files.copy(log4jConfig, confDir.resolve("log4j.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return confDir;
    }

    private List<String> logging(String process) {
        return List.of(
                "-Dlog.file=" + logFile(process),
                "-Dlog4j.configurationFile=" + log4jConfig.toUri());
    }

    private Path logFile(String process) {
        return dir.resolve("log").resolve(process + ".log");
    }

    /** Standard output and error of a process; its Log4j output goes to {@link #logFile}. */
    private Path outFile(String process) {
        return dir.resolve("log").resolve(process + ".out");
    }

    private static String prometheusKey(String suffix) {
        return ConfigConstants.METRICS_REPORTER_PREFIX + PROMETHEUS_REPORTER + "." + suffix;
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
