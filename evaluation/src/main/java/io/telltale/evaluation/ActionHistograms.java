package io.telltale.evaluation;

import java.util.List;

/**
 * An experiment for the third step, measured by {@code eval-profiles} and not (yet) in the
 * job: an account's distributions of per-action features, as the Balabit literature compares them
 * (Antal &amp; Egyed-Zsigmond 2019: speed, straightness, duration and curvature of each mouse
 * action), kept as decayed histograms of {@link #BINS} bins each: bounded, whatever the number of
 * actions. A unit of actions is compared with them by a distribution distance: per feature, the
 * mean surprise (negative log likelihood) of the unit's actions under the account's histogram minus
 * the histogram's own entropy, the surprise the owner's actions have on average; summed over the
 * features. Zero for actions like the owner's, larger the less the account would produce them.
 */
final class ActionHistograms {

    /** Bins per feature. */
    static final int BINS = 12;
    /** Actions after which an action's weight has halved: a few hundred sessions' worth of clicks. */
    static final double HALF_LIFE_ACTIONS = 2000;
    private static final double DECAY = Math.pow(2.0, -1.0 / HALF_LIFE_ACTIONS);
    /** Added to every bin when reading the histogram, so an unseen bin is unlikely, not impossible. */
    private static final double PSEUDO_COUNT = 0.5;

    /**
     * The per-action features and the range each is binned over (log10 for the scale-free ones);
     * values outside fall in the end bins.
     */
    enum ActionFeature {
        SPEED(-3, 1), // log10 px/ms
        STRAIGHTNESS(0, 1), // chord / path
        DURATION(1, 4.5), // log10 ms
        CURVATURE(-4, 0); // log10 rad/px

        final double low;
        final double high;

        ActionFeature(double low, double high) {
            this.low = low;
            this.high = high;
        }

        int bin(double value) {
            int b = (int) Math.floor((value - low) / (high - low) * BINS);
            return Math.max(0, Math.min(BINS - 1, b));
        }
    }

    private static final ActionFeature[] FEATURES = ActionFeature.values();
    private final double[][] counts = new double[FEATURES.length][BINS];

    /** Learns actions, each older one weighing {@link #DECAY} times the next. */
    void learn(List<double[]> actions) {
        for (double[] action : actions) {
            for (ActionFeature f : FEATURES) {
                double[] c = counts[f.ordinal()];
                for (int b = 0; b < BINS; b++) {
                    c[b] *= DECAY;
                }
                c[f.bin(action[f.ordinal()])] += 1.0;
            }
        }
    }

    /** How unlike the account's actions the unit's are, in nats summed over the features. */
    double divergence(List<double[]> actions) {
        if (actions.isEmpty()) {
            return 0.0;
        }
        double sum = 0.0;
        for (ActionFeature f : FEATURES) {
            double[] p = probabilities(counts[f.ordinal()]);
            double entropy = 0.0;
            for (double q : p) {
                entropy -= q * Math.log(q);
            }
            double surprise = 0.0;
            for (double[] action : actions) {
                surprise -= Math.log(p[f.bin(action[f.ordinal()])]);
            }
            sum += surprise / actions.size() - entropy;
        }
        return sum;
    }

    private static double[] probabilities(double[] c) {
        double total = 0.0;
        for (double v : c) {
            total += v + PSEUDO_COUNT;
        }
        double[] p = new double[c.length];
        for (int b = 0; b < c.length; b++) {
            p[b] = (c[b] + PSEUDO_COUNT) / total;
        }
        return p;
    }

    /** The per-action features of samples {@code [from, to)} of a recording, in {@link ActionFeature} order. */
    static double[] measure(Recording r, int from, int to) {
        int[] t = r.mouseT();
        int[] x = r.mouseX();
        int[] y = r.mouseY();
        double path = 0.0;
        double turning = 0.0;
        double previousAngle = Double.NaN;
        for (int i = from + 1; i < to; i++) {
            double dx = x[i] - x[i - 1];
            double dy = y[i] - y[i - 1];
            double step = Math.hypot(dx, dy);
            if (step == 0) {
                continue;
            }
            path += step;
            double angle = Math.atan2(dy, dx);
            if (!Double.isNaN(previousAngle)) {
                double turn = Math.abs(angle - previousAngle);
                turning += Math.min(turn, 2 * Math.PI - turn);
            }
            previousAngle = angle;
        }
        double duration = Math.max(1, t[to - 1] - t[from]);
        double chord = Math.hypot(x[to - 1] - x[from], y[to - 1] - y[from]);
        double[] values = new double[FEATURES.length];
        values[ActionFeature.SPEED.ordinal()] = Math.log10(Math.max(1e-6, path / duration));
        values[ActionFeature.STRAIGHTNESS.ordinal()] = path > 0 ? chord / path : 1.0;
        values[ActionFeature.DURATION.ordinal()] = Math.log10(duration);
        values[ActionFeature.CURVATURE.ordinal()] = Math.log10(Math.max(1e-6, path > 0 ? turning / path : 0.0));
        return values;
    }
}
