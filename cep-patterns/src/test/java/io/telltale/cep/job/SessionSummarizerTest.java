package io.telltale.cep.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.session.CartHold;
import io.telltale.cep.session.SessionSummary;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SessionSummarizerTest extends CepTestBase {

    private static final Duration GAP = minutes(30);
    private static final Duration FINAL_SCORE_WAIT = minutes(1);
    private static final long T0 = BEGINNING.toEpochMilli();

    private static KeyedTwoInputStreamOperatorTestHarness<String, CommerceEvent, RiskScore, SessionSummary> harness()
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new SessionSummarizer(GAP, FINAL_SCORE_WAIT)),
                CommerceEvent::sessionId, RiskScore::sessionId, Types.STRING);
        h.open();
        return h;
    }

    private static StreamRecord<CommerceEvent> event(CommerceEventType type, long offsetMillis, String sku) {
        long t = T0 + offsetMillis;
        return new StreamRecord<>(new CommerceEvent(1, type, "s1", "u1", "81.2.69.10", sku, sku == null ? null : "gpu",
                1, t), t);
    }

    @Test
    void summarisesWhenTheGapHasPassedAndLeavesNoState() throws Exception {
        try (var h = harness()) {
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 0, null));
            h.processElement1(event(CommerceEventType.CART_ADD, 10_000, "GPU-1"));
            h.processElement1(event(CommerceEventType.CART_ADD, 20_000, "GPU-2"));
            h.processElement1(event(CommerceEventType.CART_REMOVE, 40_000, "GPU-2"));
            RiskScore score = new RiskScore(1, "s1", null, 0.7, Action.CHALLENGE, "sufficient", List.of(), Map.of(),
                    "m", T0, T0 + 50_000 + GAP.toMillis(), EventCounts.NONE, true, T0,
                    new SessionContext("/p/1", "81.2.69.10", "UA", "00aa11bb22cc33dd"));
            h.processElement2(new StreamRecord<>(score, T0 + 50_000));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 50_000 + GAP.toMillis() - 1));
            assertThat(h.extractOutputValues()).isEmpty();

            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 50_000 + GAP.toMillis()));
            List<SessionSummary> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            SessionSummary s = out.get(0);
            assertThat(s.pagesSeen()).isEqualTo(1);
            assertThat(s.startedAt()).isEqualTo(T0);
            assertThat(s.endedAt()).isEqualTo(T0 + 40_000);
            assertThat(s.risk()).isEqualTo(0.7);
            assertThat(s.deviceFingerprint()).isEqualTo("00aa11bb22cc33dd");
            assertThat(s.boughtNothing()).isTrue();
            assertThat(s.cartHolds()).containsExactly(
                    new CartHold("GPU-1", "gpu", 1, T0 + 10_000, T0 + 40_000, false),
                    new CartHold("GPU-2", "gpu", 1, T0 + 20_000, T0 + 40_000, true));

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anEventAfterItsSessionIsOverIsADeadLetterAndAnOldEventOfAnOpenSessionIsNot() throws Exception {
        try (var h = harness()) {
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 0, null));
            // Event time is past the first event's gap but the session is open until the second's.
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 20 * 60_000, null));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + GAP.toMillis() + 1));
            h.processElement1(event(CommerceEventType.CART_ADD, 60_000, "GPU-1"));
            assertThat(h.getSideOutput(SessionSummarizer.LATE)).isNull();

            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 20 * 60_000 + GAP.toMillis()));
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(summary -> assertThat(summary.cartHolds()).hasSize(1));
            // Its session (5 min + the gap) ended before the watermark: a summary of it would be late.
            h.processElement1(event(CommerceEventType.CART_ADD, 5 * 60_000, "GPU-2"));

            assertThat(h.getSideOutput(SessionSummarizer.LATE)).singleElement().satisfies(record -> {
                assertThat(record.getValue().reason()).isEqualTo(SessionSummarizer.LATE_REASON);
                assertThat(record.getValue().key()).isEqualTo("s1");
                assertThat(record.getValue().detail()).contains("CART_ADD", "session s1");
                assertThat(record.getValue().payload()).contains("GPU-2");
            });
            assertThat(h.numKeyedStateEntries()).as("a late event leaves no state behind").isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLaterEventMovesTheEndAndACheckoutBuysTheCart() throws Exception {
        try (var h = harness()) {
            h.processElement1(event(CommerceEventType.CART_ADD, 0, "GPU-1"));
            h.processElement1(event(CommerceEventType.CHECKOUT, 20 * 60_000, null));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + GAP.toMillis() + 1));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the first end was replaced, not added to

            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 20 * 60_000 + GAP.toMillis()));
            SessionSummary s = h.extractOutputValues().get(0);
            assertThat(s.cartHolds()).isEmpty();
            assertThat(s.purchasedItems()).isEqualTo(1);
            assertThat(s.purchasedSkus()).containsExactly("GPU-1");
            assertThat(s.purchasedCategories()).containsExactly("gpu");
            assertThat(s.boughtNothing()).isFalse();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void failedLoginsCountAccountsButDoNotBecomeTheUser() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 4; i++) {
                long t = T0 + i * 1000L;
                h.processElement1(new StreamRecord<>(new CommerceEvent(1, CommerceEventType.LOGIN_FAILED, "s1",
                        "victim-" + i, "52.1.1.7", null, null, 0, t), t));
            }
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
            SessionSummary s = h.extractOutputValues().get(0);
            assertThat(s.failedLogins()).isEqualTo(4);
            assertThat(s.failedAccounts()).hasSize(4);
            assertThat(s.userId()).isNull();
            assertThat(s.loginSucceeded()).isFalse();
        }
    }

    /** A score of s1's window from T0 to {@code end}, final or interim, with a trajectory if final. */
    private static StreamRecord<RiskScore> score(long end, boolean isFinal, double risk) {
        return new StreamRecord<>(new RiskScore(1, "s1", "u1", risk, Action.MONITOR, "sufficient", List.of(), Map.of(),
                "m", T0, end, EventCounts.NONE, isFinal, T0, SessionContext.UNKNOWN, null,
                isFinal ? List.of("0000aaaa") : List.of()), end - GAP.toMillis());
    }

    private static void watermark(KeyedTwoInputStreamOperatorTestHarness<String, CommerceEvent, RiskScore, SessionSummary> h,
            long at) throws Exception {
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(at));
    }

    @Test
    void waitsForTheFinalScoreThatComesAfterItsWindowClosed() throws Exception {
        try (var h = harness()) {
            long windowEnd = T0 + 20_000 + GAP.toMillis();
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 0, null));
            h.processElement2(score(windowEnd, false, 0.3));
            // Event time passes the end of the commerce session and of the score's window, as the
            // scoring job's own watermark does before it publishes the final score.
            watermark(h, windowEnd + 10_000);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processElement2(score(windowEnd, true, 0.9));
            watermark(h, windowEnd + 10_001);

            List<SessionSummary> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).risk()).isEqualTo(0.9);
            assertThat(out.get(0).trajectoryShapes()).containsExactly("0000aaaa");
            assertThat(h.getSideOutput(SessionSummarizer.LATE)).isNullOrEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aFinalScoreThatNeverComesHoldsTheSummaryOnlyForTheWait() throws Exception {
        try (var h = harness()) {
            long windowEnd = T0 + 20_000 + GAP.toMillis();
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 0, null));
            h.processElement2(score(windowEnd, false, 0.3));
            watermark(h, windowEnd + FINAL_SCORE_WAIT.toMillis() - 1);
            assertThat(h.extractOutputValues()).isEmpty();

            watermark(h, windowEnd + FINAL_SCORE_WAIT.toMillis());
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.extractOutputValues().get(0).risk()).isEqualTo(0.3);
        }
    }

    @Test
    void aSessionWhoseFinalScoreCameIsNotHeldBack() throws Exception {
        try (var h = harness()) {
            long windowEnd = T0 + 20_000 + GAP.toMillis();
            h.processElement1(event(CommerceEventType.PAGE_VIEW, 0, null));
            h.processElement2(score(windowEnd, true, 0.3));
            watermark(h, windowEnd);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void keepsWhatChangedTheLargestOrderTheTrajectoryAndTheProfileDeviation() throws Exception {
        try (var h = harness()) {
            h.processElement1(new StreamRecord<>(new CommerceEvent(1, CommerceEventType.ACCOUNT_CHANGE, "s1", "u1",
                    null, null, null, 0, T0 + 1_000, "email", Double.NaN), T0 + 1_000));
            h.processElement1(new StreamRecord<>(new CommerceEvent(1, CommerceEventType.ACCOUNT_CHANGE, "s1", "u1",
                    null, null, null, 0, T0 + 2_000, null, Double.NaN), T0 + 2_000));
            h.processElement1(new StreamRecord<>(new CommerceEvent(1, CommerceEventType.CHECKOUT, "s1", "u1",
                    null, "TV", null, 1, T0 + 3_000, null, 899.0), T0 + 3_000));
            h.processElement1(new StreamRecord<>(new CommerceEvent(1, CommerceEventType.CHECKOUT, "s1", "u1",
                    null, "CABLE", null, 1, T0 + 4_000, null, 12.5), T0 + 4_000));
            RiskScore last = new RiskScore(1, "s1", "u1", 0.2, Action.MONITOR, "sufficient", List.of(), Map.of(), "m",
                    T0, T0 + 4_000 + GAP.toMillis(), EventCounts.NONE, true, T0, SessionContext.UNKNOWN,
                    new io.telltale.core.wire.ProfileDeviation(io.telltale.core.wire.ProfileDeviation.Status.JUDGED, 0.4,
                            1.5, 20, 8, List.of()),
                    List.of("0000aaaa", "0000bbbb"));
            h.processElement2(new StreamRecord<>(last, T0 + 4_000));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));

            SessionSummary s = h.extractOutputValues().get(0);
            assertThat(s.accountChanges()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("email", T0 + 1_000, SessionSummary.UNSPECIFIED_CHANGE, T0 + 2_000));
            assertThat(s.largestCheckoutValue()).isEqualTo(899.0);
            assertThat(s.largestCheckoutAt()).isEqualTo(T0 + 3_000);
            assertThat(s.purchasedSkus()).containsExactlyInAnyOrder("TV", "CABLE");
            assertThat(s.trajectoryShapes()).containsExactlyInAnyOrder("0000aaaa", "0000bbbb");
            assertThat(s.profileDeviation()).isEqualTo(0.4);
        }
    }
}
