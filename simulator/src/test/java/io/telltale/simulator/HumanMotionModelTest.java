package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HumanMotionModelTest extends SimulatorTestBase {

    private static final int STROKES = 300;

    @Test
    void strokesAreCurved() {
        Random random = new Random(SEED);
        double[] efficiencies = IntStream.range(0, STROKES)
                .mapToDouble(i -> pathEfficiency(humanStroke(random)))
                .toArray();

        assertThat(mean(efficiencies)).isLessThan(0.97).isGreaterThan(0.8);
    }

    @Test
    void speedIsBellShapedWithItsPeakInTheMiddleThird() {
        Random random = new Random(SEED);
        long peakedMidway = IntStream.range(0, STROKES)
                .mapToDouble(i -> peakSpeedAt(humanStroke(random)))
                .filter(at -> at > 1.0 / 3 && at < 2.0 / 3)
                .count();

        // Corrective submovements and hesitations move the peak of some strokes: most moves over
        // 200 px have a correction, and their primary submovement takes 80-95 % of the time.
        assertThat(peakedMidway).isGreaterThan(STROKES * 3 / 5);
    }

    @Test
    void minimumJerkProfileIsSymmetricAndEndsAtRest() {
        assertThat(HumanMotionModel.minimumJerk(0)).isZero();
        assertThat(HumanMotionModel.minimumJerk(0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(HumanMotionModel.minimumJerk(1)).isCloseTo(1, within(1e-12));
        assertThat(HumanMotionModel.minimumJerk(0.999) - HumanMotionModel.minimumJerk(0.998)).isLessThan(1e-7);
    }

    @Test
    void longerAndNarrowerTargetsTakeLonger() {
        double near = meanDuration(150, 80);
        double far = meanDuration(800, 80);
        double farAndNarrow = meanDuration(800, 16);

        assertThat(far).isGreaterThan(near);
        assertThat(farAndNarrow).isGreaterThan(far);
        assertThat(AVERAGE_PERSON.movementTimeMs(800, 16)).isCloseTo(150 + 150 * (Math.log(51) / Math.log(2)), within(1e-9));
    }

    @Test
    void strokeStartsAtThePointerAndEndsOnTheTarget() {
        Random random = new Random(SEED);
        for (int i = 0; i < 50; i++) {
            List<TimedPoint> stroke = AVERAGE_PERSON.stroke(10, 20, 900, 500, 40, random);

            assertThat(stroke.get(0)).isEqualTo(new TimedPoint(0, 10, 20));
            TimedPoint last = stroke.get(stroke.size() - 1);
            assertThat(Math.abs(last.x() - 900)).isLessThanOrEqualTo(20);
            assertThat(Math.abs(last.y() - 500)).isLessThanOrEqualTo(20);
            for (int j = 1; j < stroke.size(); j++) {
                assertThat(stroke.get(j).tMs()).isGreaterThan(stroke.get(j - 1).tMs());
            }
        }
    }

    @Test
    void samplesArriveOnBrowserFramesWithOccasionalDrops() {
        Random random = new Random(SEED);
        int intervals = 0;
        int onFrame = 0;
        for (int i = 0; i < 50; i++) {
            List<TimedPoint> stroke = humanStroke(random);
            for (int j = 1; j < stroke.size(); j++) {
                int gap = stroke.get(j).tMs() - stroke.get(j - 1).tMs();
                intervals++;
                if (gap >= 15 && gap <= 18) {
                    onFrame++;
                }
            }
        }

        assertThat((double) onFrame / intervals).isBetween(0.8, 0.995);
    }

    @Test
    void sameRandomSameStroke() {
        assertThat(humanStroke(new Random(7))).isEqualTo(humanStroke(new Random(7)));
    }

    private static double meanDuration(int distance, int width) {
        Random random = new Random(SEED);
        return IntStream.range(0, 100)
                .map(i -> duration(AVERAGE_PERSON.stroke(0, 0, distance, 0, width, random)))
                .average()
                .orElseThrow();
    }
}
