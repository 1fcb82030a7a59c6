package io.telltale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;

/**
 * State held per active session: {@code sessions} concurrent sessions are loaded, the job reads them
 * all (every window stays open: the gap is 30 min), and the size of the latest completed checkpoint
 * is read from Flink's REST API once the source has committed the end of the topic, which it does
 * only when a checkpoint that includes every record completes. With RocksDB and incremental
 * checkpoints, {@code state_size} is the full size of the SST files: every operator's keyed state
 * (window accumulators, merging-window sets, trigger state, timers, deduplication, alert levels),
 * with whatever older versions of it compaction has not yet dropped. RocksDB's own estimate of the
 * live data ({@code rocksdb.estimate-live-data-size}, a native metric, summed over every column
 * family of every operator) is read beside it: the state itself, without those.
 */
final class StateSizeRun {

    /** The RocksDB property, as Flink's native metrics name it under each column family's group. */
    static final String LIVE_DATA_METRIC = "rocksdb.estimate-live-data-size";

    /**
     * @param stateBytes full size of the latest completed checkpoint
     * @param liveData   RocksDB's estimate of the live data of each operator's state, {@code operator.state}
     */
    record Result(long sessions, int batchesPerSession, long batches, long stateBytes, Map<String, Long> liveData,
            long residentBytes, Duration readIn) {
        long liveDataBytes() {
            return liveData.values().stream().mapToLong(Long::longValue).sum();
        }

        double bytesPerSession() {
            return (double) stateBytes / sessions;
        }

        double liveBytesPerSession() {
            return (double) liveDataBytes() / sessions;
        }
    }

    private StateSizeRun() {}

    static Result measure(Workload workload, long sessions, int batchesPerSession, BenchKafka kafka, int parallelism,
            Path checkpoints, Duration timeout, Configuration settings) throws Exception {
        String run = "state-" + sessions;
        TelltaleUnderTest.Names names = TelltaleUnderTest.Names.of(run);
        kafka.createPreloadTopics(parallelism, names.all());
        Workload sized = new Workload(workload.parameters.withSessions(sessions, batchesPerSession), workload.templates);
        Workload.Totals loaded = kafka.preload(sized, 0, System.currentTimeMillis(), names.telemetry());

        int restPort = BenchFlink.freePort();
        String group = "bench-" + run;
        Configuration flink = new Configuration();
        flink.set(RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, true);
        JobClient job = TelltaleUnderTest.start(kafka, names, run, parallelism, checkpoints, restPort, settings,
                DeliveryGuarantee.AT_LEAST_ONCE, flink);
        long started = System.nanoTime();
        try {
            long deadline = started + timeout.toNanos();
            while (!kafka.caughtUp(names.telemetry(), group)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not read " + sessions + " sessions within " + timeout);
                }
                Thread.sleep(1000);
            }
            Duration readIn = Duration.ofNanos(System.nanoTime() - started);
            String jobId = job.getJobID().toHexString();
            long stateBytes = latestCheckpointSize(restPort, jobId);
            Map<String, Long> live = liveDataSize(restPort, jobId, Duration.ofSeconds(60));
            return new Result(sessions, batchesPerSession, loaded.batches(), stateBytes, live,
                    MachineGauges.residentBytes(), readIn);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * {@value #LIVE_DATA_METRIC} of each operator's state (column family), {@code operator.state},
     * summed over its subtasks, from Flink's REST API; waits up to {@code patience} for the metrics
     * to be reported.
     */
    private static Map<String, Long> liveDataSize(int restPort, String jobId, Duration patience)
            throws IOException, InterruptedException {
        String suffix = "." + LIVE_DATA_METRIC.replace('.', '_');
        long deadline = System.nanoTime() + patience.toNanos();
        for (;;) {
            Map<String, Long> byState = new TreeMap<>();
            for (JsonNode vertex : BenchFlink.get(restPort, "/jobs/" + jobId).path("vertices")) {
                String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
                List<String> ids = new ArrayList<>();
                for (JsonNode metric : BenchFlink.get(restPort, path)) {
                    // the REST API reports the name with '_' for the '.' (rocksdb_estimate-live-data-size)
                    if (metric.path("id").asText().endsWith(suffix)) {
                        ids.add(metric.path("id").asText());
                    }
                }
                if (ids.isEmpty()) {
                    continue;
                }
                for (JsonNode metric : BenchFlink.get(restPort, path + "?agg=sum&get="
                        + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8))) {
                    String id = metric.path("id").asText();
                    long bytes = (long) metric.path("sum").asDouble();
                    byState.merge(id.substring(0, id.length() - suffix.length()), bytes, Long::sum);
                }
            }
            if (byState.values().stream().anyMatch(bytes -> bytes > 0)) {
                return byState;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + LIVE_DATA_METRIC + " metric reported within " + patience);
            }
            Thread.sleep(1000);
        }
    }

    private static long latestCheckpointSize(int restPort, String jobId) throws IOException, InterruptedException {
        JsonNode statistics = BenchFlink.checkpoints(restPort, jobId);
        JsonNode completed = statistics.path("latest").path("completed");
        if (!completed.has("state_size")) {
            throw new IllegalStateException("no completed checkpoint: " + statistics);
        }
        return completed.get("state_size").asLong();
    }
}
