package io.telltale.bench;

import io.telltale.bench.jmh.AccumulatorBenchmark;
import io.telltale.bench.jmh.ParserBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of the parser and the accumulator with the GC profiler. */
final class Microbenchmarks {

    /** One benchmark: mean ns per batch (with its error) and bytes allocated per batch. */
    record Score(String benchmark, double nsPerBatch, double error, double bytesPerBatch) {}

    private Microbenchmarks() {}

    static List<Score> run(boolean smoke) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ParserBenchmark.class.getName())
                .include(AccumulatorBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                // Same heap settings as the job's surefire runs; JMH's forks inherit no JVM flags otherwise.
                .jvmArgsAppend("-Xmx1g");
        if (smoke) {
            // In this JVM, one short iteration each: checks that every benchmark runs, measures nothing.
            options.forks(0).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
            String label = result.getParams().getBenchmark();
            scores.add(new Score(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1),
                    primary.getScore(), primary.getScoreError(), allocated == null ? Double.NaN : allocated.getScore()));
        }
        return scores;
    }
}
