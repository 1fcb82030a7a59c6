package io.telltale.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.job.state.BatchFeatures;
import io.telltale.job.state.BatchFeaturesSerializer;
import io.telltale.simulator.Actor;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The job's session-window operator, exactly as {@link TelltaleJob} builds it, under the keyed
 * operator harness: when it scores, how windows merge, what happens to late batches, and that
 * nothing is left behind when a session closes; which interim scores are published, and that
 * a held-back update survives a restore.
 */
class SessionScoringWindowTest extends TelltaleTestBase {

    private static final Duration GAP = Duration.ofMinutes(30);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    static KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, RiskScore> harness() throws Exception {
        return harness(null);
    }

    /** The operator under the harness, restored from {@code snapshot} unless it is null. */
    static KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, RiskScore> harness(
            OperatorSubtaskState snapshot) throws Exception {
        Configuration config = new Configuration();
        config.set(TelltaleOptions.SESSION_GAP, GAP);
        config.set(TelltaleOptions.SCORE_INTERVAL, INTERVAL);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var input = env.fromData(BatchFeaturesSerializer.TYPE_INFO, features(linearBotBatch("x", 0, BEGINNING)))
                .keyBy(BatchFeatures::sessionId, Types.STRING);
        SingleOutputStreamOperator<RiskScore> scores = TelltaleJob.scoreSessions(
                input, config, new SessionScorer(HumanNormsModel.standard(), ActionThresholds.DEFAULT));
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<BatchFeatures, RiskScore> operator =
                ((OneInputTransformation<BatchFeatures, RiskScore>) scores.getTransformation()).getOperator();
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, BatchFeatures::sessionId, Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, RiskScore> harness,
            String sessionId, long sequence, long startedAt) throws Exception {
        harness.processElement(features(linearBotBatch(sessionId, sequence, startedAt)), startedAt);
    }

