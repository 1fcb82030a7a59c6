package io.telltale.core.policy;

import io.telltale.core.wire.Action;

/**
 * Hysteresis between continuous scores and alerts: a session raises one alert when it first
 * reaches challenge or block, and another only when it escalates (challenge → block). A score
 * that dips and comes back, or stays high for an hour of interim scores, raises nothing new, so a
 * SIEM sees at most two alerts per session window.
 */
public final class AlertEscalation {

    private AlertEscalation() {}

    /**
     * @param lastAlerted the highest level already alerted for this session, or null if none
     * @param now         the action decided for the latest score
     * @return whether {@code now} deserves an alert
     */
    public static boolean shouldAlert(Action lastAlerted, Action now) {
        if (now == Action.MONITOR) {
            return false;
        }
        return lastAlerted == null || now.compareTo(lastAlerted) > 0;
    }

    /** The level to remember after {@code now}: never lower than what was already alerted. */
    public static Action remembered(Action lastAlerted, Action now) {
        if (lastAlerted == null) {
            return now == Action.MONITOR ? null : now;
        }
        return now.compareTo(lastAlerted) > 0 ? now : lastAlerted;
    }
}
