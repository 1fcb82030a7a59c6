package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Credential stuffing: leaked username/password pairs tried against the login, a few per
 * session so that no single session trips a rate limit — but from one browser or one network.
 *
 * <p>Fires on at least {@code minSessions} sessions with failed logins that share a device
 * fingerprint or a network (/24, /48) within {@code window}, when their failed logins were for
 * at least {@code minAccounts} distinct accounts. A person who forgot a password fails on one
 * account; a stuffing run fails on many.
 */
public final class CredentialStuffing extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;

    public static final String ID = "credential-stuffing";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Credential stuffing";
    }

    @Override
    public Severity severity() {
        return Severity.CRITICAL;
    }

    @Override
    public String owaspId() {
        return "OAT-008";
    }

    @Override
    public String description() {
        return "Failed logins for many different accounts from sessions sharing one browser or one network:"
                + " stolen credentials being tried (Credential Stuffing).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("minSessions", 3, 1, 100_000, "sessions with failed logins within the window"),
                Parameter.integer("minAccounts", 5, 2, 100_000, "distinct accounts those failed logins were for")
                        .atRuntime(),
                Parameter.duration("window", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofDays(1),
                        "time from the first to the last of those sessions"));
    }

    @Override
    public List<String> keysOf(SessionSummary session, PatternParameters p) {
        if (!failedToLogIn(session)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(2);
        if (session.deviceFingerprint() != null) {
            keys.add("device:" + session.deviceFingerprint());
        }
        if (session.network().prefix() != null) {
            keys.add("network:" + session.network().prefix());
        }
        return keys;
    }

    @Override
    public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        return Pattern.<SessionSummary>begin("failures", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(CredentialStuffing::failedToLogIn))
                .times(p.integer("minSessions"))
                .within(p.duration("window"));
    }

    private static boolean failedToLogIn(SessionSummary session) {
        return session.failedLogins() > 0;
    }

    @Override
    public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        long accounts = sessions.stream().flatMap(s -> s.failedAccounts().stream()).distinct().count();
        return accounts >= p.integer("minAccounts");
    }

    @Override
    public List<String> skusOf(SessionSummary session) {
        return List.of();
    }
}
