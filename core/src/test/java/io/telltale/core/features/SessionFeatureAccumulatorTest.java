package io.telltale.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionFeatureAccumulatorTest extends SessionFeaturesTestBase {

    /** Added with binary form 3: NaN when read from an older form. */
    private static final Set<Feature> SHAPE_FEATURES = EnumSet.of(Feature.MOUSE_PATH_RESIDUAL,
            Feature.MOUSE_RESIDUAL_AUTOCORRELATION, Feature.KEY_FLIGHT_SKEW, Feature.KEY_FLIGHT_LOG_SD,
            Feature.KEY_DWELL_SKEW);

    /** Added with binary form 4: NaN when read from an older form. */
    private static final Set<Feature> GRID_FEATURES = EnumSet.of(Feature.MOUSE_GRID_SPEED_CV,
            Feature.MOUSE_GRID_RESIDUAL, Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION, Feature.MOUSE_SUBMOVEMENT_RATE);

    /** Added with binary form 6: NaN when read from an older form. */
    private static final Set<Feature> WORD_FEATURES = EnumSet.of(Feature.KEY_WORD_START_SHIFT);

    // ---- what the features measure

    @Test
    void straightConstantSpeedLineIsPerfectlyStraightAndSteady() {
        Session bot = session()
                .mouse(linearBotStroke(BEGINNING, 100, 100, 40))
                .mouse(linearBotStroke(ONE_SECOND_LATER, 100, 400, 40))
                .mouse(linearBotStroke(BEGINNING + 2_000, 600, 100, 40))
                .mouse(linearBotStroke(BEGINNING + 3_000, 50, 50, 40));

        SessionFeatures features = featuresOf(bot.asOneBatch());

        assertThat(features.get(Feature.MOUSE_STRAIGHTNESS_MEAN)).isGreaterThanOrEqualTo(0.999);
        assertThat(features.get(Feature.MOUSE_SPEED_CV)).isLessThanOrEqualTo(0.01);
        assertThat(features.counts().strokes()).isEqualTo(4);
    }

    @Test
    void theSpreadOfStraightnessNeedsEightStrokesItsMeanThree() {
        Session three = session();
        Session seven = session();
        Session eight = session();
        for (int i = 0; i < 8; i++) {
            List<MouseSample> stroke = linearBotStroke(BEGINNING + i * 1_000L, 100 + 40 * i, 100, 20);
            if (i < 3) {
                three.mouse(stroke);
            }
            if (i < 7) {
                seven.mouse(stroke);
            }
            eight.mouse(stroke);
        }

        assertThat(featuresOf(three.asOneBatch()).get(Feature.MOUSE_STRAIGHTNESS_MEAN)).isGreaterThan(0.99);
        assertThat(featuresOf(three.asOneBatch()).get(Feature.MOUSE_STRAIGHTNESS_STD)).isNaN();
        assertThat(featuresOf(seven.asOneBatch()).get(Feature.MOUSE_STRAIGHTNESS_STD)).isNaN();
        assertThat(featuresOf(eight.asOneBatch()).get(Feature.MOUSE_STRAIGHTNESS_STD)).isLessThan(0.01);
        assertThat(featuresOf(eight.asOneBatch()).counts().strokes()).isEqualTo(8);
    }

    @Test
    void curvedNoisyHumanStrokesAreLessStraightAndLessSteady() {
        Session human = session();
        for (int i = 0; i < 5; i++) {
            human.mouse(humanStroke(BEGINNING + i * 1_500L, 100, 100 + 50 * i, 700, 350, 700, i));
        }

        SessionFeatures features = featuresOf(human.asOneBatch());

        assertThat(features.get(Feature.MOUSE_STRAIGHTNESS_MEAN)).isBetween(0.8, 0.99);
        assertThat(features.get(Feature.MOUSE_SPEED_CV)).isGreaterThan(0.4);
        assertThat(features.get(Feature.MOUSE_ACCELERATION_CV)).isGreaterThan(0.3);
        assertThat(features.get(Feature.MOUSE_DIRECTION_ENTROPY)).isGreaterThan(1.0);
        assertThat(features.counts().strokes()).isEqualTo(5);
    }

    @Test
    void clicksWithoutAnApproachingPathAreTeleports() {
        Session bot = session().mouse(linearBotStroke(BEGINNING, 10, 10, 20));
        for (int i = 0; i < 5; i++) {
            bot.mouse(clickAt(ONE_SECOND_LATER + i * 700L, 200 + 150 * i, 300 + 60 * i));
        }

        SessionFeatures features = featuresOf(bot.asOneBatch());

        assertThat(features.get(Feature.MOUSE_TELEPORT_SHARE)).isEqualTo(1.0);
        assertThat(features.get(Feature.CLICK_NO_APPROACH_SHARE)).isEqualTo(1.0);
        assertThat(features.counts().clicks()).isEqualTo(5);
    }

    @Test
    void clicksAtTheEndOfAMoveAreApproached() {
        Session human = session();
        for (int i = 0; i < 5; i++) {
            human.mouse(humanMoveAndClick(BEGINNING + i * 2_000L, 100, 100, 500 + 40 * i, 300, i));
        }

        SessionFeatures features = featuresOf(human.asOneBatch());

        assertThat(features.get(Feature.MOUSE_TELEPORT_SHARE)).isEqualTo(0.0);
        assertThat(features.get(Feature.CLICK_NO_APPROACH_SHARE)).isEqualTo(0.0);
    }

    @Test
    void aClickWhereThePointerCameToRestIsApproachedHoweverLongItRestedAndOneElsewhereIsNot() {
        Session reader = session();
        Session elsewhere = session();
        for (int i = 0; i < 5; i++) {
            long start = BEGINNING + i * 60_000L;
            List<MouseSample> move = humanStroke(start, 100, 100, 500 + 40 * i, 300, 650, i);
            MouseSample last = move.get(move.size() - 1);
            // read for 40 s, then click where the pointer stopped (at most 25 px off), or 200 px away
            reader.mouse(move).mouse(clickAt(last.t() + 40_000, last.x() + 20, last.y()));
            elsewhere.mouse(move).mouse(clickAt(last.t() + 40_000, last.x() + 200, last.y()));
        }

        assertThat(featuresOf(reader.asOneBatch()).get(Feature.CLICK_NO_APPROACH_SHARE)).isEqualTo(0.0);
        assertThat(featuresOf(elsewhere.asOneBatch()).get(Feature.CLICK_NO_APPROACH_SHARE)).isEqualTo(1.0);
        // the same across batches, the click alone in a batch after the move's
        long[] cuts = reader.mouse.stream().filter(m -> m.kind() == MouseKind.DOWN).mapToLong(MouseSample::t).toArray();
        assertThat(accumulate(reader.cutAt(cuts)).features().get(Feature.CLICK_NO_APPROACH_SHARE)).isEqualTo(0.0);
    }

    @Test
    void aPressWhileThePointerStillMovesIsToldFromOneAfterItSettled() {
        // the script presses 20 ms after its even stroke arrives; the person 300 ms after settling
        SessionFeatures onArrival = featuresOf(clickedMovements(12, false, true, 5).asOneBatch());
        SessionFeatures settled = featuresOf(settledClicks(12, 300, 5).asOneBatch());

        assertThat(onArrival.get(Feature.CLICK_WHILE_MOVING_SHARE)).isGreaterThan(0.6);
        assertThat(settled.get(Feature.CLICK_WHILE_MOVING_SHARE)).isEqualTo(0.0);
        // four presses are too few to say
        assertThat(featuresOf(clickedMovements(4, false, true, 5).asOneBatch()).has(Feature.CLICK_WHILE_MOVING_SHARE)).isFalse();
    }

    @Test
    void thePointerIsTakenWhereItWas200To225MsBeforeThePress() {
        // rests at (100, 100), jumps 40 px at t0 (a multiple of 25 ms) and presses there d ms later:
        // moving while the lookback instant, rounded down to a multiple of 25 ms, is before t0; five
        // presses all while moving bound the share only loosely (0.649)
        for (long d : new long[] {20, 150, 199, 200, 224, 400}) {
            Session s = session();
            for (int i = 0; i < 5; i++) {
                long t0 = BEGINNING + i * 2_000L + 1_000;
                s.mouse(List.of(new MouseSample(t0 - 500, 100, 100, MouseKind.MOVE), new MouseSample(t0, 140, 100, MouseKind.MOVE)));
                s.mouse(clickAt(t0 + d, 140, 100));
            }
            double share = featuresOf(s.asOneBatch()).get(Feature.CLICK_WHILE_MOVING_SHARE);
            assertThat(share).as("pressed %d ms after arriving", d).isCloseTo(d < 200 ? 0.649 : 0.0, within(0.001));
        }
    }

    @Test
    void thePointerAtTheLookbackIsBetweenTheMovesAroundItWhenBothCameBeforeThePress() {
        // moves at x 148 and 166, 300 ms apart; 200 ms before the press at x 160 the pointer was
        // two thirds of the way, at 160: settled. Held at the first move instead, it was 12 px off.
        assertThat(pressesAfter(List.of(move(-300, 148), move(0, 166)), 100, 160)).isEqualTo(0.0);
        // more than 300 ms apart the moves are a pause, not a movement: the pointer rested at 148
        assertThat(pressesAfter(List.of(move(-400, 148), move(0, 166)), 100, 160)).isCloseTo(0.649, within(0.001));
        // the move after the lookback came after the press: nothing says the pointer moved before it
        assertThat(pressesAfter(List.of(move(-300, 148), move(110, 166)), 100, 160)).isCloseTo(0.649, within(0.001));
    }

    /** Five times: the moves at {@code t0 + dt} (x, 100), a press at {@code t0 + pressAt} (pressX, 100); the share while moving. */
    private static double pressesAfter(List<long[]> moves, long pressAt, int pressX) {
        Session s = session();
        for (int i = 0; i < 5; i++) {
            long t0 = BEGINNING + i * 3_000L + 1_000;
            s.mouse(List.of(new MouseSample(t0 - 1_000, 100, 100, MouseKind.MOVE)));
            for (long[] m : moves) {
                s.mouse(List.of(new MouseSample(t0 + m[0], (int) m[1], 100, MouseKind.MOVE)));
            }
            s.mouse(clickAt(t0 + pressAt, pressX, 100));
        }
        SessionFeatures whole = featuresOf(s.asOneBatch());
        // the same from batches cut anywhere around the press
        for (long cut : new long[] {-400, -300, -150, -1, 0, 1, 50, 99, 100, 101, 105, 111}) {
            long[] cuts = java.util.stream.LongStream.range(0, 5).map(i -> BEGINNING + i * 3_000L + 1_000 + cut).toArray();
            assertSameFeatures(accumulate(s.cutAt(cuts)).features(), whole);
        }
        return whole.get(Feature.CLICK_WHILE_MOVING_SHARE);
    }

    private static long[] move(long dt, int x) {
        return new long[] {dt, x};
    }

    @Test
    void pressesWithNothingKnownBeforeThemAreNotGraded() {
        // the first five presses come before the first move: nothing says where the pointer was
        Session s = session();
        for (int i = 0; i < 5; i++) {
            s.mouse(clickAt(BEGINNING - 5_000 + i * 300L, 500, 500));
        }
        assertThat(featuresOf(s.asOneBatch()).has(Feature.CLICK_WHILE_MOVING_SHARE)).isFalse();
        s.mouse(settledClicks(5, 400, 3).mouse);
        assertThat(featuresOf(s.asOneBatch()).get(Feature.CLICK_WHILE_MOVING_SHARE)).isEqualTo(0.0);
    }

    @Test
    void pressTravelIsTheSameForAnySplitOrderAndGroupingAndCutsInsideTheLookback() {
        for (Session clicks : List.of(clickedMovements(30, false, true, 17), clickedMovements(30, true, true, 19),
                settledClicks(20, 230, 23))) {
            SessionFeatures whole = assertSameFeaturesForAnySplit(clicks, Feature.CLICK_WHILE_MOVING_SHARE);
            // a cut at every distance from each press that its lookback can reach
            for (long before : new long[] {0, 1, 30, 60, 120, 199, 210, 249, 260}) {
                long[] cuts = clicks.mouse.stream().filter(m -> m.kind() == MouseKind.DOWN)
                        .flatMapToLong(m -> java.util.stream.LongStream.of(m.t() - before, m.t() + 1)).distinct().sorted().toArray();
                List<TelemetryBatch> batches = clicks.cutAt(cuts);
                assertSameFeatures(accumulate(batches).features(), whole);
                List<TelemetryBatch> reversed = new ArrayList<>(batches);
                java.util.Collections.reverse(reversed);
                assertSameFeatures(accumulate(reversed).features(), whole);
            }
        }
    }

    @Test
    void binaryFormEightIsStillReadAndItsPendingClickTimesSkipped() throws IOException {
        assertOlderFormIsReadWithout("accumulator-v8.bin", EnumSet.of(Feature.CLICK_WHILE_MOVING_SHARE));
    }

    @Test
    void teleportIsDetectedAcrossABatchBoundary() {
        Session bot = session().mouse(linearBotStroke(BEGINNING, 10, 10, 20));
        long[] cuts = new long[5];
        for (int i = 0; i < 5; i++) {
            cuts[i] = ONE_SECOND_LATER + i * 1_000L;
            bot.mouse(clickAt(cuts[i], 900, 500 - 100 * i));
        }
        // every click starts a batch of its own: its previous pointer position is in the batch before
        List<TelemetryBatch> batches = bot.cutAt(cuts);

        SessionFeatures features = accumulate(batches).features();

        assertThat(features.get(Feature.MOUSE_TELEPORT_SHARE)).isEqualTo(1.0);
    }

    @Test
    void constantIntervalTypingHasNoFlightVariation() {
        SessionFeatures features = featuresOf(session().keys(steadyTyping(BEGINNING, 40, 120, 50)).asOneBatch());

        assertThat(features.get(Feature.KEY_FLIGHT_CV)).isLessThan(0.01);
        assertThat(features.get(Feature.KEY_FLIGHT_MEAN)).isEqualTo(120.0);
        assertThat(features.get(Feature.KEY_DWELL_MEAN)).isEqualTo(50.0);
        assertThat(features.get(Feature.KEY_DWELL_CV)).isLessThan(0.01);
    }

    @Test
    void aKeyHeldAcrossABatchBoundaryKeepsItsDwell() {
        Session typing = session().keys(steadyTyping(BEGINNING, 20, 200, 80));
        // cut inside every hold: each keydown in one batch, its keyup in the next
        long[] cuts = new long[20];
        for (int i = 0; i < 20; i++) {
            cuts[i] = BEGINNING + i * 200L + 40;
        }

        SessionFeatures features = accumulate(typing.cutAt(cuts)).features();

        assertThat(features.get(Feature.KEY_DWELL_MEAN)).isEqualTo(80.0);
        assertThat(features.get(Feature.KEY_FLIGHT_MEAN)).isEqualTo(200.0);
    }

    @Test
    void noiseAddedToASmoothPathMakesItsSecondDifferencesAlternate() {
        // a smooth arc at 60 Hz, then the same arc with white noise of a few px added to every sample
        List<MouseSample> smooth = new ArrayList<>();
        List<MouseSample> noisy = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 120; i++) {
            double angle = i * 0.02;
            int x = (int) Math.round(400 + 300 * Math.cos(angle));
            int y = (int) Math.round(400 + 300 * Math.sin(angle));
            long t = BEGINNING + (long) i * FRAME_MS;
            smooth.add(new MouseSample(t, x, y, MouseKind.MOVE));
            noisy.add(new MouseSample(t, x + (int) Math.round(3 * random.nextGaussian()),
                    y + (int) Math.round(3 * random.nextGaussian()), MouseKind.MOVE));
        }

        SessionFeatures clean = featuresOf(session().mouse(smooth).asOneBatch());
        SessionFeatures replayed = featuresOf(session().mouse(noisy).asOneBatch());

        // white noise e: second differences e[i+1] - 2e[i] + e[i-1] have lag-1 correlation -4/6
        assertThat(replayed.get(Feature.MOUSE_RESIDUAL_AUTOCORRELATION)).isBetween(-0.75, -0.5);
        assertThat(replayed.get(Feature.MOUSE_PATH_RESIDUAL)).isGreaterThan(0.3);
        assertThat(clean.get(Feature.MOUSE_PATH_RESIDUAL)).isLessThan(0.1);
    }

    @Test
    void humanTypingIsRightSkewedAndSteadyTypingHasNoLogSpread() {
        SessionFeatures human = featuresOf(session().keys(humanTyping(BEGINNING, 60, 3)).asOneBatch());
        SessionFeatures steady = featuresOf(session().keys(steadyTyping(BEGINNING, 40, 120, 50)).asOneBatch());

        assertThat(human.get(Feature.KEY_FLIGHT_SKEW)).isGreaterThan(0.5);
        assertThat(human.get(Feature.KEY_FLIGHT_LOG_SD)).isGreaterThan(0.2);
        assertThat(steady.get(Feature.KEY_FLIGHT_LOG_SD)).isEqualTo(0.0);
        assertThat(steady.get(Feature.KEY_FLIGHT_SKEW)).isNaN(); // no spread, no shape
    }

    @Test
    void humanTypingVariesAndLongPausesAreLeftOut() {
        SessionFeatures features = featuresOf(session().keys(humanTyping(BEGINNING, 60, 3)).asOneBatch());

        assertThat(features.get(Feature.KEY_FLIGHT_CV)).isGreaterThan(0.3);
        assertThat(features.get(Feature.KEY_FLIGHT_MEAN)).isLessThan(KeystrokeRhythm.MAX_FLIGHT_MS);
    }

    @Test
    void humanTypingHasIntervalsFarAboveItsMedianAndJitterAroundOneIntervalHasNone() {
        SessionFeatures human = featuresOf(session().keys(humanTyping(BEGINNING, 200, 4)).asOneBatch());
        // 200 intervals of 150 ms, SD 45 ms (the Gaussian bot's CV 0.3): one at 300 ms is 3.3 SDs out
        SessionFeatures jitter = featuresOf(session().keys(jitteredTyping(BEGINNING, 200, 150, 45, 4)).asOneBatch());

        // a 900 ms pause every 17 keys, and the half-normal's tail: about 7% of the intervals, 95% bound about 0.11
        assertThat(human.get(Feature.KEY_FLIGHT_TAIL_SHARE)).as("human").isBetween(0.08, 0.15);
        // none of 199 seen: the 95% bound is 1.645^2 / (199 + 1.645^2) = 0.013
        assertThat(jitter.get(Feature.KEY_FLIGHT_TAIL_SHARE)).isCloseTo(0.013, within(0.001));
    }

    @Test
    void fewKeyIntervalsBoundTheirLongShareLooselyAndTooFewLeaveItUnmeasured() {
        int enough = SessionFeatureAccumulator.MIN_TAIL_INTERVALS;
        SessionFeatures few = featuresOf(session().keys(jitteredTyping(BEGINNING, enough, 150, 45, 5)).asOneBatch());
        SessionFeatures justEnough = featuresOf(session().keys(jitteredTyping(BEGINNING, enough + 1, 150, 45, 5)).asOneBatch());

        assertThat(few.get(Feature.KEY_FLIGHT_TAIL_SHARE)).isNaN(); // 20 keys, 19 intervals
        // none of 20 seen, and still the share could be 12%: not evidence of a script
        assertThat(justEnough.get(Feature.KEY_FLIGHT_TAIL_SHARE)).isCloseTo(0.119, within(0.001));
    }

    @Test
    void wordsStartedMoreSlowlyThanLettersFollowShowAWordStartShiftAndAScriptThatIgnoresWordsNone() {
        SessionFeatures person = featuresOf(session().keys(wordTyping(BEGINNING, 30, 5, 200, 1)).asOneBatch());
        SessionFeatures script = featuresOf(session().keys(wordTyping(BEGINNING, 30, 5, 0, 1)).asOneBatch());

        // ln((150 + 200) / 150) = 0.85 above letters whose log SD is 0.3: about 2.8 SDs
        assertThat(person.get(Feature.KEY_WORD_START_SHIFT)).isBetween(2.0, 3.5);
        // 30 word starts: the script's shift is 0 give or take sqrt(1/30) = 0.18
        assertThat(script.get(Feature.KEY_WORD_START_SHIFT)).isBetween(-0.5, 0.5);
    }

    @Test
    void fewerWordStartsThanTheMinimumLeaveTheWordStartShiftUnmeasured() {
        int words = SessionFeatureAccumulator.MIN_WORD_STARTS; // the last space starts no word
        SessionFeatures few = featuresOf(session().keys(wordTyping(BEGINNING, words, 5, 200, 2)).asOneBatch());
        SessionFeatures enough = featuresOf(session().keys(wordTyping(BEGINNING, words + 1, 5, 200, 2)).asOneBatch());
        SessionFeatures lettersOnly = featuresOf(session().keys(steadyTyping(BEGINNING, 60, 120, 50)).asOneBatch());

        assertThat(few.get(Feature.KEY_WORD_START_SHIFT)).isNaN();
        assertThat(enough.get(Feature.KEY_WORD_START_SHIFT)).isGreaterThan(1.0);
        assertThat(lettersOnly.get(Feature.KEY_WORD_START_SHIFT)).isNaN();
    }

    @Test
    void theWordStartShiftIsTheSameWhenEveryFlightStraddlesABatchInAnyOrderAndGrouping() {
        Session typing = session().keys(wordTyping(BEGINNING, 12, 4, 200, 3));
        SessionFeatures whole = featuresOf(typing.asOneBatch());
        assertThat(whole.has(Feature.KEY_WORD_START_SHIFT)).isTrue();
        // a cut just after every keydown: each flight, within a word or into one, spans two batches
        long[] cuts = typing.keys.stream().filter(KeySample::down).mapToLong(k -> k.t() + 1).toArray();
        List<TelemetryBatch> batches = typing.cutAt(cuts);

        assertSameFeatures(accumulate(batches).features(), whole);
        List<TelemetryBatch> reversed = new ArrayList<>(batches);
        Collections.reverse(reversed);
        assertSameFeatures(accumulate(reversed).features(), whole);
        for (int seed = 0; seed < 6; seed++) {
            assertSameFeatures(mergedFromMaxRunsGroups(batches, new Random(seed)).features(), whole);
        }
    }

    @Test
    void wheelScrollingHasBurstsAndReadingPauses() {
        SessionFeatures features = featuresOf(session().scroll(wheelScrolling(BEGINNING, 40, 4)).asOneBatch());

        assertThat(features.get(Feature.SCROLL_INTERVAL_CV)).isGreaterThan(1.0);
        assertThat(features.get(Feature.SCROLL_PAUSE_SHARE)).isBetween(0.1, 0.3);
        assertThat(features.get(Feature.SCROLL_DELTA_CV)).isGreaterThan(0.1);
    }

    @Test
    void aSpoofedMobileUserAgentOnADesktopIsInconsistent() {
        String iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
        DeviceInfo desktop = new DeviceInfo(false, List.of(), 1920, 1080, 1536, 730, 1f, 8, 0, "Win32", "en", null, 0);

        SessionFeatures features = featuresOf(session().device(desktop, iphone).asOneBatch());

        assertThat(features.get(Feature.DEVICE_INCONSISTENCIES)).isEqualTo(2.0); // platform + no touch
    }

    @Test
    void touchContactsAreMeasuredAndUnreportedForceIsNaN() {
        Session phone = session();
        for (int i = 0; i < 4; i++) {
            phone.touch(swipe(BEGINNING + i * 1_000L, 200, 600, 10, 18f, Float.NaN));
        }

        SessionFeatures features = featuresOf(phone.asOneBatch());

        assertThat(features.get(Feature.TOUCH_DURATION_MEAN)).isEqualTo(11.0 * FRAME_MS);
        assertThat(features.get(Feature.TOUCH_MOVEMENT_MEAN)).isEqualTo(90.0);
        assertThat(features.get(Feature.TOUCH_RADIUS_CV)).isGreaterThan(0.0);
        assertThat(features.get(Feature.TOUCH_FORCE_CV)).isNaN();
    }

    @Test
    void deviceTellsAreKeptAcrossBatches() {
        DeviceInfo headless = new DeviceInfo(true, List.of("no-plugins", "swiftshader", "no-plugins"),
                800, 600, 1280, 720, 1f, 4, 0, "Linux x86_64", "en-US", "UTC", 7);
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        acc.add(session().device(headless, "Mozilla/5.0 HeadlessChrome/120.0").mouse(linearBotStroke(BEGINNING, 0, 0, 3)).asOneBatch());
        acc.add(session().mouse(linearBotStroke(ONE_MINUTE_LATER, 0, 0, 3)).cutAt().get(0));

        SessionFeatures features = acc.features();

        assertThat(features.get(Feature.DEVICE_WEBDRIVER)).isEqualTo(1.0);
        assertThat(features.get(Feature.DEVICE_HEADLESS_HINTS)).isEqualTo(3.0); // two named + the UA
        assertThat(features.get(Feature.DEVICE_INCONSISTENCIES)).isEqualTo(2.0); // UA + viewport > screen
        assertThat(features.get(Feature.DEVICE_UNTRUSTED_EVENTS)).isEqualTo(7.0);
    }

    // ---- batch-split invariance

    @Test
    void splittingIntoBatchesInOrderGivesTheSameFeatures() {
        Session human = humanSession();
        SessionFeatures whole = featuresOf(human.asOneBatch());
        assertThat(whole.toMap()).hasSizeGreaterThan(20);
        for (Feature shape : SHAPE_FEATURES) {
            assertThat(whole.has(shape)).as(shape.key()).isTrue();
        }
        assertThat(whole.has(Feature.KEY_WORD_START_SHIFT)).isTrue();


        for (int seed = 0; seed < 8; seed++) {
            List<TelemetryBatch> batches = human.cutRandomly(5 + seed * 7, new Random(seed));
            assertSameFeatures(accumulate(batches).features(), whole);
        }
    }

    @Test
    void batchesArrivingOutOfOrderGiveTheSameFeatures() {
        Session human = humanSession();
        SessionFeatures whole = featuresOf(human.asOneBatch());

        List<TelemetryBatch> reversed = new ArrayList<>(human.cutRandomly(30, new Random(1)));
        Collections.reverse(reversed);
        assertSameFeatures(accumulate(reversed).features(), whole);

        for (int seed = 0; seed < 6; seed++) {
            List<TelemetryBatch> shuffled = new ArrayList<>(human.cutRandomly(6, new Random(seed)));
            Collections.shuffle(shuffled, new Random(seed));
            assertSameFeatures(accumulate(shuffled).features(), whole);
        }
    }

    @Test
    void mergingPartialAccumulatorsInAnyGroupingGivesTheSameFeatures() {
        Session human = humanSession();
        SessionFeatures whole = featuresOf(human.asOneBatch());

        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            List<TelemetryBatch> batches = human.cutRandomly(25, random);
            // contiguous groups of random size, each folded on its own, merged in random order
            List<SessionFeatureAccumulator> groups = new ArrayList<>();
            int from = 0;
            while (from < batches.size()) {
                int to = Math.min(batches.size(), from + 1 + random.nextInt(6));
                groups.add(accumulate(batches.subList(from, to)));
                from = to;
            }
            SessionFeatureAccumulator merged = mergedInRandomOrder(groups, random);
            assertSameFeatures(merged.features(), whole);
            assertThat(merged.counts().batches()).isEqualTo(batches.size());
        }
    }

    @Test
    void thePointerGridGivesTheSameFeaturesForAnySplitOrderAndGrouping() {
        Session wandering = continuousWandering(20, 0);
        SessionFeatures whole = featuresOf(wandering.asOneBatch());
        for (Feature grid : GRID_FEATURES) {
            assertThat(whole.has(grid)).as(grid.key()).isTrue();
        }

        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            List<TelemetryBatch> batches = wandering.cutRandomly(10 + seed * 9, random);
            assertSameFeatures(accumulate(batches).features(), whole);
            assertSameFeatures(mergedFromMaxRunsGroups(batches, random).features(), whole);
        }
    }

    /** MAX_RUNS contiguous groups of random size, each folded on its own, merged: every gap between them stitches. */
    private static SessionFeatureAccumulator mergedFromMaxRunsGroups(List<TelemetryBatch> batches, Random random) {
        List<SessionFeatureAccumulator> groups = new ArrayList<>();
        int from = 0;
        for (int g = 1; g <= SessionFeatureAccumulator.MAX_RUNS; g++) {
            int to = g == SessionFeatureAccumulator.MAX_RUNS
                    ? batches.size()
                    : from + 1 + random.nextInt(batches.size() / SessionFeatureAccumulator.MAX_RUNS);
            groups.add(accumulate(batches.subList(from, to)));
            from = to;
        }
        return mergedInRandomOrder(groups, random);
    }

    /** The groups merged in random order, some of them through the binary form. */
    private static SessionFeatureAccumulator mergedInRandomOrder(List<SessionFeatureAccumulator> groups, Random random) {
        Collections.shuffle(groups, random);
        SessionFeatureAccumulator merged = new SessionFeatureAccumulator();
        for (SessionFeatureAccumulator group : groups) {
            merged.merge(random.nextBoolean() ? group : roundTrip(group));
        }
        return merged;
    }

    @Test
    void aimedMovementsThatSlowIntoTheirTargetHomeAndEvenlyPacedOnesDoNot() {
        SessionFeatures people = featuresOf(pausedMovements(24, true, 5).asOneBatch());
        SessionFeatures even = featuresOf(pausedMovements(24, false, 5).asOneBatch());

        assertThat(people.get(Feature.MOUSE_HOMING_SHARE)).isGreaterThan(0.6);
        assertThat(even.get(Feature.MOUSE_HOMING_SHARE)).isLessThan(0.2);
        // too few aimed movement ends to say
        assertThat(featuresOf(pausedMovements(4, true, 5).asOneBatch()).has(Feature.MOUSE_HOMING_SHARE)).isFalse();
    }

    @Test
    void movementEndsGiveTheSameShareForAnySplitOrderAndGrouping() {
        for (boolean homing : new boolean[] {true, false}) {
            assertSameFeaturesForAnySplit(pausedMovements(30, homing, 11));
        }
    }

    @Test
    void aClickEndsAMovementAsAPauseDoes() {
        SessionFeatures people = featuresOf(clickedMovements(24, true, true, 5).asOneBatch());
        SessionFeatures even = featuresOf(clickedMovements(24, false, true, 5).asOneBatch());
        SessionFeatures unclicked = featuresOf(clickedMovements(24, true, false, 5).asOneBatch());

        assertThat(people.get(Feature.MOUSE_HOMING_SHARE)).isGreaterThan(0.6);
        assertThat(even.get(Feature.MOUSE_HOMING_SHARE)).isLessThan(0.2);
        // no pause between the movements: without the clicks nothing ends them
        assertThat(unclicked.has(Feature.MOUSE_HOMING_SHARE)).isFalse();
        // the grid's own features do not see the clicks
        for (Feature f : List.of(Feature.MOUSE_GRID_RESIDUAL, Feature.MOUSE_GRID_SPEED_CV, Feature.MOUSE_SUBMOVEMENT_RATE)) {
            assertThat(people.get(f)).as(f.key()).isEqualTo(unclicked.get(f));
        }
    }

    @Test
    void clickedMovementEndsGiveTheSameShareForAnySplitOrderAndGrouping() {
        for (boolean homing : new boolean[] {true, false}) {
            Session clicked = clickedMovements(30, homing, true, 13);
            SessionFeatures whole = assertSameFeaturesForAnySplit(clicked);
            // a cut just before and just after every press: presses alone in a batch
            long[] cuts = clicked.mouse.stream().filter(m -> m.kind() == MouseKind.DOWN)
                    .flatMapToLong(m -> java.util.stream.LongStream.of(m.t(), m.t() + 1)).toArray();
            assertSameFeatures(accumulate(clicked.cutAt(cuts)).features(), whole);
        }
    }

    /** Movement ends measured, and the same whatever the batches, their order of merging and their round trips. */
    private static SessionFeatures assertSameFeaturesForAnySplit(Session session) {
        return assertSameFeaturesForAnySplit(session, Feature.MOUSE_HOMING_SHARE);
    }

    /** {@code measured} measured, and every feature the same whatever the batches, their order of merging and their round trips. */
    private static SessionFeatures assertSameFeaturesForAnySplit(Session session, Feature measured) {
        SessionFeatures whole = featuresOf(session.asOneBatch());
        assertThat(whole.has(measured)).as(measured.key()).isTrue();
        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            List<TelemetryBatch> batches = session.cutRandomly(10 + seed * 13, random);
            assertSameFeatures(accumulate(batches).features(), whole);
            assertSameFeatures(mergedFromMaxRunsGroups(batches, random).features(), whole);
            assertSameFeatures(roundTrip(accumulate(batches)).features(), whole);
        }
        return whole;
    }

    /** Movements between targets, each ended by a click (or not) and followed by a gap too short to be a pause. */
    private static Session clickedMovements(int movements, boolean minimumJerk, boolean clicks, long seed) {
        return session().mouse(strokesBetweenTargets(new Random(seed), movements, 700, 60, 90, (t, x, y, nx, ny, duration, i) -> {
            List<MouseSample> stroke = new ArrayList<>(minimumJerk ? humanStroke(t, x, y, nx, ny, duration, seed * 100 + i)
                    : evenStroke(t, x, y, nx, ny, duration));
            MouseSample last = stroke.get(stroke.size() - 1);
            if (clicks) {
                stroke.addAll(clickAt(last.t() + 20, last.x(), last.y()));
            } else {
                // the same timing without the press: a wheel notch where the click's last sample was
                stroke.add(new MouseSample(last.t() + 106, last.x(), last.y(), MouseKind.WHEEL));
            }
            return stroke;
        }));
    }

    /** People's movements between targets, each followed by a rest of {@code restMs} on the target and a press there. */
    private static Session settledClicks(int movements, long restMs, long seed) {
        return session().mouse(strokesBetweenTargets(new Random(seed), movements, 700, 600, 300, (t, x, y, nx, ny, duration, i) -> {
            List<MouseSample> stroke = new ArrayList<>(humanStroke(t, x, y, nx, ny, duration, seed * 100 + i));
            MouseSample last = stroke.get(stroke.size() - 1);
            stroke.addAll(clickAt(last.t() + restMs, last.x(), last.y()));
            return stroke;
        }));
    }

    /**
     * Aimed movements between targets with a pause longer than a stroke break after each: people's
     * (minimum jerk: slow start, slow end) or a script's moving at even speed to the target and
     * stopping there (one point per frame), as ghost-cursor does along its curve.
     */
    private static Session pausedMovements(int movements, boolean minimumJerk, long seed) {
        return session().mouse(strokesBetweenTargets(new Random(seed), movements, 700, 400, 800,
                (t, x, y, nx, ny, duration, i) -> minimumJerk ? humanStroke(t, x, y, nx, ny, duration, seed * 100 + i)
                        : evenStroke(t, x, y, nx, ny, duration)));
    }

    /** Draws one stroke from {@code (x0, y0)} to {@code (x1, y1)}, the {@code index}-th of a run. */
    private interface StrokeMaker {
        List<MouseSample> make(long start, int x0, int y0, int x1, int y1, long durationMs, int index);
    }

    /**
     * {@code strokes} strokes from (400, 300) to random targets, each lasting {@code minDurationMs}
     * to twice that and followed by a pause of {@code minPauseMs} plus up to {@code pauseSpreadMs}.
     */
    private static List<MouseSample> strokesBetweenTargets(Random random, int strokes, int minDurationMs,
            int minPauseMs, int pauseSpreadMs, StrokeMaker maker) {
        List<MouseSample> samples = new ArrayList<>();
        long t = BEGINNING;
        int x = 400;
        int y = 300;
        for (int i = 0; i < strokes; i++) {
            int nx = 100 + random.nextInt(1000);
            int ny = 100 + random.nextInt(500);
            List<MouseSample> stroke = maker.make(t, x, y, nx, ny, minDurationMs + random.nextInt(minDurationMs), i);
            samples.addAll(stroke);
            MouseSample last = stroke.get(stroke.size() - 1);
            x = last.x();
            y = last.y();
            t = last.t() + minPauseMs + random.nextInt(pauseSpreadMs);
        }
        return samples;
    }

    private static List<MouseSample> evenStroke(long start, int x0, int y0, int x1, int y1, long durationMs) {
        List<MouseSample> samples = new ArrayList<>();
        for (long t = 0; ; t += FRAME_MS) {
            double s = Math.min(1.0, (double) t / durationMs);
            samples.add(new MouseSample(start + t, (int) Math.round(x0 + s * (x1 - x0)),
                    (int) Math.round(y0 + s * (y1 - y0)), MouseKind.MOVE));
            if (s >= 1.0) {
                return samples;
            }
        }
    }

    @Test
    void theGridShapeOfOneMovementBarelyDependsOnTheCaptureRateUnlikeTheRawResidual() {
        // the same movements reported at a browser's ~60 Hz and held at a remote desktop's ~9 Hz
        Session browser = continuousWandering(20, 0);
        Session remoteDesktop = continuousWandering(20, 110);
        SessionFeatures fast = featuresOf(browser.asOneBatch());
        SessionFeatures slow = featuresOf(remoteDesktop.asOneBatch());

        double rawRatio = slow.get(Feature.MOUSE_PATH_RESIDUAL) / fast.get(Feature.MOUSE_PATH_RESIDUAL);
        double gridRatio = slow.get(Feature.MOUSE_GRID_RESIDUAL) / fast.get(Feature.MOUSE_GRID_RESIDUAL);
        assertThat(Math.abs(Math.log(gridRatio))).isLessThan(Math.abs(Math.log(rawRatio)) / 2);
        assertThat(slow.get(Feature.MOUSE_SUBMOVEMENT_RATE))
                .isCloseTo(fast.get(Feature.MOUSE_SUBMOVEMENT_RATE), within(0.5));
        assertThat(slow.get(Feature.MOUSE_GRID_SPEED_CV))
                .isCloseTo(fast.get(Feature.MOUSE_GRID_SPEED_CV), within(0.1));
    }

    /**
     * Minimum-jerk strokes one after another with short pauses (one movement segment), reported
     * every ~16 ms, or held at capture instants {@code captureMs} apart when that is positive.
     */
    private static Session continuousWandering(int strokes, long captureMs) {
        List<MouseSample> samples = strokesBetweenTargets(new Random(17), strokes, 600, 60, 150,
                (t, x, y, nx, ny, duration, i) -> humanStroke(t, x, y, nx, ny, duration, i));
        if (captureMs <= 0) {
            return session().mouse(samples);
        }
        List<MouseSample> held = new ArrayList<>();
        int next = 0;
        for (long at = BEGINNING; at <= samples.get(samples.size() - 1).t(); at += captureMs) {
            while (next + 1 < samples.size() && samples.get(next + 1).t() <= at) {
                next++;
            }
            MouseSample s = samples.get(next);
            held.add(new MouseSample(at, s.x(), s.y(), MouseKind.MOVE));
        }
        return session().mouse(held);
    }

    @Test
    void mergingConsumingIsMergingWithoutTheCopies() throws IOException {
        Session human = humanSession();
        for (int seed = 0; seed < 8; seed++) {
            Random random = new Random(seed);
            List<TelemetryBatch> batches = human.cutRandomly(25, random);
            Collections.shuffle(batches, random);
            SessionFeatureAccumulator copying = new SessionFeatureAccumulator();
            SessionFeatureAccumulator consuming = new SessionFeatureAccumulator();
            for (TelemetryBatch batch : batches) {
                SessionFeatureAccumulator one = accumulate(List.of(batch));
                copying.merge(one);
                consuming.mergeConsuming(one.copy());
                // the session window's other merge: two windows' accumulators, as read from state
                consuming = roundTrip(consuming);
            }
            assertThat(bytesOf(consuming)).isEqualTo(bytesOf(copying));
            assertSameFeatures(consuming.features(), copying.features());
        }
    }

    @Test
    void mergingTwoNonAdjacentPartsThenTheGapStitchesExactly() {
        Session human = humanSession();
        SessionFeatures whole = featuresOf(human.asOneBatch());
        List<TelemetryBatch> batches = human.cutRandomly(2, new Random(5));

        SessionFeatureAccumulator first = accumulate(List.of(batches.get(0)));
        first.merge(accumulate(List.of(batches.get(2))));
        first.add(batches.get(1));

        assertSameFeatures(first.features(), whole);
    }

    // ---- binary form

    @Test
    void binaryFormRoundTrips() throws IOException {
        SessionFeatureAccumulator acc = accumulate(humanSession().cutRandomly(12, new Random(3)));

        byte[] bytes = bytesOf(acc);
        SessionFeatureAccumulator read = SessionFeatureAccumulator.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes)));

        assertSameFeatures(read.features(), acc.features());
        assertThat(read.counts()).isEqualTo(acc.counts());
        assertThat(read.userId()).isEqualTo(acc.userId());
        assertThat(read.firstEventTime()).isEqualTo(acc.firstEventTime());
        assertThat(read.lastEventTime()).isEqualTo(acc.lastEventTime());
        assertThat(bytesOf(read)).isEqualTo(bytes);
    }

    @Test
    void binaryFormTwoIsStillReadWithoutTheShapeFeatures() throws IOException {
        Set<Feature> lacking = EnumSet.copyOf(SHAPE_FEATURES);
        lacking.addAll(GRID_FEATURES);
        lacking.addAll(WORD_FEATURES);
        lacking.add(Feature.MOUSE_HOMING_SHARE);
        lacking.add(Feature.KEY_FLIGHT_TAIL_SHARE);
        lacking.add(Feature.CLICK_WHILE_MOVING_SHARE);
        assertOlderFormIsReadWithout("accumulator-v2.bin", lacking);
    }

    @Test
    void binaryFormFiveIsStillReadWithoutTheWordStructureAndMovementEnds() throws IOException {
        Set<Feature> lacking = EnumSet.copyOf(WORD_FEATURES);
        lacking.add(Feature.MOUSE_HOMING_SHARE);
        lacking.add(Feature.KEY_FLIGHT_TAIL_SHARE);
        lacking.add(Feature.CLICK_WHILE_MOVING_SHARE);
        assertOlderFormIsReadWithout("accumulator-v5.bin", lacking);
    }

    /**
     * {@code resource} was written by the accumulator of an older binary form from this very session
     * (12 random batches, seed 3): read now, it has every feature but {@code lacking} (NaN), and it
     * is written back in the current form.
     */
    private void assertOlderFormIsReadWithout(String resource, Set<Feature> lacking) throws IOException {
        SessionFeatureAccumulator read;
        try (var in = getClass().getResourceAsStream(resource)) {
            read = SessionFeatureAccumulator.readFrom(new DataInputStream(in));
        }
        SessionFeatures now = accumulate(humanSessionOfTheOlderForms().cutRandomly(12, new Random(3))).features();

        for (Feature feature : Feature.values()) {
            if (lacking.contains(feature)) {
                assertThat(read.features().get(feature)).as(feature.key()).isNaN();
            } else if (GRID_FEATURES.contains(feature) && !Double.isNaN(now.get(feature))) {
                // form 11 keeps grid points to 1/16 px; the older form's sums were made off that lattice
                assertThat(read.features().get(feature)).as(feature.key()).isCloseTo(now.get(feature), within(1e-4 * Math.abs(now.get(feature))));
            } else {
                assertThat(read.features().get(feature)).as(feature.key()).isEqualTo(Double.valueOf(now.get(feature)));
            }
        }
        assertThat(bytesOf(read)[0]).isEqualTo((byte) SessionFeatureAccumulator.FORMAT_VERSION);
        assertSameFeatures(roundTrip(read).features(), read.features());
    }

    @Test
    void binaryFormSevenIsStillReadWithoutTheKeyIntervalHistogram() throws IOException {
        assertOlderFormIsReadWithout("accumulator-v7.bin", EnumSet.of(Feature.KEY_FLIGHT_TAIL_SHARE, Feature.CLICK_WHILE_MOVING_SHARE));
    }

    @Test
    void binaryFormTenIsStillReadWithoutThePressTravel() throws IOException {
        assertOlderFormIsReadWithout("accumulator-v10.bin", EnumSet.of(Feature.CLICK_WHILE_MOVING_SHARE));
    }

    @Test
    void aRunReadFromFormFiveFilesNoFlightAcrossItsEdgeUnderWords() throws IOException {
        // typing whose first five batches (keydowns of four letters, then a space) were stored in
        // form 5: the classes of that run's edge keydowns are unknown, so the flight from its space
        // into the next word is left out of the word structure rather than misfiled
        Session typing = session().keys(wordTyping(BEGINNING, 12, 4, 200, 4));
        long[] cuts = typing.keys.stream().filter(KeySample::down).mapToLong(k -> k.t() + 1).toArray();
        List<TelemetryBatch> batches = typing.cutAt(cuts);
        SessionFeatureAccumulator first = accumulate(batches.subList(0, 5));
        SessionFeatureAccumulator asForm5;
        try (var in = getClass().getResourceAsStream("accumulator-v5-first-word.bin")) {
            asForm5 = SessionFeatureAccumulator.readFrom(new DataInputStream(in));
        }
        double restAlone = accumulate(batches.subList(5, batches.size())).features().get(Feature.KEY_WORD_START_SHIFT);

        asForm5.merge(accumulate(batches.subList(5, batches.size())));
        first.merge(accumulate(batches.subList(5, batches.size())));

        assertThat(asForm5.features().get(Feature.KEY_FLIGHT_MEAN)).isEqualTo(first.features().get(Feature.KEY_FLIGHT_MEAN));
        // what remains is exactly the word structure from the second word's first letter on
        assertThat(asForm5.features().get(Feature.KEY_WORD_START_SHIFT))
                .isNotEqualTo(first.features().get(Feature.KEY_WORD_START_SHIFT))
                .isCloseTo(restAlone, within(1e-12));
    }

    @Test
    void anUnknownBinaryFormIsAClearError() {
        byte[] future = {(byte) (SessionFeatureAccumulator.FORMAT_VERSION + 1), 0};

        assertThatThrownBy(() -> SessionFeatureAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(future))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported accumulator format version " + future[0]);
    }

    @Test
    void emptyAccumulatorRoundTrips() throws IOException {
        SessionFeatureAccumulator read = roundTrip(new SessionFeatureAccumulator());

        assertThat(read.firstEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(read.lastEventTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(read.userId()).isNull();
    }

    @Test
    void serializedSizeStaysSmallOverALongSession() throws IOException {
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        Random random = new Random(11);
        long t = BEGINNING;
        for (int sequence = 0; sequence < 2_000; sequence++) {
            Session slice = session()
                    .mouse(humanMoveAndClick(t, 300, 300, 300 + random.nextInt(600), 200 + random.nextInt(400), sequence))
                    .keys(humanTyping(t + 1_000, 5, sequence))
                    .scroll(wheelScrolling(t + 2_500, 4, sequence));
            acc.add(numbered(slice.asOneBatch(), sequence));
            t += 4_000;
        }

        int size = bytesOf(acc).length;

        System.out.println("serialized accumulator after 2,000 batches: " + size + " bytes");
        assertThat(size).isLessThan(1_000); // 722 with the shape state of form 3, 910 with the grid of form 4, 906 in form 5, 927 with the word structure of form 6, 956 with the movement ends of form 7, 993 with the key-interval histogram of form 8, 934 in form 11 (press travel; grid points at 1/16 px)
        assertThat(acc.counts().batches()).isEqualTo(2_000);
    }

    @Test
    void lostBatchesKeepTheStateBounded() throws IOException {
        List<TelemetryBatch> batches = humanSession().cutRandomly(40, new Random(9));
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        for (int i = 0; i < batches.size(); i += 2) {
            acc.add(batches.get(i)); // every other batch never arrives: no two runs are adjacent
        }

        SessionFeatures features = acc.features();

        assertThat(acc.counts().batches()).isEqualTo((batches.size() + 1) / 2);
        assertThat(bytesOf(acc).length).isLessThan(SessionFeatureAccumulator.MAX_RUNS * 700);
        assertThat(features.get(Feature.MOUSE_STRAIGHTNESS_MEAN)).isBetween(0.0, 1.0);
        assertThat(roundTrip(acc).counts()).isEqualTo(acc.counts());
    }

    // ---- malformed but accepted input

    @Test
    void emptyBatchesSinglePointsAndZeroMsDuplicatesLeakNoInfinity() {
        TelemetryBatch empty = new TelemetryBatch(WireVersion.CURRENT, "s", null, 0, BEGINNING, BEGINNING, 0,
                "/", null, null, null, null, null, null, null);
        List<MouseSample> duplicates = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            duplicates.add(new MouseSample(ONE_SECOND_LATER + (i / 3) * FRAME_MS, 10 + i / 3, 10, MouseKind.MOVE));
        }
        List<SessionFeatureAccumulator> cases = List.of(
                accumulate(List.of(empty)),
                accumulate(List.of(session().mouse(List.of(new MouseSample(BEGINNING, 5, 5, MouseKind.MOVE))).asOneBatch())),
                accumulate(List.of(session().mouse(duplicates).asOneBatch())),
                accumulate(List.of(session().mouse(List.of(
                        new MouseSample(BEGINNING, 5, 5, MouseKind.MOVE),
                        new MouseSample(BEGINNING, 5, 5, MouseKind.MOVE),
                        new MouseSample(BEGINNING, 5, 5, MouseKind.CLICK))).asOneBatch())));

        for (SessionFeatureAccumulator acc : cases) {
            SessionFeatures features = acc.features();
            for (Feature feature : Feature.values()) {
                assertThat(Double.isInfinite(features.get(feature))).as(feature.key()).isFalse();
            }
            assertThat(features.has(Feature.DEVICE_WEBDRIVER)).isTrue();
        }
        assertThat(cases.get(0).firstEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(cases.get(2).features().get(Feature.MOUSE_SPEED_MEAN)).isFinite();
    }

    @Test
    void aDuplicatedBatchIsCombinedWithoutStitching() {
        TelemetryBatch batch = humanSession().asOneBatch();
        SessionFeatureAccumulator acc = accumulate(List.of(batch, batch));

        assertThat(acc.counts().mouseEvents()).isEqualTo(2 * featuresOf(batch).counts().mouseEvents());
        assertThat(acc.features().get(Feature.MOUSE_STRAIGHTNESS_MEAN))
                .isCloseTo(featuresOf(batch).get(Feature.MOUSE_STRAIGHTNESS_MEAN), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void userIdIsTheLatestNonNullOne() {
        Session anonymous = session().mouse(linearBotStroke(BEGINNING, 0, 0, 3));
        anonymous.userId = null;
        Session loggedIn = session().mouse(linearBotStroke(ONE_MINUTE_LATER, 0, 0, 3));
        loggedIn.userId = "alice";
        Session later = session().mouse(linearBotStroke(TWO_MINUTES_LATER, 0, 0, 3));
        later.userId = null;

        SessionFeatureAccumulator acc = accumulate(List.of(
                numbered(later.asOneBatch(), 2), anonymous.asOneBatch(), numbered(loggedIn.asOneBatch(), 1)));

        assertThat(acc.userId()).isEqualTo("alice");
        assertThat(acc.firstEventTime()).isEqualTo(BEGINNING);
        assertThat(acc.lastEventTime()).isEqualTo(TWO_MINUTES_LATER + 3 * FRAME_MS);
    }

    private static byte[] bytesOf(SessionFeatureAccumulator acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static SessionFeatureAccumulator roundTrip(SessionFeatureAccumulator acc) {
        try {
            return SessionFeatureAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytesOf(acc))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
