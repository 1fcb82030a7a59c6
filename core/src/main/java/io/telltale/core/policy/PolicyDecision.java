package io.telltale.core.policy;

import io.telltale.core.wire.Action;
import java.io.Serializable;

/**
 * What a policy made of one score.
 *
 * @param policy      name of the policy that applied
 * @param action      what the policy says to do; {@link Action#MONITOR} for allowlisted sessions
 * @param enforced    false in monitor-only mode: the action is reported, not carried out
 * @param allowlisted why the session is allowlisted (e.g. {@code network 10.0.0.0/8},
 *                    {@code verified good bot googlebot}), or null if it is not
 */
public record PolicyDecision(String policy, Action action, boolean enforced, String allowlisted)
        implements Serializable {

    public boolean isAllowlisted() {
        return allowlisted != null;
    }
}
