package io.telltale.core.scoring;

import io.telltale.core.wire.Reason;
import java.util.List;

/**
 * A model's verdict before thresholds are applied.
 *
 * @param score              risk in [0,1]
 * @param sufficientEvidence false when too little behaviour was seen to judge it; the score then
 *                           reflects only what can be judged alone (device tells)
 * @param reasons            largest contributions first, at most a handful
 */
public record RiskAssessment(double score, boolean sufficientEvidence, List<Reason> reasons) {
    public RiskAssessment {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + score);
        }
        reasons = List.copyOf(reasons);
    }
}
