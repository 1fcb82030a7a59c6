package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.KeyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HumanTypingModelTest extends SimulatorTestBase {

    private static final String TEXT = "wireless headphones for running";

    @Test
    void flightAndDwellVaryAroundHumanMeans() {
        Random random = new Random(SEED);
        HumanTypingModel typist = new HumanTypingModel();
        List<Double> flights = new ArrayList<>();
        List<Double> dwells = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<Keystroke> strokes = typist.type(TEXT, random);
            for (int j = 1; j < strokes.size(); j++) {
                flights.add((double) strokes.get(j).downMs() - strokes.get(j - 1).downMs());
            }
            strokes.forEach(k -> dwells.add((double) k.dwellMs()));
        }
        double[] flight = flights.stream().mapToDouble(Double::doubleValue).toArray();
        double[] dwell = dwells.stream().mapToDouble(Double::doubleValue).toArray();

        assertThat(mean(flight)).isBetween(150.0, 300.0);
        assertThat(coefficientOfVariation(flight)).isGreaterThan(0.25);
        assertThat(mean(dwell)).isBetween(70.0, 130.0);
        assertThat(coefficientOfVariation(dwell)).isGreaterThan(0.15);
    }

    @Test
    void typistsSometimesCorrectThemselves() {
        Random random = new Random(SEED);
        HumanTypingModel typist = new HumanTypingModel();
        long backspaces = 0;
        for (int i = 0; i < 40; i++) {
            backspaces += typist.type(TEXT, random).stream().filter(k -> k.keyClass() == KeyClass.BACKSPACE).count();
        }

        assertThat(backspaces).isPositive();
    }

    @Test
    void capitalsAreTypedWithShift() {
        List<Keystroke> strokes = new HumanTypingModel().type("Rain", new Random(SEED));

        assertThat(strokes.get(0).keyClass()).isEqualTo(KeyClass.MODIFIER);
        assertThat(strokes.get(0).downMs()).isLessThan(strokes.get(1).downMs());
        assertThat(strokes.get(0).upMs()).isGreaterThan(strokes.get(1).upMs());
    }

    @Test
    void scrollingComesInBurstsSeparatedByReadingPauses() {
        List<ScrollStep> steps = new HumanScrollModel(false).read(30_000, new Random(SEED));

        assertThat(steps).allSatisfy(s -> assertThat(Math.abs(s.dy())).isEqualTo(HumanScrollModel.WHEEL_NOTCH_PX));
        long pauses = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).tMs() - steps.get(i - 1).tMs() > 500) {
                pauses++;
            }
        }
        assertThat(pauses).isGreaterThan(3).isLessThan(steps.size() - 1);
    }
}
