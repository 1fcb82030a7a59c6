package io.telltale.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a sample of latencies in milliseconds. */
record Percentiles(int count, long p50, long p99, long p999, long max) {

    static Percentiles of(long[] samples) {
        if (samples.length == 0) {
            return new Percentiles(0, -1, -1, -1, -1);
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 0.999),
                sorted[sorted.length - 1]);
    }

    static Percentiles of(List<Long> samples) {
        return of(samples.stream().mapToLong(Long::longValue).toArray());
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
