package io.telltale.core.alert;

import io.telltale.core.policy.PolicyDecision;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.util.List;
import java.util.Locale;

/** Turns a risk score and the policy's decision about it into an {@link Alert}. */
public final class SessionScoreAlerts {

    private SessionScoreAlerts() {}

    public static Severity severityOf(Action action) {
        return switch (action) {
            case BLOCK -> Severity.HIGH;
            case CHALLENGE -> Severity.MEDIUM;
            case MONITOR -> Severity.INFORMATIONAL;
        };
    }

    public static Alert of(RiskScore score, PolicyDecision decision, long now) {
        SessionContext context = score.context();
        Action action = decision.action();
        String title = String.format(Locale.ROOT, "Likely bot session: %s (risk %.2f, policy %s%s)",
                action.wireName(), score.score(), decision.policy(), decision.enforced() ? "" : ", monitor only");
        List<Evidence> evidences = score.reasons().stream()
                .map((Reason r) -> new Evidence(r.code(), r.text(), r.contribution()))
                .toList();
        return new Alert(
                AlertIds.of(Analytic.SESSION_SCORE.uid(), score.sessionId(), score.windowStart(), action.wireName()),
                now,
                title,
                severityOf(action),
                Analytic.SESSION_SCORE,
                action,
                decision.enforced(),
                decision.policy(),
                score.score(),
                new Subject(score.sessionId(), score.userId(), context.clientIp(), context.userAgent(),
                        context.route(), context.deviceFingerprint()),
                evidences,
                score.windowStart(),
                score.windowEnd(),
                score.modelVersion());
    }
}
