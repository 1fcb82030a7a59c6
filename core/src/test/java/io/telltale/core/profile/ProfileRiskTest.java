package io.telltale.core.profile;

import static io.telltale.core.profile.BehaviourProfileTest.PLENTY_OF_MOUSE;
import static io.telltale.core.profile.BehaviourProfileTest.ownerProfile;
import static io.telltale.core.profile.BehaviourProfileTest.session;
import static io.telltale.core.profile.BehaviourProfileTest.stranger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProfileRiskTest {

    static final long TEN_MINUTES = 600_000L;
    static final long SESSION_END = 1_772_366_460_000L;

    private final ProfileRisk risk = new ProfileRisk(ProfileRisk.STANDARD_SCALE, ActionThresholds.DEFAULT, TEN_MINUTES);

    static RiskScore scoreOf(SessionFeatures features, double behaviour, Action action, boolean isFinal, long windowEnd) {
        List<Reason> reasons = behaviour > 0 ? List.of(new Reason("MOUSE_PATH_STRAIGHT", "straight", behaviour)) : List.of();
        return new RiskScore(1, "s-1", "u-1", behaviour, action, RiskScore.EVIDENCE_SUFFICIENT, reasons,
                features.toMap(), "heuristic-1", windowEnd - 60_000, windowEnd, features.counts(), isFinal,
                windowEnd + 5, SessionContext.UNKNOWN);
    }

    @Test
    void aStrangerOnTheAccountIsChallengedWithTheProfileReasonButNeverBlockedByItAlone() {
        SplittableRandom random = new SplittableRandom(11);
        BehaviourProfile profile = ownerProfile(random, 40);

        RiskScore applied = risk.apply(
                scoreOf(stranger(random), 0.0, Action.MONITOR, true, SESSION_END), profile);

        assertThat(applied.profile().judged()).isTrue();
        assertThat(applied.action()).isEqualTo(Action.CHALLENGE);
        assertThat(applied.score()).isLessThan(ProfileRisk.PROFILE_WEIGHT + 1e-9).isLessThan(0.8);
        assertThat(applied.reasons().get(0).code()).isEqualTo(ProfileRisk.REASON_CODE);
        assertThat(applied.reasons().get(0).text())
                .startsWith("behaviour unlike this account's history (40 sessions, ")
                .containsPattern("mouse speed mean [34]\\.\\dx the usual \\(");
    }

    @Test
    void theDeviationAddsToTheBehaviourScoreAsAnIndependentAlarm() {
        SplittableRandom random = new SplittableRandom(11);
        BehaviourProfile profile = ownerProfile(random, 40);

        RiskScore applied = risk.apply(
                scoreOf(stranger(random), 0.6, Action.CHALLENGE, true, SESSION_END), profile);

        double added = ProfileRisk.PROFILE_WEIGHT * applied.profile().deviation();
        assertThat(applied.score()).isCloseTo(1 - 0.4 * (1 - added), within(1e-12));
        assertThat(applied.action()).isEqualTo(Action.BLOCK);
        assertThat(applied.reasons()).extracting(Reason::code)
                .containsExactly(ProfileRisk.REASON_CODE, "MOUSE_PATH_STRAIGHT");
    }

    @Test
    void withoutAProfileTheScoreIsUnchangedAndSaysTheVerdictIsUnknown() {
        RiskScore score = scoreOf(session(new SplittableRandom(1), 0.5, 0.85, PLENTY_OF_MOUSE), 0.3, Action.MONITOR,
                true, SESSION_END);

        RiskScore applied = risk.apply(score, null);

        assertThat(applied.score()).isEqualTo(0.3);
        assertThat(applied.reasons()).isEqualTo(score.reasons());
        assertThat(applied.profile().status()).isEqualTo(ProfileDeviation.Status.YOUNG_PROFILE);
    }

    @Test
    void onlyAFinalUnsuspiciousSessionIsLearnedAndAtMostOnceAnInterval() {
        SplittableRandom random = new SplittableRandom(11);
        BehaviourProfile profile = ownerProfile(random, 40); // last learned at 39 s after epoch
        SessionFeatures owner = session(random, 0.5, 0.85, PLENTY_OF_MOUSE);
        SessionFeatures stranger = stranger(random);

        assertThat(risk.mayLearn(risk.apply(scoreOf(owner, 0.0, Action.MONITOR, true, SESSION_END), profile), profile))
                .isTrue();
        assertThat(risk.mayLearn(risk.apply(scoreOf(owner, 0.0, Action.MONITOR, false, SESSION_END), profile), profile))
                .as("interim").isFalse();
        assertThat(risk.mayLearn(risk.apply(scoreOf(owner, 0.6, Action.CHALLENGE, true, SESSION_END), profile), profile))
                .as("suspected bot").isFalse();
        assertThat(risk.mayLearn(risk.apply(scoreOf(stranger, 0.0, Action.MONITOR, true, SESSION_END), profile), profile))
                .as("unlike the account").isFalse();

        profile.learn(owner, SESSION_END);
        RiskScore soonAfter = risk.apply(scoreOf(owner, 0.0, Action.MONITOR, true, SESSION_END + TEN_MINUTES - 1), profile);
        RiskScore later = risk.apply(scoreOf(owner, 0.0, Action.MONITOR, true, SESSION_END + TEN_MINUTES), profile);
        assertThat(risk.mayLearn(soonAfter, profile)).as("within the interval").isFalse();
        assertThat(risk.mayLearn(later, profile)).isTrue();
    }

    @Test
    void featuresComeBackFromTheScoreByName() {
        SessionFeatures features = session(new SplittableRandom(5), 0.5, 0.85, PLENTY_OF_MOUSE);

        SessionFeatures back = ProfileRisk.featuresOf(scoreOf(features, 0, Action.MONITOR, true, SESSION_END));

        assertThat(back.toMap()).isEqualTo(features.toMap());
        assertThat(back.counts()).isEqualTo(features.counts());
    }
}
