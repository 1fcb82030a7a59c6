package io.telltale.bench;

import io.telltale.job.TelltaleJob;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Flink environment every measured job runs in: the job's local defaults, RocksDB, checkpoints every 10 s. */
final class BenchFlink {

    private BenchFlink() {}

    /**
     * A MiniCluster with {@code parallelism} slots, RocksDB with incremental checkpoints every 10 s
     * into {@code checkpoints} ({@link TelltaleJob#defaultFlinkConfiguration()}), its REST API on
     * {@code restPort}.
     */
    static StreamExecutionEnvironment environment(int parallelism, Path checkpoints, int restPort) {
        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        config.set(RestOptions.PORT, restPort);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config);
        env.setParallelism(parallelism);
        return env;
    }
}
