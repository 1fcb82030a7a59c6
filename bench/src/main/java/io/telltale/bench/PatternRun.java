package io.telltale.bench;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The cross-session pattern job's cost in the throughput run, measured on its own right after the
 * scoring job of the same round: it reads the pre-loaded commerce events and the risk scores that
 * scoring job wrote, both from their start to their end, and finishes when every commerce session
 * has closed and every pattern has had its say.
 *
 * <p>It is not run in the same Flink job as the scoring job here, as it is in the demo and the
 * time-to-decision run: a bounded run ends when its sources end, and the scores topic ends only
 * when the scoring job has written its last score; a pattern job reading it while it is written
 * could not tell its end. Run after, on the same scores, its CPU time is what it adds to the
 * scoring job's for the same traffic, which is the figure an operator sizes for.
 */
final class PatternRun {

    /**
     * @param scores       risk scores the pattern job read
     * @param pattern      the pattern job's run over them
     * @param scoring      the scoring job's run of the same round, which wrote those scores
     * @param findings     findings by pattern id
     * @param stateBackend the pattern job's state backend ({@code rocksdb}, {@code hashmap})
     */
    record Result(long commerceEvents, long scores, ThroughputRun.Result pattern, ThroughputRun.Result scoring,
            Map<String, Long> findings, String stateBackend) {

        /** The pattern job's CPU time over the scoring job's for the same traffic. */
        double cpuShare() {
            return (double) pattern.cpuNanos() / scoring.cpuNanos();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%,d commerce events and %,d scores in %.1f s (%s), %.2f cores busy, %.1f CPU-s "
                            + "(%.0f %% of the scoring job's %.1f CPU-s); findings %s",
                    commerceEvents, scores, pattern.runtimeMs() / 1000.0, stateBackend, pattern.coresBusy(),
                    pattern.cpuNanos() / 1e9,
                    100 * cpuShare(), scoring.cpuNanos() / 1e9, findings);
        }
    }

    private PatternRun() {}

    static Result measure(BenchKafka kafka, Workload.Totals loaded, String scoresTopic, PatternsUnderTest.Names names,
            ThroughputRun.Result scoring, int parallelism, Path checkpoints, Configuration settings,
            String stateBackend) throws Exception {
        long scores = kafka.recordCount(scoresTopic);
        ThroughputRun.Result run = ThroughputRun.measure("patterns", (env, commerce) -> PatternsUnderTest.build(
                        env, commerce, kafka.boundedSource(scoresTopic, "bench-patterns-scores-" + System.nanoTime()),
                        kafka.bootstrap(), names, settings),
                kafka, names.commerce(), loaded, parallelism, checkpoints,
                PatternsUnderTest.clusterSettings(settings, stateBackend));
        return new Result(loaded.commerceEvents(), scores, run, scoring,
                PatternsUnderTest.findingsByPattern(kafka, names.findings()), stateBackend);
    }
}
