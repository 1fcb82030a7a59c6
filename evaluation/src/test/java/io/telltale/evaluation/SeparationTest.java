package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeparationTest {

    @Test
    void aucCountsTiesAsHalf() {
        assertThat(Separation.auc(new double[] {0.1, 0.2}, new double[] {0.3, 0.4})).isEqualTo(1.0);
        assertThat(Separation.auc(new double[] {0.3, 0.4}, new double[] {0.1, 0.2})).isEqualTo(0.0);
        assertThat(Separation.auc(new double[] {0, 0, 0}, new double[] {0, 0})).isEqualTo(0.5);
        assertThat(Separation.auc(new double[] {0.1, 0.5}, new double[] {0.5, 0.9})).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void tprAtFprUsesTheThresholdTheBudgetAllows() {
        double[] humans = new double[1000];
        for (int i = 0; i < humans.length; i++) {
            humans[i] = i / 1000.0; // 0.000 .. 0.999
        }
        double[] bots = {0.9975, 0.9985, 0.9995, 0.5};
        // 0.1 % of 1,000 lets one human through: the threshold is the second highest human, 0.998.
        assertThat(Separation.thresholdForFpr(humans, 0.001)).isEqualTo(0.998);
        assertThat(Separation.tprAtFpr(humans, bots, 0.001)).isEqualTo(0.5);
        // 1 % lets ten through: threshold 0.989.
        assertThat(Separation.tprAtFpr(humans, bots, 0.01)).isEqualTo(0.75);
    }

    @Test
    void withTooFewHumansForTheBudgetTheThresholdIsTheHighestHuman() {
        double[] humans = {0.1, 0.2, 0.7};
        assertThat(Separation.thresholdForFpr(humans, 0.001)).isEqualTo(0.7);
        assertThat(Separation.tprAtFpr(humans, new double[] {0.7, 0.71}, 0.001)).isEqualTo(0.5);
    }

    @Test
    void actionRatesCountScoresAtOrAboveTheThreshold() {
        assertThat(Separation.shareAtOrAbove(new double[] {0.5, 0.49, 0.8, 0.0}, 0.5)).isEqualTo(0.5);
    }
}
