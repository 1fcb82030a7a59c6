package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The example of docs/writing-patterns.md, kept compiling and tested: cashing out on one device (OAT-012). */
public final class CashingOutOnOneDevice extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;
    public static final String ID = "cashing-out-one-device";

    @Override public String id() { return ID; }
    @Override public String title() { return "Cashing out on one device"; }
    @Override public Severity severity() { return Severity.HIGH; }
    @Override public String owaspId() { return "OAT-012"; }
    @Override public String description() {
        return "One browser logged in to several accounts and checked out in each: stolen accounts cashed out.";
    }

    @Override public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("minAccounts", 4, 2, 1000, "distinct accounts that checked out").atRuntime(),
                Parameter.duration("window", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1),
                        "time from the first to the last checkout"));
    }

    // Sessions of one campaign share the browser; only logged-in checkouts can be part of one.
    @Override public List<String> keysOf(SessionSummary s, PatternParameters p) {
        return s.deviceFingerprint() != null && checkedOut(s) ? List.of("device:" + s.deviceFingerprint()) : List.of();
    }

    // minAccounts logged-in sessions that checked out, within the window.
    @Override public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        return Pattern.<SessionSummary>begin("checkouts", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(CashingOutOnOneDevice::checkedOut))
                .times(p.integer("minAccounts"))
                .within(p.duration("window"));
    }

    // ...by as many different accounts.
    @Override public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        return sessions.stream().map(SessionSummary::userId).distinct().count() >= p.integer("minAccounts");
    }

    private static boolean checkedOut(SessionSummary s) {
        return s.loginSucceeded() && s.firstCheckoutAt() >= 0;
    }
}
