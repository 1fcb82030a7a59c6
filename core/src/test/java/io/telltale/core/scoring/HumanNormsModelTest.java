package io.telltale.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.features.SessionFeaturesTestBase;
import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanNormsModelTest extends SessionFeaturesTestBase {

    private final HumanNormsModel model = HumanNormsModel.standard();

    @Test
    void standardNormsAreVersioned() {
        assertThat(model.version()).isEqualTo("human-norms-v1");
        assertThat(model.norms()).extracting(HumanNorm::reasonCode).doesNotHaveDuplicates();
    }

    @Test
    void aHumanSessionIsBelowChallenge() {
        RiskAssessment verdict = model.assess(features(humanSession()));

        assertThat(verdict.sufficientEvidence()).isTrue();
        assertThat(verdict.score()).isLessThan(0.5);
    }

    @Test
    void humanMouseOnlyIsBelowChallenge() {
        Session human = session();
        for (int i = 0; i < 8; i++) {
            human.mouse(humanMoveAndClick(BEGINNING + i * 2_000L, 100 + 30 * i, 100, 700, 300 + 20 * i, i));
        }

        RiskAssessment verdict = model.assess(features(human));

        assertThat(verdict.sufficientEvidence()).isTrue();
        assertThat(verdict.score()).isLessThan(0.5);
    }

    @Test
    void aLinearConstantSpeedBotIsBlockedForItsPathAndSpeed() {
        Session bot = session();
        for (int i = 0; i < 6; i++) {
            bot.mouse(linearBotStroke(BEGINNING + i * 1_000L, 50 + 20 * i, 80, 40));
        }

        RiskAssessment verdict = model.assess(features(bot));

        assertThat(verdict.sufficientEvidence()).isTrue();
        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(verdict.reasons()).extracting(Reason::code)
                .contains("MOUSE_PATH_STRAIGHT", "MOUSE_SPEED_CONSTANT");
        assertThat(verdict.reasons()).hasSizeLessThanOrEqualTo(HumanNormsModel.MAX_REASONS);
        assertThat(verdict.reasons().get(0).contribution())
                .isGreaterThanOrEqualTo(verdict.reasons().get(verdict.reasons().size() - 1).contribution());
        Reason straight = verdict.reasons().stream()
                .filter(r -> r.code().equals("MOUSE_PATH_STRAIGHT")).findFirst().orElseThrow();
        assertThat(straight.text()).isEqualTo("mouse path 100% straight over 6 strokes");
    }

    @Test
    void aUniformTypingBotIsChallenged() {
        RiskAssessment verdict = model.assess(features(session().keys(steadyTyping(BEGINNING, 60, 110, 40))));

        assertThat(verdict.sufficientEvidence()).isTrue();
        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(verdict.reasons()).extracting(Reason::code).contains("TYPING_RHYTHM_UNIFORM");
        assertThat(verdict.reasons().get(0).text()).contains("over 120 key events");
    }

    @Test
    void humanTypingIsBelowChallenge() {
        RiskAssessment verdict = model.assess(features(session().keys(humanTyping(BEGINNING, 80, 9))));

        assertThat(verdict.score()).isLessThan(0.5);
    }

    @Test
    void unskewedHoldsWithNarrowIntervalsAreFlaggedTogetherNotApart() {
        RiskAssessment both = model.assess(typing(-0.1, 0.35));
        RiskAssessment holdsOnly = model.assess(typing(-0.1, 0.6));
        RiskAssessment intervalsOnly = model.assess(typing(2.0, 0.35));

        assertThat(both.score()).isGreaterThan(0.0).isLessThan(0.5);
        assertThat(both.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo("TYPING_RHYTHM_UNSKEWED");
            assertThat(reason.text()).isEqualTo(
                    "key holds lack a long tail (skew -0.100) and intervals vary little (log SD 0.350) over 200 key events");
        });
        assertThat(holdsOnly.score()).isZero();
        assertThat(intervalsOnly.score()).isZero();
    }

    @Test
    void wordsStartedAsFastAsLettersFollowWithUntailedIntervalsAreFlaggedTogetherNotApart() {
        RiskAssessment both = model.assess(wordTyping(0.12, 0.2));
        RiskAssessment wordsOnly = model.assess(wordTyping(0.12, 2.0));
        RiskAssessment tailOnly = model.assess(wordTyping(0.9, 0.2));
        RiskAssessment missingWords = model.assess(wordTyping(Double.NaN, 0.2));

        assertThat(both.score()).isGreaterThan(0.0).isLessThan(0.5);
        assertThat(both.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo("TYPING_IGNORES_WORDS");
            assertThat(reason.text()).isEqualTo("typing ignores word boundaries: a word starts only 0.120 SDs slower"
                    + " than letters follow each other, and intervals lack a long tail (skew 0.200) over 200 key events");
        });
        assertThat(wordsOnly.score()).isZero();
        assertThat(tailOnly.score()).isZero();
        assertThat(missingWords.score()).isZero();
    }

    @Test
    void aPathTooSmoothOnTheGridIsChallengedAloneButNotBlocked() {
        assertChallengedAloneNotBlocked(model.assess(pointer(0.04)), "MOUSE_PATH_TOO_SMOOTH",
                "mouse path unnaturally smooth at 200 ms steps: 0.0400 px off its neighbours' midpoint per px travelled over 600 moves");
        assertThat(model.assess(pointer(0.12)).score()).as("the smoothest person").isZero();
        assertThat(model.assess(pointer(Double.NaN)).score()).as("too little movement").isZero();
    }

    @Test
    void smoothSweepsWithoutHomingAreChallengedTogetherNotApart() {
        assertChallengedAloneNotBlocked(model.assess(sweeps(0.25, 0.21)), "MOUSE_SMOOTH_NO_HOMING",
                "mouse moves in smooth sweeps that reach their ends at speed: 25% of aimed movements slow into"
                        + " their end, 0.210 px off the 200 ms midpoint per px, over 20 strokes");
        assertThat(model.assess(sweeps(0.25, 0.45)).score()).as("homing alone, as people's lowest").isZero();
        assertThat(model.assess(sweeps(0.7, 0.21)).score()).as("smooth alone").isZero();
        assertThat(model.assess(sweeps(Double.NaN, 0.21)).score()).as("too few movement ends").isZero();
    }

    @Test
    void typingWithoutLongIntervalsIsChallengedAloneButNotBlocked() {
        assertChallengedAloneNotBlocked(model.assess(tailTyping(0.02)), "TYPING_NO_LONG_INTERVALS",
                "at most 2% of intervals between key presses are twice the median or longer (95% bound) over 200 key events");
        assertThat(model.assess(tailTyping(0.06)).score()).as("the fewest long intervals of any person").isZero();
        assertThat(model.assess(tailTyping(Double.NaN)).score()).as("too few intervals").isZero();
    }

    /** One norm alone: a challenge, not a block, and it is the only reason. */
    private static void assertChallengedAloneNotBlocked(RiskAssessment bot, String code, String text) {
        assertThat(bot.score()).isGreaterThanOrEqualTo(0.5).isLessThan(0.8);
        assertThat(bot.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(code);
            assertThat(reason.text()).isEqualTo(text);
        });
    }

    /** Typing like Aalto's people on every key feature but the share of long intervals. */
    private static SessionFeatures tailTyping(double tailShare) {
        SessionFeatures.Builder builder = typingBuilder(2.0, 0.6);
        if (!Double.isNaN(tailShare)) {
            builder.set(Feature.KEY_FLIGHT_TAIL_SHARE, tailShare);
        }
        return builder.build();
    }

    /** A pointer like people's on every mouse feature the norms read but the 200 ms grid residual. */
    private static SessionFeatures pointer(double gridResidual) {
        return pointerBuilder(gridResidual).build();
    }

    private static SessionFeatures.Builder pointerBuilder(double gridResidual) {
        SessionFeatures.Builder builder = SessionFeatures.builder(new EventCounts(10, 600, 20, 5, 0, 0, 0))
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, 0.8).set(Feature.MOUSE_STRAIGHTNESS_STD, 0.2)
                .set(Feature.MOUSE_SPEED_CV, 1.2).set(Feature.MOUSE_ACCELERATION_CV, 1.5)
                .set(Feature.MOUSE_JERK_CV, 1.5).set(Feature.MOUSE_CURVATURE_MEAN, 0.01)
                .set(Feature.MOUSE_DIRECTION_ENTROPY, 2.0);
        if (!Double.isNaN(gridResidual)) {
            builder.set(Feature.MOUSE_GRID_RESIDUAL, gridResidual);
        }
        return builder;
    }

    /** A pointer like people's on every mouse feature the norms read but homing and the grid residual. */
    private static SessionFeatures sweeps(double homingShare, double gridResidual) {
        SessionFeatures.Builder builder = pointerBuilder(gridResidual);
        if (!Double.isNaN(homingShare)) {
            builder.set(Feature.MOUSE_HOMING_SHARE, homingShare);
        }
        return builder.build();
    }

    /** Typing like Aalto's people on every key feature but hold skew and log-interval spread. */
    private static SessionFeatures typing(double dwellSkew, double flightLogSd) {
        return typingBuilder(dwellSkew, flightLogSd).build();
    }

    /** Typing like Aalto's people on every key feature but the word-start shift and interval skew. */
    private static SessionFeatures wordTyping(double wordStartShift, double flightSkew) {
        SessionFeatures.Builder builder = typingBuilder(2.0, 0.6).set(Feature.KEY_FLIGHT_SKEW, flightSkew);
        if (!Double.isNaN(wordStartShift)) {
            builder.set(Feature.KEY_WORD_START_SHIFT, wordStartShift);
        }
        return builder.build();
    }

    private static SessionFeatures.Builder typingBuilder(double dwellSkew, double flightLogSd) {
        return SessionFeatures.builder(new EventCounts(20, 0, 0, 0, 200, 0, 0))
                .set(Feature.KEY_DWELL_MEAN, 110).set(Feature.KEY_DWELL_CV, 0.45)
                .set(Feature.KEY_FLIGHT_MEAN, 280).set(Feature.KEY_FLIGHT_CV, 0.7)
                .set(Feature.KEY_DWELL_SKEW, dwellSkew).set(Feature.KEY_FLIGHT_LOG_SD, flightLogSd);
    }

    @Test
    void aTeleportingClickerIsChallenged() {
        Session bot = session();
        for (int i = 0; i < 3; i++) {
            bot.mouse(humanStroke(BEGINNING + i * 1_000L, 100, 100 + 40 * i, 600, 300, 500, i));
        }
        for (int i = 0; i < 6; i++) {
            bot.mouse(clickAt(TEN_SECONDS_LATER + i * 800L, 900 - 120 * i, 200 + 50 * i));
        }

        RiskAssessment verdict = model.assess(features(bot));

        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(verdict.reasons()).extracting(Reason::code).contains("MOUSE_TELEPORT", "CLICK_WITHOUT_APPROACH");
    }

    @Test
    void metronomeScrollingIsFlaggedButHumanScrollingIsNot() {
        List<ScrollSample> metronome = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            metronome.add(new ScrollSample(BEGINNING + i * 250L, 0, 100));
        }

        RiskAssessment bot = model.assess(features(session().scroll(metronome)));
        RiskAssessment human = model.assess(features(session().scroll(wheelScrolling(BEGINNING, 40, 4))));

        assertThat(bot.reasons()).extracting(Reason::code).containsExactly("SCROLL_RHYTHM_UNIFORM");
        assertThat(bot.sufficientEvidence()).isTrue();
        assertThat(human.score()).isZero();
    }

    @Test
    void webdriverAloneBlocks() {
        DeviceInfo automated = new DeviceInfo(true, List.of(), 1920, 1080, 1536, 730, 1.25f, 8, 0, "Win32",
                "en-US", "Europe/Paris", 0);
        Session session = session().device(automated, DESKTOP_CHROME)
                .mouse(List.of(new MouseSample(BEGINNING, 10, 10, MouseKind.MOVE)));

        RiskAssessment verdict = model.assess(features(session));

        assertThat(verdict.sufficientEvidence()).isFalse();
        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(verdict.reasons()).extracting(Reason::code).containsExactly("WEBDRIVER");
    }

    @Test
    void aHeadlessChromeUserAgentBlocksOnItsOwn() {
        Session session = session().device(DESKTOP, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36");

        RiskAssessment verdict = model.assess(features(session));

        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(verdict.reasons()).extracting(Reason::code).contains("HEADLESS_BROWSER", "DEVICE_INCONSISTENT");
    }

    @Test
    void oneContradictionAloneIsNotEnoughToChallenge() {
        DeviceInfo spoofed = new DeviceInfo(false, List.of(), 1920, 1080, 1536, 730, 1f, 8, 0, "MacIntel", "en", null, 0);

        RiskAssessment verdict = model.assess(features(session().device(spoofed, DESKTOP_CHROME)));

        assertThat(verdict.score()).isGreaterThan(0.0).isLessThan(0.5);
    }

    @Test
    void manySyntheticEventsBlockOnTheirOwn() {
        DeviceInfo synthetic = new DeviceInfo(false, List.of(), 1920, 1080, 1536, 730, 1.25f, 8, 0, "Win32",
                "en-US", "Europe/Paris", 25);

        RiskAssessment verdict = model.assess(features(session().device(synthetic, DESKTOP_CHROME)));

        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void threeMovesAreInsufficientEvidenceNotHuman() {
        Session session = session().mouse(List.of(
                new MouseSample(BEGINNING, 10, 10, MouseKind.MOVE),
                new MouseSample(BEGINNING + 16, 20, 10, MouseKind.MOVE),
                new MouseSample(BEGINNING + 32, 30, 10, MouseKind.MOVE)));

        RiskAssessment verdict = model.assess(features(session));

        assertThat(verdict.sufficientEvidence()).isFalse();
        assertThat(verdict.score()).isLessThan(0.5);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void behaviourDoesNotCountWithoutEvidence() {
        SessionFeatures straightButThin = SessionFeatures.builder(new EventCounts(1, 40, 2, 0, 0, 0, 0))
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, 1.0)
                .set(Feature.MOUSE_SPEED_CV, 0.0)
                .build();

        RiskAssessment verdict = model.assess(straightButThin);

        assertThat(verdict.sufficientEvidence()).isFalse();
        assertThat(verdict.score()).isZero();
    }

    @Test
    void clicksWithoutMovementAreEvidenceEnoughToJudge() {
        // a teleporting bot: eight presses in one minute and hardly a move between them
        SessionFeatures clicksOnly = SessionFeatures.builder(new EventCounts(4, 24, 0, 8, 0, 0, 0))
                .set(Feature.CLICK_NO_APPROACH_SHARE, 1.0)
                .set(Feature.MOUSE_TELEPORT_SHARE, 1.0)
                .build();

        RiskAssessment verdict = model.assess(clicksOnly);

        assertThat(verdict.sufficientEvidence()).isTrue();
        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(verdict.reasons()).extracting(Reason::code).contains("MOUSE_TELEPORT");
    }

    @Test
    void anExplicitTableReplacesTheStandardOne() throws IOException {
        HumanNormsModel custom = HumanNormsModel.parse(new StringReader("""
                version = test-norms
                key_flight_cv = behaviour low 0.5 1000 0.1 3.0 TYPING_RHYTHM_UNIFORM | typing varies {pct}%
                """));

        assertThat(custom.version()).isEqualTo("test-norms");
        assertThat(custom.norms()).hasSize(1);
        assertThat(custom.assess(features(session().keys(humanTyping(BEGINNING, 80, 9)))).score()).isLessThan(0.5);
    }

    @Test
    void aTableNamingAnUnknownFeatureIsRejected() {
        assertThatThrownBy(() -> HumanNormsModel.parse(new StringReader("""
                version = broken
                key_flight_cvv = behaviour low 0.5 1000 0.1 3.0 X | x
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_flight_cvv");
    }

    @Test
    void aJointClauseNeedsAFeatureSideRangeAndScale() {
        assertThatThrownBy(() -> HumanNormsModel.parse(new StringReader("""
                version = broken
                key_dwell_skew = behaviour low 0 1000 0.3 0.6 X & key_flight_log_sd low 0.45 | x
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_dwell_skew");
    }

    @Test
    void aFeatureMayHaveFurtherNormsJointWithAnother() throws IOException {
        HumanNormsModel custom = HumanNormsModel.parse(new StringReader("""
                version = test-norms
                key_flight_cv.with_holds = behaviour low 0.5 1000 0.1 1.0 B & key_dwell_cv low 0.2 1000 0.05 | b
                key_flight_cv = behaviour low 0.3 1000 0.1 1.0 A | a
                """));

        assertThat(custom.norms()).extracting(HumanNorm::reasonCode).containsExactly("A", "B");
        assertThat(custom.assess(typingBuilder(2.0, 0.6).set(Feature.KEY_FLIGHT_CV, 0.4).set(Feature.KEY_DWELL_CV, 0.1)
                .build()).reasons()).extracting(Reason::code).containsExactly("B");
    }

    @Test
    void aFurtherNormOnAFeatureMustBeJoint() {
        assertThatThrownBy(() -> HumanNormsModel.parse(new StringReader("""
                version = broken
                key_flight_cv = behaviour low 0.3 1000 0.1 1.0 A | a
                key_flight_cv.again = behaviour low 0.5 1000 0.1 1.0 B | b
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_flight_cv.again");
        assertThatThrownBy(() -> HumanNormsModel.parse(new StringReader("""
                version = broken
                key_flight_cvv.again = behaviour low 0.5 1000 0.1 1.0 B & key_dwell_cv low 0.2 1000 0.05 | b
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_flight_cvv.again");
    }

    @Test
    void noNumberOutsideTheUnitIntervalEvenForExtremeFeatures() {
        SessionFeatures.Builder extreme = SessionFeatures.builder(new EventCounts(1, 1000, 50, 50, 500, 50, 50));
        for (Feature feature : Feature.values()) {
            extreme.set(feature, 1e300);
        }

        RiskAssessment verdict = model.assess(extreme.build());

        assertThat(verdict.score()).isBetween(0.0, 1.0);
        assertThat(verdict.reasons()).hasSize(HumanNormsModel.MAX_REASONS);
    }

    private static SessionFeatures features(Session session) {
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        acc.add(session.asOneBatch());
        return acc.features();
    }
}
