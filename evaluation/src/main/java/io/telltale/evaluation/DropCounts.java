package io.telltale.evaluation;

import java.util.Map;
import java.util.TreeMap;

/** What the adapters and the normalisation dropped or merged, per source and reason. */
public final class DropCounts {

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();

    public void add(String source, String reason) {
        add(source, reason, 1);
    }

    public synchronized void add(String source, String reason, long n) {
        counts.computeIfAbsent(source, s -> new TreeMap<>()).merge(reason, n, Long::sum);
    }

    public synchronized long get(String source, String reason) {
        return counts.getOrDefault(source, Map.of()).getOrDefault(reason, 0L);
    }

    /** Source → reason → count, sorted. */
    public synchronized Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((source, reasons) -> copy.put(source, new TreeMap<>(reasons)));
        return copy;
    }
}
