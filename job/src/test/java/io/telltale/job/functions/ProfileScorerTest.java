package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.profile.ProfileRisk;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import io.telltale.job.TelltaleTestBase;
import io.telltale.simulator.Actor;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ProfileScorerTest extends TelltaleTestBase {

    private static final Duration TTL = Duration.ofDays(90);
    private static final long FIFTEEN_MINUTES = 15 * ONE_MINUTE;
    private static final ProfileRisk RISK =
            new ProfileRisk(ProfileRisk.STANDARD_SCALE, ActionThresholds.DEFAULT, 10 * ONE_MINUTE);

    private static KeyedOneInputStreamOperatorTestHarness<String, RiskScore, RiskScore> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ProfileScorer(RISK, TTL)), ProfileScorer.KEY, Types.STRING);
        harness.open();
        return harness;
    }

    /** The behaviour of a two-minute simulated session of {@code actor}. */
    private static SessionFeatures behaviourOf(Actor actor, long seed) {
        SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
        simulatedSession(actor, "s-" + seed, BEGINNING, Duration.ofMinutes(2), seed).forEach(accumulator::add);
        return accumulator.features();
    }

    /** A final score the behaviour model did not flag, ending at {@code end}. */
    private static RiskScore finalScore(String sessionId, String userId, SessionFeatures features, long end) {
        return new RiskScore(1, sessionId, userId, 0.05, Action.MONITOR, RiskScore.EVIDENCE_SUFFICIENT, List.of(),
                features.toMap(), "heuristic-1", end - 2 * ONE_MINUTE, end, features.counts(), true, end,
                SessionContext.UNKNOWN);
    }

    @Test
    void aYoungProfileSaysUnknownThenJudgesAndAStrangerIsFurtherThanTheOwner() throws Exception {
        SessionFeatures owner = behaviourOf(Actor.HUMAN, 1);
        try (var harness = harness()) {
            long end = BEGINNING;
            for (int i = 0; i < 7; i++) {
                end += FIFTEEN_MINUTES;
                harness.processElement(finalScore("s-owner-" + i, "u-1", owner, end), end);
            }
            end += FIFTEEN_MINUTES;
            // The behaviour model missed this one: the profile is the only alarm.
            harness.processElement(finalScore("s-stranger", "u-1", behaviourOf(Actor.LINEAR_BOT, 2), end), end);
            end += FIFTEEN_MINUTES;
            harness.processElement(finalScore("s-owner-again", "u-1", owner, end), end);

            List<RiskScore> out = harness.extractOutputValues();
            assertThat(out).hasSize(9);
            for (int i = 0; i < 5; i++) {
                assertThat(out.get(i).profile().status()).isEqualTo(ProfileDeviation.Status.YOUNG_PROFILE);
                assertThat(out.get(i).profile().sessions()).isEqualTo(i);
                assertThat(out.get(i).score()).isEqualTo(0.05);
            }
            RiskScore ownerJudged = out.get(6);
            RiskScore stranger = out.get(7);
            assertThat(ownerJudged.profile().status()).isEqualTo(ProfileDeviation.Status.JUDGED);
            assertThat(ownerJudged.profile().deviation()).isZero();
            assertThat(ownerJudged.action()).isEqualTo(Action.MONITOR);
            assertThat(stranger.profile().deviation()).isGreaterThan(0.5);
            assertThat(stranger.action()).isEqualTo(Action.CHALLENGE);
            assertThat(stranger.reasons().get(0).code()).isEqualTo(ProfileRisk.REASON_CODE);
            // The stranger was not learned: the next session sees the same number of sessions.
            assertThat(out.get(8).profile().sessions()).isEqualTo(stranger.profile().sessions());
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aBurstOfSessionsTeachesTheProfileOnlyOnceAnInterval() throws Exception {
        SessionFeatures owner = behaviourOf(Actor.HUMAN, 1);
        try (var harness = harness()) {
            for (int i = 0; i < 20; i++) {
                long end = BEGINNING + i * ONE_MINUTE;
                harness.processElement(finalScore("s-burst-" + i, "u-2", owner, end), end);
            }
            long later = BEGINNING + 20 * ONE_MINUTE;
            harness.processElement(finalScore("s-after", "u-2", owner, later), later);

            // Learned at 0, 10 and 20 minutes in: two sessions before the last one.
            assertThat(harness.extractOutputValues().get(20).profile().sessions()).isEqualTo(2);
        }
    }

    @Test
    void anonymousScoresPassUnchangedAndKeepNoState() throws Exception {
        try (var harness = harness()) {
            RiskScore anonymous = finalScore("s-anon", null, behaviourOf(Actor.HUMAN, 3), ONE_MINUTE_LATER);

            harness.processElement(anonymous, ONE_MINUTE_LATER);

            assertThat(harness.extractOutputValues()).containsExactly(anonymous);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void interimScoresAreJudgedButNeverLearned() throws Exception {
        SessionFeatures owner = behaviourOf(Actor.HUMAN, 1);
        try (var harness = harness()) {
            RiskScore interim = finalScore("s-1", "u-3", owner, ONE_MINUTE_LATER);
            interim = new RiskScore(interim.schemaVersion(), interim.sessionId(), interim.userId(), interim.score(),
                    interim.action(), interim.evidence(), interim.reasons(), interim.features(), interim.modelVersion(),
                    interim.windowStart(), interim.windowEnd(), interim.counts(), false, interim.emittedAt(),
                    interim.context());

            harness.processElement(interim, ONE_MINUTE_LATER);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(s -> assertThat(s.profile().status()).isEqualTo(ProfileDeviation.Status.YOUNG_PROFILE));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }
}
