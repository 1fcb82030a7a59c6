package io.telltale.cep.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.finding.Finding;
import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.patterns.CredentialStuffing;
import io.telltale.cep.session.SessionSummary;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.DeadLetterReason;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.core.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Changing running patterns through the control topic: what is accepted, and what it changes. */
class PatternControlTest extends CepTestBase {

    private static final List<PatternSettings.Enabled> RUNNING = PatternSettings.defaults(BuiltInPatterns.all()).enabled();
    private static final PatternSettings.Enabled STUFFING = RUNNING.stream()
            .filter(e -> e.pattern().id().equals(CredentialStuffing.ID)).findFirst().orElseThrow();

    private final PatternControlParser parser = new PatternControlParser(RUNNING);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static PatternControl control(Boolean enabled, Map<String, String> parameters) {
        return new PatternControl(CredentialStuffing.ID, enabled, parameters);
    }

    @Test
    void readsARuntimeParameterAndASwitch() throws Exception {
        assertThat(parser.parse(utf8("{\"v\":1,\"pattern\":\"credential-stuffing\",\"parameters\":{\"minAccounts\":8}}")))
                .isEqualTo(control(null, Map.of("minAccounts", "8")));
        assertThat(parser.parse(utf8("{\"v\":1,\"pattern\":\"credential-stuffing\",\"enabled\":false}")))
                .isEqualTo(control(false, Map.of()));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"v":1,"pattern":                                                                   | MALFORMED_JSON | not one JSON document
            [1]                                                                                 | WRONG_TYPE     | a JSON object
            {"pattern":"credential-stuffing","enabled":false}                                  | MISSING_FIELD  | v
            {"v":2,"pattern":"credential-stuffing","enabled":false}                            | UNSUPPORTED_VERSION | this build reads 1
            {"v":1,"pattern":"credential-stuffing","enabled":"no"}                             | WRONG_TYPE     | true or false
            {"v":1,"pattern":"credential-stuffing"}                                            | INVALID_VALUE  | changes nothing
            {"v":1,"pattern":"card-cracking","enabled":false}                                  | INVALID_VALUE  | is not running in this job
            {"v":1,"pattern":"credential-stuffing","parameters":{"window":"1 h"}}              | INVALID_VALUE  | changes only with a savepoint restart
            {"v":1,"pattern":"credential-stuffing","parameters":{"minAccounts":1}}             | INVALID_VALUE  | minAccounts = 1 is outside 2 .. 100000
            {"v":1,"pattern":"credential-stuffing","parameters":{"minAcounts":7}}              | INVALID_VALUE  | unknown parameter 'minAcounts'
            {"v":1,"pattern":"credential-stuffing","parameters":{"minAccounts":[7]}}           | WRONG_TYPE     | must be a single value
            """)
    void rejectsWhatItCannotApplyAndSaysWhy(String json, DeadLetterReason reason, String says) {
        assertThatThrownBy(() -> parser.parse(utf8(json)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(says);
                });
    }

    @Test
    void aBadControlRecordBecomesADeadLetterAndTheGoodOneAfterItGoesThrough() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, PatternControl> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new PatternControlParser(RUNNING))) {
            h.processElement(new RawRecord(null, utf8("{\"v\":1,\"pattern\":\"credential-stuffing\",\"parameters\":"
                    + "{\"window\":\"1 h\"}}"), "telltale.pattern-control.v1/0@7", 0L), 0);
            h.processElement(new RawRecord(null, utf8("{\"v\":1,\"pattern\":\"credential-stuffing\",\"enabled\":false}"),
                    "telltale.pattern-control.v1/0@8", 0L), 0);

            assertThat(h.extractOutputValues()).containsExactly(control(false, Map.of()));
            List<DeadLetter> dead = h.getSideOutput(WireRecordParser.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo("INVALID_VALUE");
                assertThat(d.origin()).isEqualTo("telltale.pattern-control.v1/0@7");
                assertThat(d.detail()).contains("'window' shapes the CEP pattern");
            });
        }
    }

    @Test
    void aSwitchedOffPatternGetsNoSessionsUntilSwitchedOnAgain() throws Exception {
        SessionSummary failing = summary(null, "s1", 1, "d0d0d0d0d0d0d0d0", 60_000, null, "alice");
        try (BroadcastOperatorTestHarness<SessionSummary, PatternControl, SessionSummary> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new PatternFanOut(STUFFING),
                        PatternFanOut.CONTROLS)) {
            h.processElement(failing, 1);
            h.processBroadcastElement(control(false, Map.of()), 2);
            h.processElement(failing, 3);
            h.processBroadcastElement(control(null, Map.of("minAccounts", "9")), 4);
            h.processElement(failing, 5);
            h.processBroadcastElement(control(true, Map.of()), 6);
            h.processElement(failing, 7);

            assertThat(h.extractOutputValues()).extracting(SessionSummary::focus).containsExactly(
                    "device:d0d0d0d0d0d0d0d0", "network:81.2.1.0/24",
                    "device:d0d0d0d0d0d0d0d0", "network:81.2.1.0/24");
            assertThat(h.getBroadcastState(PatternFanOut.CONTROLS).get(CredentialStuffing.ID))
                    .isEqualTo(control(true, Map.of("minAccounts", "9")));
        }
    }

    @Test
    void matchesAreConfirmedWithTheParametersInForce() throws Exception {
        // Three sessions of one browser failing for six accounts in all.
        List<SessionSummary> sessions = IntStream.range(0, 3)
                .mapToObj(i -> summary("device:d", "s" + i, i, "d", 60_000L * (i + 1), null, null))
                .map(s -> withFailedAccounts(s, "victim-" + s.sessionId() + "-a", "victim-" + s.sessionId() + "-b"))
                .toList();
        PatternMatch match = new PatternMatch(sessions, 200_000);
        try (BroadcastOperatorTestHarness<PatternMatch, PatternControl, Finding> h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new FindingEmitter(STUFFING),
                        PatternFanOut.CONTROLS)) {
            h.processElement(match, 1);                                          // default: 5 accounts
            h.processBroadcastElement(control(null, Map.of("minAccounts", "8")), 2);
            h.processElement(match, 3);                                          // 6 < 8
            h.processBroadcastElement(control(null, Map.of("minAccounts", "6")), 4);
            h.processElement(match, 5);

            assertThat(h.extractOutputValues()).extracting(f -> f.parameters().get("minAccounts"))
                    .containsExactly("5", "6");
        }
    }

    private static SessionSummary withFailedAccounts(SessionSummary s, String... accounts) {
        return new SessionSummary(s.focus(), s.sessionId(), null, s.startedAt(), s.endedAt(), s.clientIp(),
                s.clientIps(), s.network(), s.deviceFingerprint(), null, 0.2, 1, List.of(), 0, false, accounts.length,
                java.util.Set.of(accounts), -1, -1, -1, null, Double.NaN, -1, null, null, null, null, Double.NaN);
    }
}
