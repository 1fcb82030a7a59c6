package io.telltale.core.scoring;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;

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
 *                   {keys} {scrolls} {touches}}, and {@code {jointly}} the value of {@code jointly}'s feature
 * @param jointly    null, or a second feature that must be outside its own human range too: the
 *                   norm then counts only the smaller of the two excesses (both together are
 *                   unlike people where either alone is not)
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
        String reasonText,
        Jointly jointly) implements java.io.Serializable {

    /** A norm on one feature alone. */
    public HumanNorm(Feature feature, boolean device, BotSide botSide, double humanLow, double humanHigh, double scale,
            double weight, String reasonCode, String reasonText) {
        this(feature, device, botSide, humanLow, humanHigh, scale, weight, reasonCode, reasonText, null);
    }

    /** The second feature of a joint norm: its human range and its scale, as for the first. */
    public record Jointly(Feature feature, BotSide botSide, double humanLow, double humanHigh, double scale)
            implements java.io.Serializable {
        public Jointly {
            if (!(humanLow <= humanHigh) || !(scale > 0)) {
                throw new IllegalArgumentException("bad joint norm for " + feature + ": low=" + humanLow + " high="
                        + humanHigh + " scale=" + scale);
            }
        }
    }

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
        return saturated(excess(value, botSide, humanLow, humanHigh) / scale);
    }

    /**
     * A joint norm's contribution: as {@link #contribution(double)} with the smaller of the two
     * scaled excesses, so it is 0 unless both values are outside their human ranges. A norm on one
     * feature ignores {@code jointlyValue}.
     */
    public double contribution(double value, double jointlyValue) {
        if (jointly == null) {
            return contribution(value);
        }
        return saturated(Math.min(excess(value, botSide, humanLow, humanHigh) / scale,
                excess(jointlyValue, jointly.botSide(), jointly.humanLow(), jointly.humanHigh()) / jointly.scale()));
    }

    /** This norm's contribution for a session's features: its feature, and the joint one if it has one. */
    public double contribution(SessionFeatures features) {
        return contribution(features.get(feature), jointlyValue(features));
    }

    /** The value of the feature this norm is joint with, NaN for a norm on one feature. */
    public double jointlyValue(SessionFeatures features) {
        return jointly == null ? Double.NaN : features.get(jointly.feature());
    }

    private double saturated(double scaledExcess) {
        if (!(scaledExcess > 0.0)) {
            return 0.0;
        }
        return weight * -Math.expm1(-scaledExcess);
    }

    /** How far {@code value} is outside [low, high] on the bot side; 0 inside, NaN for NaN. */
    private static double excess(double value, BotSide side, double low, double high) {
        if (side != BotSide.HIGH && value < low) {
            return low - value;
        }
        if (side != BotSide.LOW && value > high) {
            return value - high;
        }
        return Double.isNaN(value) ? Double.NaN : 0.0;
    }
}
