package io.telltale.cep.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.session.SessionSummary;
import io.telltale.cep.job.CrossSessionJob;
import io.telltale.cep.session.AccountFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.utils.TestSharedBuffer;
import org.junit.jupiter.api.Test;

/**
 * A hot key (one SKU every bot and every shopper wants, one device hammering the login) must not
 * grow CEP state without bound: each pattern's partial matches and buffered sessions stay below a
 * bound set by its parameters, however long the key stays hot. Runs Flink's own NFA and shared
 * buffer, the same code the CEP operator runs per key.
 */
class HotKeyBoundedStateTest extends CepTestBase {

    private static final int SESSIONS = 20_000;

    private record Peak(int partialMatches, int bufferedEvents, int matches) {}

    private static Peak drive(CrossSessionPattern pattern, long spacingMillis, LongFunction<SessionSummary> session)
            throws Exception {
        PatternParameters p = PatternParameters.defaults(pattern);
        Pattern<SessionSummary, ?> cep = pattern.pattern(p);
        NFA<SessionSummary> nfa = NFACompiler.compileFactory(cep, false).createNFA();
        NFAState state = nfa.createInitialNFAState();
        TestSharedBuffer<SessionSummary> buffer = TestSharedBuffer.createTestBuffer(
                CrossSessionJob.SESSION_SUMMARY.createSerializer(new SerializerConfigImpl()));
        AfterMatchSkipStrategy skip = cep.getAfterMatchSkipStrategy();
        int maxPartial = 0;
        int maxBuffered = 0;
        int matches = 0;
        long t = BEGINNING.toEpochMilli();
        for (int i = 0; i < SESSIONS; i++) {
            t += spacingMillis;
            try (SharedBufferAccessor<SessionSummary> accessor = buffer.getAccessor()) {
                nfa.advanceTime(accessor, state, t, skip);
                matches += nfa.process(accessor, state, session.apply(i), t, skip, () -> 0L).size();
            }
            maxPartial = Math.max(maxPartial, state.getPartialMatches().size());
            maxBuffered = Math.max(maxBuffered, buffer.getEventsBufferSize());
        }
        return new Peak(maxPartial, maxBuffered, matches);
    }

    @Test
    void inventoryHoardingOnAHotSku() throws Exception {
        int k = PatternParameters.defaults(new InventoryHoarding()).integer("minHolds");
        // Every second another qualifying hold of the same SKU: matches keep completing.
        Peak dense = drive(new InventoryHoarding(), 1_000,
                i -> summary("sku:PS5", "s" + i, (int) (i % 200), null, 0, "PS5", null));
        assertThat(dense.matches()).isEqualTo(SESSIONS / k);
        assertThat(dense.partialMatches()).isLessThanOrEqualTo(k + 1);
        assertThat(dense.bufferedEvents()).isLessThanOrEqualTo(k);
        // Holds too sparse to ever reach K within the window: partial matches time out.
        long window = PatternParameters.defaults(new InventoryHoarding()).duration("window").toMillis();
        Peak sparse = drive(new InventoryHoarding(), window / (k - 2),
                i -> summary("sku:PS5", "s" + i, (int) (i % 200), null, 0, "PS5", null));
        assertThat(sparse.matches()).isZero();
        assertThat(sparse.partialMatches()).isLessThanOrEqualTo(k);
        assertThat(sparse.bufferedEvents()).isLessThanOrEqualTo(k);
    }

    @Test
    void credentialStuffingOnAHotDevice() throws Exception {
        int k = PatternParameters.defaults(new CredentialStuffing()).integer("minSessions");
        Peak peak = drive(new CredentialStuffing(), 500,
                i -> summary("device:d", "s" + i, 1, "d", 0, null, "victim-" + i));
        assertThat(peak.matches()).isEqualTo(SESSIONS / k);
        assertThat(peak.partialMatches()).isLessThanOrEqualTo(k + 1);
        assertThat(peak.bufferedEvents()).isLessThanOrEqualTo(k);
    }

    @Test
    void slowAndLowOnAHotDeviceWithNonQualifyingSessionsMixedIn() throws Exception {
        int k = PatternParameters.defaults(new SlowAndLowRevisits()).integer("minSessions");
        // Every other session is too long to count: it starts nothing and is not buffered.
        Peak peak = drive(new SlowAndLowRevisits(), 1_000, i -> {
            SessionSummary s = summary("device:d", "s" + i, (int) (i % 50), "d", 0, null, null);
            return i % 2 == 0 ? s : new SessionSummary(s.focus(), s.sessionId(), null, -3_600_000, 0, s.clientIp(),
                    s.clientIps(), s.network(), "d", null, 0.2, 1, s.cartHolds(), 0, false, 0, s.failedAccounts(),
                    -1, -1, -1, null, Double.NaN, -1, null, null, null, null, Double.NaN);
        });
        assertThat(peak.matches()).isEqualTo(SESSIONS / 2 / k);
        assertThat(peak.partialMatches()).isLessThanOrEqualTo(k + 1);
        assertThat(peak.bufferedEvents()).isLessThanOrEqualTo(k);
    }

    @Test
    void accountTakeoverOnAHotAccount() throws Exception {
        // One account hammered by logins from ever new browsers; every tenth also changes the e-mail.
        Peak peak = drive(new AccountTakeover(), 1_000, i -> newDeviceLogin("s" + i, i % 10 == 9));
        assertThat(peak.matches()).isEqualTo(SESSIONS / 10);
        assertThat(peak.partialMatches()).isLessThanOrEqualTo(2);
        assertThat(peak.bufferedEvents()).isLessThanOrEqualTo(2);
    }

    @Test
    void replayedTrajectoriesOnAHotShape() throws Exception {
        int k = PatternParameters.defaults(new ReplayedTrajectories()).integer("minSessions");
        // One replayed recording in every session, all day.
        Set<String> recording = Set.of("00000001", "00000002", "00000003", "00000004", "00000005", "00000006");
        Peak peak = drive(new ReplayedTrajectories(), 1_000, i -> {
            SessionSummary s = summary("trajectory:00000001", "s" + i, (int) (i % 200), null, 60_000, null, null);
            return new SessionSummary(s.focus(), s.sessionId(), null, 0, 60_000, s.clientIp(), s.clientIps(),
                    s.network(), null, null, 0.2, 1, List.of(), 0, false, 0, Set.of(), -1, -1, -1, Map.of(),
                    Double.NaN, -1, null, null, null, recording, Double.NaN);
        });
        assertThat(peak.matches()).isEqualTo(SESSIONS / k);
        assertThat(peak.partialMatches()).isLessThanOrEqualTo(k + 1);
        assertThat(peak.bufferedEvents()).isLessThanOrEqualTo(k);
    }

    /** A minute-long session of account "victim" that logged in from a browser new to it. */
    private static SessionSummary newDeviceLogin(String sessionId, boolean changesEmail) {
        SessionSummary s = summary("account:victim", sessionId, 1, "d-" + sessionId, 60_000, null, null);
        return new SessionSummary(s.focus(), sessionId, "victim", 0, 60_000, s.clientIp(), s.clientIps(), s.network(),
                s.deviceFingerprint(), null, 0.2, 1, List.of(), 0, true, 0, Set.of(), 5_000, changesEmail ? 30_000 : -1,
                -1, changesEmail ? Map.of("email", 30_000L) : Map.of(), Double.NaN, -1,
                new AccountFacts(true, 0, 0), Set.of(), Set.of(), Set.of(), Double.NaN);
    }
}
