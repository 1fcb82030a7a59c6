package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvasiveBotMotionTest extends SimulatorTestBase {

    @Test
    void bezierStrokesArriveOnTargetOneFrameApartAndBend() {
        Random random = new Random(SEED);
        int curved = 0;
        for (int i = 0; i < 100; i++) {
            List<TimedPoint> stroke = EvasiveBotMotion.bezierStroke(100, 100, 400, 300, 0, random);

            assertArrivesStrictlyIncreasing(stroke, 400, 300);
            for (int j = 1; j < stroke.size(); j++) {
                assertThat(stroke.get(j).tMs() - stroke.get(j - 1).tMs()).isBetween(16, 17);
            }
            if (pathEfficiency(stroke) < 0.98) {
                curved++;
            }
        }
        assertThat(curved).isGreaterThan(30);
    }

    @Test
    void bezierStrokesOvershootFarTargetsOnly() {
        Random random = new Random(SEED);
        int overshoots = 0;
        for (int i = 0; i < 100; i++) {
            List<TimedPoint> far = EvasiveBotMotion.bezierStroke(0, 0, 1000, 0, 0, random);
            assertArrivesStrictlyIncreasing(far, 1000, 0);
            if (far.stream().anyMatch(p -> p.x() > 1005)) {
                overshoots++;
            }
            List<TimedPoint> near = EvasiveBotMotion.bezierStroke(0, 0, 300, 0, 0, random);
            assertThat(near).allSatisfy(p -> assertThat(p.x()).isLessThanOrEqualTo(300));
        }
        // The overshoot lands anywhere within 120 px of the target: beyond it about half the time.
        assertThat(overshoots).isBetween(25, 75);
    }

    @Test
    void windMouseWalksOntoTheTargetInBoundedSteps() {
        Random random = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            List<TimedPoint> stroke = EvasiveBotMotion.windMouseStroke(50, 700, 900, 120, random);

            assertArrivesStrictlyIncreasing(stroke, 900, 120);
            for (int j = 1; j < stroke.size() - 1; j++) {
                assertThat(distance(stroke.get(j - 1), stroke.get(j))).isLessThanOrEqualTo(EvasiveBotMotion.WIND_MAX_STEP + 1.5);
            }
            assertThat(pathEfficiency(stroke)).isBetween(0.7, 1.0);
        }
    }

    @Test
    void replaysKeepTheShapeWithNoiseAndWarpedTime() {
        Random random = new Random(SEED);
        List<TimedPoint> recorded = humanStroke(random);
        List<TimedPoint> replay = EvasiveBotMotion.replayed(recorded, 1.5, 1.2, 0, random);

        assertThat(replay).hasSize(recorded.size());
        assertThat(replay.get(0)).extracting(TimedPoint::x, TimedPoint::y).containsExactly(recorded.get(0).x(), recorded.get(0).y());
        assertThat(duration(replay)).isBetween((int) (duration(recorded) * 1.2) - 1, (int) (duration(recorded) * 1.2) + recorded.size());
        double squared = 0;
        for (int i = 1; i < recorded.size(); i++) {
            squared += Math.pow(replay.get(i).x() - recorded.get(i).x(), 2);
            assertThat(replay.get(i).tMs()).isGreaterThan(replay.get(i - 1).tMs());
        }
        assertThat(Math.sqrt(squared / (recorded.size() - 1))).isBetween(0.8, 2.5);
    }

    @Test
    void gaussianTypingHasTheRequestedSpread() {
        List<Keystroke> strokes = EvasiveBotMotion.gaussianTyping("x".repeat(2000), 150, 30, 80, 15, new Random(SEED));

        List<Double> intervals = new ArrayList<>();
        for (int i = 1; i < strokes.size(); i++) {
            intervals.add((double) strokes.get(i).downMs() - strokes.get(i - 1).downMs());
        }
        double[] v = intervals.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(mean(v)).isBetween(145.0, 155.0);
        assertThat(coefficientOfVariation(v)).isBetween(0.17, 0.23);
        assertThat(strokes).allSatisfy(k -> assertThat(k.dwellMs()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void everyNewFamilySimulatesASession() {
        SessionSimulator simulator = new SessionSimulator(SEED);
        for (Actor actor : List.of(Actor.BEZIER_BOT, Actor.WINDMOUSE_BOT, Actor.UNIFORM_DELAY_TYPING_BOT, Actor.GAUSSIAN_TYPING_BOT)) {
            SimulatedSession session = simulator.simulate(actor, "s-" + actor.label(), "u-1", BEGINNING, ONE_MINUTE);
            assertThat(session.batches()).isNotEmpty();
            assertThat(session.batches().stream().mapToInt(b -> b.mouse().size()).sum()).isGreaterThan(50);
        }
    }

    private static void assertArrivesStrictlyIncreasing(List<TimedPoint> stroke, int x, int y) {
        assertThat(stroke.get(stroke.size() - 1)).extracting(TimedPoint::x, TimedPoint::y).containsExactly(x, y);
        for (int j = 1; j < stroke.size(); j++) {
            assertThat(stroke.get(j).tMs()).isGreaterThan(stroke.get(j - 1).tMs());
        }
    }
}
