package io.telltale.evaluation;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation units: a recording cut into windows (or taken whole), each measured on the job's
 * core path: its 2–5 s batches folded in sequence order into a {@link SessionFeatureAccumulator},
 * as the job's {@code SessionFeatureAggregate} does. A model then scores the features exactly as
 * the job's {@code SessionScorer} does ({@code model.assess(accumulator.features())}).
 */
public final class Units {

    /** The windows every unit is cut to: 15 s, 60 s, or the whole session (0). */
    public static final int[] WINDOWS_MS = {15_000, 60_000, 0};
    /** Windows taken at most per recording, spread evenly over it, so long sessions do not dominate. */
    static final int MAX_WINDOWS_PER_RECORDING = 8;

    private Units() {}

    /**
     * One unit's measured features.
     *
     * @param userId the person (or script) behind it: units of one user always fall in one fold
     */
    public record Unit(String sessionId, String userId, int windowMs, SessionFeatures features) {}

    /** The recording cut into windows of {@code windowMs} (0: the whole recording), each measured. */
    public static List<Unit> measure(Recording r, int windowMs) {
        List<Unit> units = new ArrayList<>();
        for (int[] window : windows(r, windowMs)) {
            String id = windowMs == 0 ? r.sessionId() : r.sessionId() + "@" + window[0];
            List<TelemetryBatch> batches = windowMs == 0 ? BatchSlicer.batches(r) : BatchSlicer.batches(r, window[0], window[1], id);
            SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
            batches.forEach(accumulator::add);
            units.add(new Unit(id, r.userId(), windowMs, accumulator.features()));
        }
        return units;
    }

    /** [from, to) of the windows a recording is cut to: at most {@link #MAX_WINDOWS_PER_RECORDING}, spread over it. */
    static List<int[]> windows(Recording r, int windowMs) {
        List<int[]> windows = new ArrayList<>();
        if (windowMs == 0) {
            windows.add(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
            return windows;
        }
        List<Integer> starts = new ArrayList<>();
        int first = r.firstMs();
        int end = first + r.durationMs();
        for (long from = first; from <= end; from += windowMs) {
            int f = (int) from;
            int t = (int) Math.min(Integer.MAX_VALUE, from + windowMs);
            if (hasSamples(r.mouseT(), f, t) || hasSamples(r.keyT(), f, t)) {
                starts.add(f);
            }
        }
        int take = Math.min(MAX_WINDOWS_PER_RECORDING, starts.size());
        for (int j = 0; j < take; j++) {
            int index = take == 1 ? 0 : (int) Math.round(j * (starts.size() - 1) / (double) (take - 1));
            int from = starts.get(index);
            windows.add(new int[] {from, (int) Math.min(Integer.MAX_VALUE, (long) from + windowMs)});
        }
        return windows;
    }

    static String windowName(int windowMs) {
        return windowMs == 0 ? "session" : windowMs / 1000 + "s";
    }

    private static boolean hasSamples(int[] sorted, int from, int to) {
        int i = BatchSlicer.lowerBound(sorted, from);
        return i < sorted.length && sorted[i] < to;
    }
}
