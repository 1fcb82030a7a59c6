package io.telltale.core.policy;

import io.telltale.core.wire.Action;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How scores on some routes become actions.
 *
 * @param name        shown in alerts and metrics, e.g. {@code auth}
 * @param routes      the routes it covers; empty only for the default policy
 * @param challengeAt score at or above which a session is challenged
 * @param blockAt     score at or above which a session is blocked; ≥ {@code challengeAt}
 * @param monitorOnly dry run: actions are computed and reported but flagged as not enforced
 */
public record Policy(String name, List<RoutePattern> routes, double challengeAt, double blockAt, boolean monitorOnly)
        implements Serializable {

    public Policy {
        Objects.requireNonNull(name, "name");
        routes = routes == null ? List.of() : List.copyOf(routes);
        if (!(challengeAt >= 0 && challengeAt <= 1) || !(blockAt >= 0 && blockAt <= 1)) {
            throw new IllegalArgumentException(
                    "policy '" + name + "': thresholds must lie in [0,1], got challenge " + challengeAt
                            + ", block " + blockAt);
        }
        if (blockAt < challengeAt) {
            throw new IllegalArgumentException(
                    "policy '" + name + "': block threshold " + blockAt + " is below challenge threshold "
                            + challengeAt);
        }
    }

    public boolean covers(String route) {
        for (RoutePattern pattern : routes) {
            if (pattern.matches(route)) {
                return true;
            }
        }
        return false;
    }

    public Action actionFor(double score) {
        if (score >= blockAt) {
            return Action.BLOCK;
        }
        return score >= challengeAt ? Action.CHALLENGE : Action.MONITOR;
    }
}
