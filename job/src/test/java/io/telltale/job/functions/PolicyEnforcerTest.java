package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Severity;
import io.telltale.core.policy.Allowlist;
import io.telltale.core.policy.NetworkRange;
import io.telltale.core.policy.Policy;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.policy.RoutePattern;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import io.telltale.job.state.CheckedScore;
import io.telltale.job.TelltaleTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PolicyEnforcerTest extends TelltaleTestBase {

    private static final Duration TTL = Duration.ofHours(2);
    private static final PolicySet POLICIES = new PolicySet(
            List.of(new Policy("auth", List.of(RoutePattern.of("/login")), 0.3, 0.6, false),
                    new Policy("catalogue", List.of(RoutePattern.of("/p/*")), 0.5, 0.8, true)),
            new Policy("default", List.of(), 0.5, 0.8, false),
            new Allowlist(List.of(NetworkRange.parse("10.0.0.0/8")), List.of()));

    private static KeyedOneInputStreamOperatorTestHarness<String, CheckedScore, Alert> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PolicyEnforcer(POLICIES, TTL)),
                (CheckedScore c) -> c.score().sessionId(), Types.STRING);
        harness.open();
        return harness;
    }

    /** A score as it reaches the policies, its crawler (if any) not verified. */
    private static CheckedScore score(String session, double risk, String route, String ip, boolean isFinal) {
        return new CheckedScore(new RiskScore(1, session, "u-1", risk, Action.MONITOR, RiskScore.EVIDENCE_SUFFICIENT,
                List.of(new Reason("MOUSE_PATH_STRAIGHT", "mouse path 99% straight", 1.2)), Map.of(), "m-1",
                BEGINNING, BEGINNING + 30 * ONE_MINUTE, new EventCounts(1, 1, 1, 1, 1, 1, 1), isFinal,
                BEGINNING + ONE_MINUTE, new SessionContext(route, ip, CHROME_UA, "0123456789abcdef")), null);
    }

    @Test
    void continuousScoringRaisesOneAlertPerLevelAndTheFinalScoreClearsState() throws Exception {
        try (var harness = harness()) {
            for (double risk : new double[] {0.1, 0.35, 0.4, 0.2, 0.45, 0.7, 0.9, 0.65}) {
                harness.processElement(score("s-1", risk, "/login", "198.51.100.7", false), BEGINNING);
            }
            List<Alert> alerts = harness.extractOutputValues();
            assertThat(alerts).extracting(Alert::action).containsExactly(Action.CHALLENGE, Action.BLOCK);
            assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.MEDIUM, Severity.HIGH);
            assertThat(alerts).extracting(Alert::policy).containsOnly("auth");
            assertThat(alerts.get(0).subject().clientIp()).isEqualTo("198.51.100.7");
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.processElement(score("s-1", 0.9, "/login", "198.51.100.7", true), BEGINNING);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aRecomputedAlertHasTheSameIdAndMonitorOnlyIsFlagged() throws Exception {
        String first;
        try (var harness = harness()) {
            harness.processElement(score("s-2", 0.85, "/p/1", "198.51.100.8", false), BEGINNING);
            Alert alert = harness.extractOutputValues().get(0);
            assertThat(alert.enforced()).isFalse();
            assertThat(alert.policy()).isEqualTo("catalogue");
            assertThat(alert.title()).contains("monitor only");
            first = alert.id();
        }
        try (var replay = harness()) {
            replay.processElement(score("s-2", 0.85, "/p/1", "198.51.100.8", false), BEGINNING);
            assertThat(replay.extractOutputValues().get(0).id()).isEqualTo(first);
        }
    }

    @Test
    void allowlistedAndHumanSessionsRaiseNothingAndKeepNoState() throws Exception {
        try (var harness = harness()) {
            harness.processElement(score("s-3", 0.99, "/login", "10.4.4.4", false), BEGINNING);
            harness.processElement(score("s-4", 0.1, "/login", "198.51.100.9", false), BEGINNING);
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void stateOfASessionWhoseFinalScoreNeverCameExpires() throws Exception {
        try (var harness = harness()) {
            harness.setStateTtlProcessingTime(BEGINNING);
            harness.processElement(score("s-5", 0.4, "/login", "198.51.100.7", false), BEGINNING);
            assertThat(harness.extractOutputValues()).hasSize(1);
            harness.setStateTtlProcessingTime(BEGINNING + TTL.toMillis() + 1);
            // The remembered level is gone: the session counts as new and alerts again.
            harness.processElement(score("s-5", 0.4, "/login", "198.51.100.7", false), BEGINNING);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }
}
