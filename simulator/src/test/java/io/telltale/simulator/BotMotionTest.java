package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BotMotionTest extends SimulatorTestBase {

    @Test
    void linearStrokesAreRulerStraightAtConstantSpeed() {
        Random random = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            List<TimedPoint> stroke = linearBotStroke(random);

            assertThat(pathEfficiency(stroke)).isGreaterThan(0.999);
            assertThat(coefficientOfVariation(speeds(stroke))).isLessThan(0.08);
            for (int j = 1; j < stroke.size(); j++) {
                assertThat(stroke.get(j).tMs() - stroke.get(j - 1).tMs()).isBetween(16, 17);
            }
        }
    }

    @Test
    void linearStrokeArrivesExactlyOnTheTarget() {
        List<TimedPoint> stroke = BotMotion.linearStroke(0, 0, 640, 360, 20);

        assertThat(stroke).hasSize(21);
        assertThat(stroke.get(stroke.size() - 1)).extracting(TimedPoint::x, TimedPoint::y).containsExactly(640, 360);
    }

    @Test
    void jitteredStrokesStayWithinTheirJitterOfTheLine() {
        Random random = new Random(SEED);
        List<TimedPoint> stroke = BotMotion.jitteredStroke(0, 0, 1000, 0, 25, 2, 8, 30, random);

        assertThat(stroke).allSatisfy(p -> assertThat(Math.abs(p.y())).isLessThanOrEqualTo(2));
        assertThat(stroke.get(stroke.size() - 1)).extracting(TimedPoint::x, TimedPoint::y).containsExactly(1000, 0);
        for (int j = 1; j < stroke.size(); j++) {
            assertThat(stroke.get(j).tMs() - stroke.get(j - 1).tMs()).isBetween(8, 30);
        }
    }

    @Test
    void easedStrokesAreStraightAndBellShapedWithoutNoise() {
        List<TimedPoint> stroke = BotMotion.easedStroke(100, 100, 900, 500, 1.0);

        assertThat(pathEfficiency(stroke)).isGreaterThan(0.999);
        assertThat(peakSpeedAt(stroke)).isBetween(1.0 / 3, 2.0 / 3);
    }

    @Test
    void uniformTypingPressesAtConstantIntervals() {
        List<Keystroke> strokes = BotMotion.uniformTyping("jane.doe@example.com", 100, 50, 0, new Random(SEED));

        for (int i = 1; i < strokes.size(); i++) {
            assertThat(strokes.get(i).downMs() - strokes.get(i - 1).downMs()).isEqualTo(100);
            assertThat(strokes.get(i).dwellMs()).isEqualTo(50);
        }
    }
}
