package io.telltale.evaluation;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.RiskModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one evaluation unit (a window of a recording, or all of it) on the job's core path:
 * the unit's batches are folded into a {@link SessionFeatureAccumulator} in sequence order, as
 * the job's {@code SessionFeatureAggregate} does, and the final score comes from the same
 * {@link SessionScorer} that the job's {@code SessionScoreEmitter} calls when a session closes.
 */
public final class UnitScorer {

    /** The windows every unit is cut to: 15 s, 60 s, or the whole session (0). */
    public static final int[] WINDOWS_MS = {15_000, 60_000, 0};
    /** Windows taken at most per recording, spread evenly over it, so long sessions do not dominate. */
    static final int MAX_WINDOWS_PER_RECORDING = 8;

    private final SessionScorer scorer;

    public UnitScorer(RiskModel model) {
        this.scorer = new SessionScorer(model, ActionThresholds.DEFAULT);
    }

    /** One scored unit. */
    public record Unit(String sessionId, String userId, int windowMs, double score, boolean sufficient, String topReason) {}

    /** Scores the recording cut into windows of {@code windowMs} (0: the whole recording). */
    public List<Unit> score(Recording r, int windowMs) {
        List<Unit> units = new ArrayList<>();
        if (windowMs == 0) {
            units.add(scoreBatches(r, BatchSlicer.batches(r), 0));
            return units;
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
            String id = r.sessionId() + "@" + from;
            units.add(scoreBatches(r, BatchSlicer.batches(r, from, from + windowMs, id), windowMs));
        }
        return units;
    }

    private Unit scoreBatches(Recording r, List<TelemetryBatch> batches, int windowMs) {
        SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
        for (TelemetryBatch batch : batches) {
            accumulator.add(batch);
        }
        long start = batches.isEmpty() ? r.startEpochMs() : batches.get(0).startedAt();
        long end = batches.isEmpty() ? start : batches.get(batches.size() - 1).endedAt() + 1;
        String id = batches.isEmpty() ? r.sessionId() : batches.get(0).sessionId();
        RiskScore score = scorer.score(id, accumulator, start, end, true, end);
        return new Unit(id, r.userId(), windowMs, score.score(),
                RiskScore.EVIDENCE_SUFFICIENT.equals(score.evidence()),
                score.reasons().isEmpty() ? "" : score.reasons().get(0).code());
    }

    /** The features of the whole recording, as the job would measure them at the session's end. */
    public SessionFeatures features(Recording r) {
        SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
        for (TelemetryBatch batch : BatchSlicer.batches(r)) {
            accumulator.add(batch);
        }
        return accumulator.features();
    }

    /** The score of the whole recording. */
    public double wholeScore(Recording r) {
        return score(r, 0).get(0).score();
    }

    private static boolean hasSamples(int[] sorted, int from, int to) {
        int i = BatchSlicer.lowerBound(sorted, from);
        return i < sorted.length && sorted[i] < to;
    }
}
