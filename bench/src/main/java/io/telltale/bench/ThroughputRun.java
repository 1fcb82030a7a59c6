package io.telltale.bench;

import io.telltale.connectors.RawRecord;
import java.nio.file.Path;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sustained throughput of one job over a pre-loaded topic: the job reads the topic from its start
 * to the end it had when the job started, with RocksDB and checkpoints every 10 s, and stops when
 * every session window has closed and every score is written. The time is Flink's net runtime of
 * the job; the CPU is what the whole process used from the moment the job ran until it finished
 * (the job, and the broker serving it).
 */
final class ThroughputRun {

    /** One measured run. */
    record Result(String job, int parallelism, long batches, long events, long runtimeMs, long cpuNanos,
            String loadBefore, String loadAfter) {
        double batchesPerSecond() {
            return batches * 1000.0 / runtimeMs;
        }

        double eventsPerSecond() {
            return events * 1000.0 / runtimeMs;
        }

        /** Cores the process kept busy on average. */
        double coresBusy() {
            return cpuNanos / (runtimeMs * 1e6);
        }

        /** Raw events per second of process CPU time: throughput per core actually used. */
        double eventsPerCpuSecond() {
            return events / (cpuNanos / 1e9);
        }
    }

    interface Topology {
        void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source);
    }

    private ThroughputRun() {}

    /**
     * @param flink settings over the job's local defaults (e.g. another state backend); only Flink's
     *              own keys among them mean anything to the cluster
     */
    static Result measure(String job, Topology topology, BenchKafka kafka, String topic, Workload.Totals loaded,
            int parallelism, Path checkpoints, Configuration flink) throws Exception {
        StreamExecutionEnvironment env = BenchFlink.environment(parallelism, checkpoints, 0, flink);
        topology.build(env, kafka.boundedSource(topic, "bench-" + job + "-" + System.nanoTime()));
        String loadBefore = MachineGauges.loadAverage();
        JobClient client = env.executeAsync(job);
        // CPU from the moment the job runs: the MiniCluster's own start-up is not the job's work.
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            Thread.sleep(5);
        }
        long cpuBefore = MachineGauges.processCpuNanos();
        long runtimeMs = client.getJobExecutionResult().get().getNetRuntime();
        long cpu = MachineGauges.processCpuNanos() - cpuBefore;
        return new Result(job, parallelism, loaded.batches(), loaded.events(), runtimeMs, cpu, loadBefore,
                MachineGauges.loadAverage());
    }
}
