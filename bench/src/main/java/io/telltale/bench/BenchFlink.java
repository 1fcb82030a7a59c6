package io.telltale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.job.TelltaleJob;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Flink environment every measured job runs in: the job's local defaults, RocksDB, checkpoints every 10 s. */
final class BenchFlink {

    private BenchFlink() {}

    /**
     * A MiniCluster with {@code parallelism} slots, RocksDB with incremental checkpoints every 10 s
     * into {@code checkpoints} ({@link TelltaleJob#defaultFlinkConfiguration()}) and {@code overrides}
     * over those settings, its REST API on {@code restPort} (0: any free port).
     */
    static StreamExecutionEnvironment environment(int parallelism, Path checkpoints, int restPort,
            Configuration overrides) {
        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.addAll(overrides);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        config.set(RestOptions.PORT, restPort);
        // enough history to cover a latency run's checkpoints (Flink keeps 10 by default)
        config.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config);
        env.setParallelism(parallelism);
        return env;
    }

    /** The job's checkpoint statistics from Flink's REST API ({@code GET /jobs/:id/checkpoints}). */
    static JsonNode checkpoints(int restPort, String jobId) throws IOException, InterruptedException {
        return get(restPort, "/jobs/" + jobId + "/checkpoints");
    }

    /** {@code GET path} of the MiniCluster's REST API, parsed. */
    static JsonNode get(int restPort, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + response.statusCode() + ": " + response.body());
        }
        return new ObjectMapper().readTree(response.body());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
