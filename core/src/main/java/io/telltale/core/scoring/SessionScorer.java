package io.telltale.core.scoring;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.WireVersion;
import java.io.Serializable;

/**
 * Scores a session from its accumulated features: the model gives a risk and reasons, the
 * thresholds give the action. Decides too whether an interim score is worth emitting: while a
 * session is still active, a score that rests on too little evidence and asks for no action is
 * noise, so only final scores are always emitted.
 */
public final class SessionScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RiskModel model;
    private final ActionThresholds thresholds;

    public SessionScorer(RiskModel model, ActionThresholds thresholds) {
        this.model = model;
        this.thresholds = thresholds;
    }

    /**
     * @param windowStart epoch ms of the session's first event
     * @param windowEnd   epoch ms, exclusive end of the session window
     * @param isFinal     whether the session window has closed
     * @param emittedAt   epoch ms, processing time now
     * @return the score, or null when an interim score is not worth emitting
     */
    public RiskScore score(
            String sessionId,
            SessionFeatureAccumulator accumulator,
            long windowStart,
            long windowEnd,
            boolean isFinal,
            long emittedAt) {
        SessionFeatures features = accumulator.features();
        RiskAssessment assessment = model.assess(features);
        Action action = thresholds.actionFor(assessment.score());
        if (!isFinal && !assessment.sufficientEvidence() && action == Action.MONITOR) {
            return null;
        }
        return new RiskScore(
                WireVersion.CURRENT,
                sessionId,
                accumulator.userId(),
                assessment.score(),
                action,
                assessment.sufficientEvidence()
                        ? RiskScore.EVIDENCE_SUFFICIENT
                        : RiskScore.EVIDENCE_INSUFFICIENT,
                assessment.reasons(),
                features.toMap(),
                model.version(),
                windowStart,
                windowEnd,
                features.counts(),
                isFinal,
                emittedAt,
                accumulator.context(),
                null,
                isFinal ? accumulator.trajectory().toHex() : java.util.List.of());
    }

    public String modelVersion() {
        return model.version();
    }
}