    @Test
    void aBotIsScoredOnArrivalPublishedWhenItChangesAndFinallyWhenItLeaves() throws Exception {
        try (var harness = harness()) {
            // Ten batches, one every three seconds, with the watermark trailing the newest batch.
            send(harness, "s-bot", 0, BEGINNING);
            // Scored on arrival: the first batch already decides, before any watermark.
            assertThat(harness.extractOutputValues()).hasSize(1);
            for (int seq = 1; seq < 10; seq++) {
                long startedAt = BEGINNING + seq * THREE_SECONDS;
                send(harness, "s-bot", seq, startedAt);
                harness.processWatermark(startedAt - ONE_SECOND);
            }
            List<RiskScore> interim = harness.extractOutputValues();
            assertThat(interim).isNotEmpty().allMatch(score -> !score.isFinal());
            // Every batch is scored, but the same bot doing the same thing is not news: at most
            // one update per interval over the 27 s of batches.
            assertThat(interim.size()).isLessThanOrEqualTo(6);
            assertThat(interim.get(interim.size() - 1).action()).isNotEqualTo(Action.MONITOR);

            harness.processWatermark(BEGINNING + 9 * THREE_SECONDS + GAP.toMillis());
            List<RiskScore> all = harness.extractOutputValues();
            RiskScore last = all.get(all.size() - 1);
            assertThat(last.isFinal()).isTrue();
            assertThat(last.counts().batches()).isEqualTo(10);
            assertThat(last.action()).isNotEqualTo(Action.MONITOR);
            assertThat(last.windowStart()).isEqualTo(BEGINNING);
            assertThat(last.windowEnd()).isEqualTo(BEGINNING + 9 * THREE_SECONDS + GAP.toMillis());
            assertThat(all).filteredOn(RiskScore::isFinal).hasSize(1);

            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aBatchThatEscalatesIsPublishedAtOnceEvenRightAfterAnUpdate() throws Exception {
        try (var harness = harness()) {
            long lastHuman = BEGINNING;
            for (TelemetryBatch batch : simulatedSession(Actor.HUMAN, "s-1", BEGINNING, Duration.ofSeconds(30), 7)) {
                harness.processElement(features(batch), batch.startedAt());
                lastHuman = batch.startedAt();
                if (!harness.extractOutputValues().isEmpty()) {
                    break;
                }
            }
            List<RiskScore> before = harness.extractOutputValues();
            assertThat(before).hasSize(1);
            assertThat(before.get(0).action()).isEqualTo(Action.MONITOR);

            // One second later, well within the interval, the browser shows it is driven by WebDriver.
            harness.processElement(features(webdriverBatch("s-1", 99, lastHuman + ONE_SECOND)), lastHuman + ONE_SECOND);

            List<RiskScore> after = harness.extractOutputValues();
            assertThat(after).hasSize(2);
            assertThat(after.get(1).action()).isEqualTo(Action.BLOCK);
            assertThat(after.get(1).isFinal()).isFalse();
        }
    }

    @Test
    void aChangeHeldBackIsPublishedByACatchUpAfterTheIntervalAlsoAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            send(harness, "s-1", 0, BEGINNING);
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(score -> assertThat(score.action()).isEqualTo(Action.BLOCK));

            // Already blocked: WebDriver adds a reason but no escalation, one second after the
            // last update, so it waits for the interval.
            harness.processElement(features(webdriverBatch("s-1", 1, BEGINNING + ONE_SECOND)), BEGINNING + ONE_SECOND);
            assertThat(harness.extractOutputValues()).hasSize(1);
            snapshot = harness.snapshot(1L, BEGINNING + ONE_SECOND);
        }
        try (var restored = harness(snapshot)) {
            restored.processWatermark(BEGINNING + INTERVAL.toMillis() - 1);
            assertThat(restored.extractOutputValues()).isEmpty();

            // No batch since: the catch-up firing publishes what was held back.
            restored.processWatermark(BEGINNING + ONE_SECOND + INTERVAL.toMillis());
            assertThat(restored.extractOutputValues()).singleElement().satisfies(score -> {
                assertThat(score.isFinal()).isFalse();
                assertThat(score.counts().batches()).isEqualTo(2);
                assertThat(score.reasons()).extracting(Reason::code).anyMatch(code -> code.startsWith("WEBDRIVER"));
            });

            // Nothing more to say until the session closes, and then exactly once.
            restored.processWatermark(BEGINNING + ONE_MINUTE);
            assertThat(restored.extractOutputValues()).hasSize(1);
            restored.processWatermark(BEGINNING + ONE_SECOND + GAP.toMillis());
            assertThat(restored.extractOutputValues()).filteredOn(RiskScore::isFinal).hasSize(1);
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aBatchThatBridgesTwoSessionsMergesThemIntoOne() throws Exception {
        try (var harness = harness()) {
            send(harness, "s-1", 0, BEGINNING);
            send(harness, "s-1", 2, BEGINNING + 40 * ONE_MINUTE);
            // 20 minutes after the first and before the second: both gaps close, one session.
            send(harness, "s-1", 1, BEGINNING + 20 * ONE_MINUTE);

            harness.processWatermark(BEGINNING + 40 * ONE_MINUTE + GAP.toMillis());

            List<RiskScore> finals =
                    harness.extractOutputValues().stream().filter(RiskScore::isFinal).toList();
            assertThat(finals).hasSize(1);
            assertThat(finals.get(0).counts().batches()).isEqualTo(3);
            assertThat(finals.get(0).windowStart()).isEqualTo(BEGINNING);
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void separateVisitsOfOneSessionIdGetTheirOwnFinalScores() throws Exception {
        try (var harness = harness()) {
            send(harness, "s-1", 0, BEGINNING);
            harness.processWatermark(BEGINNING + GAP.toMillis());
            send(harness, "s-1", 1, AN_HOUR_LATER);
            harness.processWatermark(AN_HOUR_LATER + GAP.toMillis());

            assertThat(harness.extractOutputValues())
                    .filteredOn(RiskScore::isFinal)
                    .extracting(RiskScore::windowStart)
                    .containsExactly(BEGINNING, AN_HOUR_LATER);
        }
    }

    @Test
    void aBatchAfterTheSessionClosedGoesToTheLateOutput() throws Exception {
        try (var harness = harness()) {
            send(harness, "s-1", 0, BEGINNING);
            harness.processWatermark(TEN_MINUTES_LATER + GAP.toMillis());
            int scoresBefore = harness.extractOutputValues().size();

            // Its own session window (start + gap) ended before the watermark: nothing it could
            // join is open any more. (A batch whose window is still ahead of the watermark is not
            // late: it opens a new visit of the same session id.)
            send(harness, "s-1", 1, BEGINNING + ONE_SECOND);

            assertThat(harness.extractOutputValues()).hasSize(scoresBefore);
            assertThat(harness.getSideOutput(TelltaleJob.LATE_BATCHES))
                    .extracting(record -> record.getValue().sequence())
                    .containsExactly(1L);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aWebdriverSessionIsBlockedEvenWithLittleBehaviour() throws Exception {
        try (var harness = harness()) {
            harness.processElement(features(webdriverBatch("s-wd", 0, BEGINNING)), BEGINNING);
            harness.processWatermark(BEGINNING + GAP.toMillis());

            RiskScore last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
            assertThat(last.isFinal()).isTrue();
            assertThat(last.action()).isEqualTo(Action.BLOCK);
            assertThat(last.evidence()).isEqualTo(RiskScore.EVIDENCE_INSUFFICIENT);
        }
    }
}
