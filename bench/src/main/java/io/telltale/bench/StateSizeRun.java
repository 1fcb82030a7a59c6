package io.telltale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * State held per active session: {@code sessions} concurrent sessions are loaded, the job reads them
 * all (every window stays open: the gap is 30 min), and the size of the latest completed checkpoint
 * is read from Flink's REST API once the source has committed the end of the topic, which it does
 * only when a checkpoint that includes every record completes. With RocksDB and incremental
 * checkpoints, {@code state_size} is the full size of the SST files: every operator's keyed state
 * (window accumulators, merging-window sets, trigger state, timers, deduplication, alert levels).
 */
final class StateSizeRun {

    record Result(long sessions, int batchesPerSession, long batches, long stateBytes, long residentBytes,
            Duration readIn) {
        double bytesPerSession() {
            return (double) stateBytes / sessions;
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
        JobClient job = TelltaleUnderTest.start(kafka, names, run, parallelism, checkpoints, restPort, settings);
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
            long stateBytes = latestCheckpointSize(restPort, job.getJobID().toHexString());
            return new Result(sessions, batchesPerSession, loaded.batches(), stateBytes, MachineGauges.residentBytes(),
                    readIn);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
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
