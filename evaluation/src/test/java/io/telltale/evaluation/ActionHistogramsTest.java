package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActionHistogramsTest {

    /** Actions whose speed, straightness, duration and curvature sit around the given values. */
    private static List<double[]> actions(SplittableRandom random, int count, double logSpeed, double straightness) {
        List<double[]> actions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            actions.add(new double[] {logSpeed + 0.2 * random.nextGaussian(),
                    Math.min(1, straightness + 0.05 * random.nextGaussian()), 2.8 + 0.3 * random.nextGaussian(),
                    -2 + 0.3 * random.nextGaussian()});
        }
        return actions;
    }

    @Test
    void theOwnersActionsDivergeLittleAndSomeoneElsesFasterStraighterOnesMuch() {
        SplittableRandom random = new SplittableRandom(3);
        ActionHistograms owner = new ActionHistograms();
        owner.learn(actions(random, 3000, -0.5, 0.8));

        double like = owner.divergence(actions(random, 50, -0.5, 0.8));
        double unlike = owner.divergence(actions(random, 50, 0.3, 0.98));

        assertThat(Math.abs(like)).isLessThan(0.3);
        assertThat(unlike).isGreaterThan(like + 2.0);
        assertThat(owner.divergence(List.of())).isZero();
    }

    @Test
    void anActionsFeaturesComeFromItsSamples() {
        // A straight 300 px move right in 100 ms, then 100 px up in 50 ms: a quarter turn.
        Recording r = new Recording("test", "test", false, "u", "s", 0L, new int[] {0, 100, 150},
                new int[] {0, 300, 300}, new int[] {0, 0, 100}, new byte[3], new int[0], new boolean[0], new byte[0],
                null, null);

        double[] f = ActionHistograms.measure(r, 0, 3);

        assertThat(f[ActionHistograms.ActionFeature.SPEED.ordinal()]).isEqualTo(Math.log10(400.0 / 150));
        assertThat(f[ActionHistograms.ActionFeature.STRAIGHTNESS.ordinal()]).isEqualTo(Math.hypot(300, 100) / 400);
        assertThat(f[ActionHistograms.ActionFeature.DURATION.ordinal()]).isEqualTo(Math.log10(150));
        assertThat(f[ActionHistograms.ActionFeature.CURVATURE.ordinal()]).isEqualTo(Math.log10(Math.PI / 2 / 400));
    }
}
