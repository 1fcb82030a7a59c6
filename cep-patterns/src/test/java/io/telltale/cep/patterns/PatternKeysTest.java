package io.telltale.cep.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.session.SessionSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session no condition of a pattern accepts gets no key from it, so it never reaches that
 * pattern's CEP operator (docs/writing-patterns.md: key only the sessions the pattern can use).
 */
class PatternKeysTest extends CepTestBase {

    private static List<String> keys(CrossSessionPattern pattern, SessionSummary session) {
        return pattern.keysOf(session, PatternParameters.defaults(pattern));
    }

    /** A minute on device "d" from the first home; a failed login for {@code account} if not null. */
    private static SessionSummary visit(String account) {
        return summary(null, "s", 1, "d", BEGINNING.toEpochMilli(), null, account);
    }

    @Test
    void credentialStuffingKeysOnlySessionsWithFailedLogins() {
        assertThat(keys(new CredentialStuffing(), visit(null))).isEmpty();
        assertThat(keys(new CredentialStuffing(), visit("victim"))).containsExactly("device:d", "network:" + visit(null)
                .network().prefix());
    }

    @Test
    void slowAndLowKeysOnlyShortSessions() {
        SessionSummary s = visit(null);
        SessionSummary lingering = new SessionSummary(null, "s", null, s.endedAt() - 3_600_000, s.endedAt(), s.clientIp(),
                s.clientIps(), s.network(), "d", null, 0.2, 1, List.of(), 0, false, 0, s.failedAccounts(), -1, -1, -1,
                null, Double.NaN, -1, null, null, null, null, Double.NaN);
        assertThat(keys(new SlowAndLowRevisits(), s)).containsExactly("device:d");
        assertThat(keys(new SlowAndLowRevisits(), lingering)).isEmpty();
    }

    @Test
    void cashingOutKeysOnlyLoggedInCheckouts() {
        SessionSummary s = visit(null);
        SessionSummary checkout = new SessionSummary(null, "s", "alice", s.startedAt(), s.endedAt(), s.clientIp(),
                s.clientIps(), s.network(), "d", null, 0.2, 3, List.of(), 0, true, 0, s.failedAccounts(),
                s.startedAt() + 5_000, -1, s.endedAt() - 5_000, null, Double.NaN, -1, null, null, null, null, Double.NaN);
        assertThat(keys(new CashingOutOnOneDevice(), s)).isEmpty();
        assertThat(keys(new CashingOutOnOneDevice(), checkout)).containsExactly("device:d");
    }
}
