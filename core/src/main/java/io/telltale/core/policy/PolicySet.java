package io.telltale.core.policy;

import io.telltale.core.wire.Action;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The policies of a deployment, in order: the first whose routes cover a session's route applies,
 * else the fallback. Built once at start-up from the policy file, immutable afterwards.
 */
public record PolicySet(List<Policy> policies, Policy fallback, Allowlist allowlist) implements Serializable {

    public PolicySet {
        policies = policies == null ? List.of() : List.copyOf(policies);
        Objects.requireNonNull(fallback, "fallback");
        allowlist = allowlist == null ? Allowlist.NONE : allowlist;
        Set<String> names = new HashSet<>();
        names.add(fallback.name());
        for (Policy policy : policies) {
            if (!names.add(policy.name())) {
                throw new IllegalArgumentException("policy name '" + policy.name() + "' is used twice");
            }
            if (policy.routes().isEmpty()) {
                throw new IllegalArgumentException(
                        "policy '" + policy.name() + "' covers no routes; only the default policy may");
            }
        }
    }

    /** One policy for every route, with the given thresholds and nothing allowlisted. */
    public static PolicySet uniform(double challengeAt, double blockAt) {
        return new PolicySet(List.of(), new Policy("default", List.of(), challengeAt, blockAt, false), Allowlist.NONE);
    }

    public Policy policyFor(String route) {
        for (Policy policy : policies) {
            if (policy.covers(route)) {
                return policy;
            }
        }
        return fallback;
    }

    /**
     * The decision for a score on a route from a client.
     *
     * @param verifiedGoodBot name of the good-bot family the session was verified to belong to,
     *                        or null
     */
    public PolicyDecision decide(double score, String route, String clientIp, String verifiedGoodBot) {
        Policy policy = policyFor(route);
        String allowlisted = verifiedGoodBot != null
                ? "verified good bot " + verifiedGoodBot
                : allowlist.networkOf(clientIp).orElse(null);
        Action action = allowlisted != null ? Action.MONITOR : policy.actionFor(score);
        return new PolicyDecision(policy.name(), action, !policy.monitorOnly(), allowlisted);
    }
}
