package io.telltale.cep.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.patterns.CredentialStuffing;
import io.telltale.cep.session.SessionSummary;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Keys of cross-session patterns are mostly seen once (a device, a network, a stroke shape): the
 * CEP operator must forget their partial matches once they can no longer complete, or state grows
 * with every key ever seen. Flink's operator does (a timer per buffered session); this holds it to
 * that, on the operator the job builds ({@code CEP.pattern(...).process(...)}: event time, no
 * comparator, no side output for late sessions).
 */
class IdleKeyStateTest extends CepTestBase {

    private static final CredentialStuffing STUFFING = new CredentialStuffing();
    private static final PatternParameters DEFAULTS = PatternParameters.defaults(STUFFING);
    private static final long WINDOW = DEFAULTS.duration("window").toMillis();
    private static final long T = BEGINNING.toEpochMilli();

    private static KeyedOneInputStreamOperatorTestHarness<String, SessionSummary, PatternMatch> harness()
            throws Exception {
        Pattern<SessionSummary, ?> pattern = STUFFING.pattern(DEFAULTS);
        var operator = new CepOperator<SessionSummary, String, PatternMatch>(
                CrossSessionJob.SESSION_SUMMARY.createSerializer(new SerializerConfigImpl()), false,
                NFACompiler.compileFactory(pattern, false), null, pattern.getAfterMatchSkipStrategy(),
                new FindingEmitter.Matches(), null);
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, SessionSummary::focus, Types.STRING);
        harness.open();
        return harness;
    }

    private static StreamRecord<SessionSummary> failedLogin(String device, int n, long at) {
        return new StreamRecord<>(summary("device:" + device, "s" + n, n % 200, device, at, null, "victim-" + n), at);
    }

    @Test
    void aKeySeenOnceIsForgottenOnceItsWindowHasPassed() throws Exception {
        try (var harness = harness()) {
            int keys = 1_000;
            for (int i = 0; i < keys; i++) {
                harness.processElement(failedLogin("d" + i, i, T + i));
                harness.processWatermark(T + i); // event time moves on as sessions come in
            }
            harness.processWatermark(T + WINDOW / 2);
            assertThat(harness.numKeyedStateEntries()).as("still in their window").isGreaterThanOrEqualTo(keys);

            harness.processWatermark(T + keys + WINDOW + 1);

            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aKeyThatMatchedIsForgottenAfterItsWindowToo() throws Exception {
        try (var harness = harness()) {
            int sessions = DEFAULTS.integer("minSessions");
            // One device fails logins in sessions spread over most of the window.
            for (int i = 0; i < sessions + 1; i++) {
                long at = T + i * (WINDOW - 60_000) / sessions;
                harness.processElement(failedLogin("d", i, at));
                harness.processWatermark(at);
            }
            List<PatternMatch> matches = harness.extractOutputValues();
            assertThat(matches).hasSize(1);
            assertThat(matches.get(0).sessions()).extracting(SessionSummary::sessionId).containsExactly("s0", "s1", "s2");
            assertThat(harness.numKeyedStateEntries()).as("s3 waits for two more").isPositive();

            harness.processWatermark(T + 2 * WINDOW + 1);

            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
