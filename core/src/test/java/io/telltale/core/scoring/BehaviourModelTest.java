package io.telltale.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.EventCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourModelTest {

    /** People's speed CV spread evenly from 0.4 to 1.4 (101 percentiles). */
    private static final double[] SPEED_CV_GRID = grid(0.4, 1.4);
    private static final EventCounts ENOUGH_MOUSE = new EventCounts(10, 600, 20, 5, 0, 0, 0);
    private static final EventCounts THREE_MOVES = new EventCounts(1, 3, 0, 0, 0, 0, 0);

    private static double[] grid(double from, double to) {
        double[] g = new double[101];
        for (int i = 0; i < g.length; i++) {
            g[i] = from + (to - from) * i / 100.0;
        }
        return g;
    }

    /** Low speed CV is bot-like (weight -1 on z), plus novelty; calibration: raw 0 -> 0.05, 3 -> 0.5, 6 -> 0.8. */
    private static BehaviourModel model() {
        return new BehaviourModel("behaviour-test",
                List.of(new BehaviourModel.Input(Feature.MOUSE_SPEED_CV, SPEED_CV_GRID, -1.0, 0.0)),
                0.5, 0.0, new double[] {-10, 0, 3, 6, 12}, new double[] {0, 0.05, 0.5, 0.8, 1.0},
                HumanNormsModel.standard().norms());
    }

    private static SessionFeatures speedCv(double value, EventCounts counts) {
        return SessionFeatures.builder(counts).set(Feature.MOUSE_SPEED_CV, value).build();
    }

    @Test
    void inverseNormalMatchesKnownQuantiles() {
        assertThat(BehaviourModel.inverseNormal(0.5)).isCloseTo(0.0, within(1e-9));
        assertThat(BehaviourModel.inverseNormal(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(BehaviourModel.inverseNormal(0.001)).isCloseTo(-3.090232, within(1e-6));
    }

    @Test
    void normalScoresFollowTheHumanPercentileAndKeepGrowingBeyondIt() {
        assertThat(BehaviourModel.normalScore(SPEED_CV_GRID, 0.9)).isCloseTo(0.0, within(1e-9));
        assertThat(BehaviourModel.normalScore(SPEED_CV_GRID, 1.1)).isCloseTo(BehaviourModel.inverseNormal(0.7), within(1e-9));
        double atMinimum = BehaviourModel.normalScore(SPEED_CV_GRID, 0.4);
        double farBelow = BehaviourModel.normalScore(SPEED_CV_GRID, 0.1);
        // 0.3 below the lowest person is 0.3 / (IQR 0.5 / 1.349) robust standard deviations further out.
        assertThat(farBelow).isCloseTo(atMinimum - 0.3 / (0.5 / 1.349), within(1e-9));
        assertThat(BehaviourModel.normalScore(SPEED_CV_GRID, -100)).isEqualTo(-BehaviourModel.MAX_Z);
    }

    @Test
    void tiedPercentilesTakeTheMiddleOfTheirRun() {
        double[] mostlyZero = new double[101];
        for (int i = 90; i < 101; i++) {
            mostlyZero[i] = (i - 89) / 10.0;
        }
        // 0 is the 0th to 89th percentile: its score is that of the 44.5th.
        assertThat(BehaviourModel.normalScore(mostlyZero, 0.0)).isCloseTo(BehaviourModel.inverseNormal(0.445), within(1e-9));
    }

    @Test
    void calibrationIsPiecewiseLinearFlatBelowAndAtATopKnotOfOne() {
        BehaviourModel model = model();
        assertThat(model.calibrate(-50)).isEqualTo(0.0);
        assertThat(model.calibrate(1.5)).isCloseTo(0.275, within(1e-12));
        assertThat(model.calibrate(6)).isEqualTo(0.8);
        assertThat(model.calibrate(99)).isEqualTo(1.0);
    }

    @Test
    void beyondATopKnotBelowOneTheScoreKeepsRisingSoExtremesDoNotTie() {
        BehaviourModel model = new BehaviourModel("behaviour-test", List.of(), 0.0, 0.0,
                new double[] {0, 3, 6, 12}, new double[] {0.05, 0.5, 0.8, 0.95}, List.of());

        // 1 - 0.05 * 6 / (6 + excess): half-way to 1 after one more interval's width
        assertThat(model.calibrate(18)).isCloseTo(0.975, within(1e-12));
        assertThat(model.calibrate(1_000)).isGreaterThan(model.calibrate(500)).isLessThan(1.0);
        assertThat(model.calibrate(1e6)).isGreaterThan(model.calibrate(1e5)).isLessThan(1.0);
    }

    @Test
    void aBotLikeValueScoresHighAndTheReasonNamesValueAndHumanRange() {
        RiskAssessment bot = model().assess(speedCv(0.05, ENOUGH_MOUSE));
        RiskAssessment person = model().assess(speedCv(0.9, ENOUGH_MOUSE));

        // z = -2.576 - 0.35 / 0.3706 = -3.52; raw = 3.52 + 0.5 * (3.52 - 2.5)^2 = 4.04, between knots 3 and 6.
        assertThat(bot.score()).isCloseTo(0.604, within(0.001));
        assertThat(person.score()).isLessThan(0.1);
        assertThat(bot.reasons().get(0).code()).isEqualTo("MOUSE_SPEED_CV_LOW");
        assertThat(bot.reasons().get(0).text()).contains("0.0500").contains("people: 0.410 to 1.39");
    }

    @Test
    void noveltyFlagsTheSideTheRegressionDoesNotWeigh() {
        // The weight says low is bot-like; far above every person is novel all the same.
        assertThat(model().assess(speedCv(5.0, ENOUGH_MOUSE)).score()).isGreaterThan(0.5);
    }

    @Test
    void threeMovesAreUnknownNotHuman() {
        RiskAssessment verdict = model().assess(speedCv(0.05, THREE_MOVES));

        assertThat(verdict.sufficientEvidence()).isFalse();
        assertThat(verdict.score()).isEqualTo(0.0);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void deviceTellsCountWithoutBehaviour() {
        SessionFeatures webdriver = SessionFeatures.builder(THREE_MOVES).set(Feature.DEVICE_WEBDRIVER, 1).build();

        RiskAssessment verdict = model().assess(webdriver);

        assertThat(verdict.score()).isGreaterThanOrEqualTo(0.8);
        assertThat(verdict.reasons().get(0).code()).isEqualTo("WEBDRIVER");
    }

    @Test
    void calibrationKnotsMustAscend() {
        assertThatThrownBy(() -> new BehaviourModel("bad", List.of(), 0, 0, new double[] {0, 0}, new double[] {0, 1}, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
