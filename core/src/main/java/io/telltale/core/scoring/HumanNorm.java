package io.telltale.core.scoring;

import io.telltale.core.features.Feature;

/**
 * Where humans are on one feature, and how much being outside that range counts.
 *
 * @param feature    the feature judged
 * @param device     true for device tells, which count even without behavioural evidence
 * @param botSide    which side of the human range looks automated
 * @param humanLow   lowest value still plainly human
 * @param humanHigh  highest value still plainly human
 * @param scale      distance outside the range, in feature units, that counts as an excess of 1
 * @param weight     the most this feature can contribute
 * @param reasonCode stable code of the reason it produces, e.g. {@code MOUSE_PATH_STRAIGHT}
 * @param reasonText analyst text with placeholders {@code {value} {pct} {strokes} {moves} {clicks}
 *                   {keys} {scrolls} {touches}}
 */
public record HumanNorm(
        Feature feature,
        boolean device,
        BotSide botSide,
        double humanLow,
        double humanHigh,
        double scale,
        double weight,
        String reasonCode,
        String reasonText) implements java.io.Serializable {

    /** Which side of the human range looks automated. */
    public enum BotSide {
        LOW,
        HIGH,
        BOTH
    }

    public HumanNorm {
        if (!(humanLow <= humanHigh) || !(scale > 0) || !(weight >= 0)) {
            throw new IllegalArgumentException("bad norm for " + feature + ": low=" + humanLow + " high="
                    + humanHigh + " scale=" + scale + " weight=" + weight);
        }
    }

    /**
     * {@code weight * (1 - exp(-excess / scale))}: 0 inside the human range, growing smoothly and
     * saturating at {@code weight}, so no single feature can outweigh everything else. 0 for NaN.
     */
    public double contribution(double value) {
        double excess = 0.0;
        if (botSide != BotSide.HIGH && value < humanLow) {
            excess = humanLow - value;
        } else if (botSide != BotSide.LOW && value > humanHigh) {
            excess = value - humanHigh;
        }
        if (!(excess > 0.0)) {
            return 0.0;
        }
        return weight * -Math.expm1(-excess / scale);
    }
}
