package io.telltale.core.scoring;

import io.telltale.core.wire.Action;

/** Maps a score to an action: at or above {@code block} blocks, at or above {@code challenge} challenges. */
public record ActionThresholds(double challenge, double block) implements java.io.Serializable {

    public static final ActionThresholds DEFAULT = new ActionThresholds(0.5, 0.8);

    public ActionThresholds {
        if (!(challenge > 0.0 && challenge <= block && block <= 1.0)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 < challenge <= block <= 1, were challenge="
                            + challenge + " block=" + block);
        }
    }

    public Action actionFor(double score) {
        if (score >= block) {
            return Action.BLOCK;
        }
        return score >= challenge ? Action.CHALLENGE : Action.MONITOR;
    }
}
