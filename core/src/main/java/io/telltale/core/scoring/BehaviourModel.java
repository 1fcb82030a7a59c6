package io.telltale.core.scoring;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trained model with three parts, whose parameters come from a model artifact ({@code telltale
 * train}); scoring needs no training library:
 *
 * <ol>
 *   <li><b>Human baseline</b>, fitted on people only: per feature, the human distribution as a
 *       quantile grid. A value becomes a normal score {@code z} (its human percentile through the
 *       inverse normal CDF; beyond the human extremes it keeps growing by robust standard
 *       deviations). Its novelty {@code max(0, |z| - NOVELTY_Z)^2} grows on either side of the human
 *       range, so behaviour unlike people counts even when no bot in training did it.
 *   <li><b>Supervised</b>: a logistic regression of humans against the generated bot families over
 *       the normal scores, a missing-value indicator per feature and the summed novelty.
 *   <li><b>Calibration</b>: the regression's output is mapped monotonically onto [0, 1] so that the
 *       default thresholds mean a stated share of training people: at most 1 % score 0.5 or more,
 *       at most 0.1 % score 0.8 or more (the knots are in the artifact).
 * </ol>
 *
 * Device tells add on top as in {@link HumanNormsModel}; behaviour counts only with sufficient
 * evidence ({@link HumanNormsModel#hasSufficientEvidence}). Reasons: the largest positive
 * contributions, with the value and the human range behind each.
 *
 * <p>Immutable and thread-safe; {@link #assess} allocates one small array and the reasons it returns.
 */
public final class BehaviourModel implements RiskModel {

    /** Normal scores within this many standard deviations of the human median are not novel. */
    public static final double NOVELTY_Z = 2.5;
    /** Normal scores are capped here: beyond it every value is equally unlike people. */
    public static final double MAX_Z = 8.0;

    private static final long serialVersionUID = 1L;

    /** One input feature: its human quantile grid and its weights in the regression. */
    public record Input(Feature feature, double[] humanQuantiles, double weight, double missingWeight)
            implements java.io.Serializable {
        public Input {
            if (humanQuantiles.length < 3) {
                throw new IllegalArgumentException("quantile grid of " + feature + " needs at least 3 points");
            }
            for (int i = 1; i < humanQuantiles.length; i++) {
                if (!(humanQuantiles[i] >= humanQuantiles[i - 1])) {
                    throw new IllegalArgumentException("quantile grid of " + feature + " is not ascending");
                }
            }
        }
    }

    private final String version;
    private final Input[] inputs;
    private final double noveltyWeight;
    private final double intercept;
    private final double[] calibrationRaw;
    private final double[] calibrationScore;
    private final HumanNorm[] deviceNorms;

    /**
     * @param calibrationRaw   ascending regression outputs
     * @param calibrationScore the score at each, ascending in [0, 1]
     * @param deviceNorms      device tells, as in {@code human-norms-v1}
     */
    public BehaviourModel(String version, List<Input> inputs, double noveltyWeight, double intercept,
            double[] calibrationRaw, double[] calibrationScore, List<HumanNorm> deviceNorms) {
        if (calibrationRaw.length < 2 || calibrationRaw.length != calibrationScore.length) {
            throw new IllegalArgumentException("calibration needs at least two knots of raw and score");
        }
        for (int i = 1; i < calibrationRaw.length; i++) {
            if (!(calibrationRaw[i] > calibrationRaw[i - 1]) || !(calibrationScore[i] >= calibrationScore[i - 1])) {
                throw new IllegalArgumentException("calibration knots must ascend");
            }
        }
        if (!(calibrationScore[0] >= 0 && calibrationScore[calibrationScore.length - 1] <= 1)) {
            throw new IllegalArgumentException("calibrated scores must lie in [0, 1]");
        }
        this.version = version;
        this.inputs = inputs.toArray(new Input[0]);
        this.noveltyWeight = noveltyWeight;
        this.intercept = intercept;
        this.calibrationRaw = calibrationRaw.clone();
        this.calibrationScore = calibrationScore.clone();
        this.deviceNorms = deviceNorms.stream().filter(HumanNorm::device).toArray(HumanNorm[]::new);
    }

    @Override
    public String version() {
        return version;
    }

    public List<Input> inputs() {
        return List.of(inputs);
    }

    public double noveltyWeight() {
        return noveltyWeight;
    }

    public double intercept() {
        return intercept;
    }

    public double[] calibrationRaw() {
        return calibrationRaw.clone();
    }

    public double[] calibrationScore() {
        return calibrationScore.clone();
    }

    @Override
    public RiskAssessment assess(SessionFeatures features) {
        boolean sufficient = HumanNormsModel.hasSufficientEvidence(features.counts());
        double[] contributions = new double[inputs.length + deviceNorms.length];
        double behaviour = 0.0;
        if (sufficient) {
            double raw = intercept;
            for (int i = 0; i < inputs.length; i++) {
                Input input = inputs[i];
                double value = features.get(input.feature());
                if (Double.isNaN(value)) {
                    raw += input.missingWeight();
                    continue;
                }
                double z = normalScore(input.humanQuantiles(), value);
                double c = input.weight() * z + noveltyWeight * novelty(z);
                contributions[i] = c;
                raw += c;
            }
            behaviour = calibrate(raw);
        }
        double deviceTotal = 0.0;
        for (int j = 0; j < deviceNorms.length; j++) {
            double c = deviceNorms[j].contribution(features.get(deviceNorms[j].feature()));
            contributions[inputs.length + j] = c;
            deviceTotal += c;
        }
        double device = -Math.expm1(-deviceTotal);
        double score = 1.0 - (1.0 - behaviour) * (1.0 - device);
        return new RiskAssessment(Math.min(1.0, Math.max(0.0, score)), sufficient,
                reasons(features, contributions, behaviour > 0));
    }

    /**
     * The regression output mapped through the calibration knots, linear between them. Beyond the
     * last knot the score keeps rising towards 1 without reaching it ({@code 1 - (1 - s) w / (w + excess)},
     * {@code w} the width of the last interval): a flat top would tie the most extreme people with
     * every bot above them, and a threshold could not tell them apart.
     */
    public double calibrate(double raw) {
        if (raw <= calibrationRaw[0]) {
            return calibrationScore[0];
        }
        int last = calibrationRaw.length - 1;
        if (raw >= calibrationRaw[last]) {
            double width = calibrationRaw[last] - calibrationRaw[last - 1];
            return 1.0 - (1.0 - calibrationScore[last]) * width / (width + raw - calibrationRaw[last]);
        }
        int j = 1;
        while (calibrationRaw[j] < raw) {
            j++;
        }
        double share = (raw - calibrationRaw[j - 1]) / (calibrationRaw[j] - calibrationRaw[j - 1]);
        return calibrationScore[j - 1] + share * (calibrationScore[j] - calibrationScore[j - 1]);
    }

    /** {@code max(0, |z| - NOVELTY_Z)^2}. */
    public static double novelty(double z) {
        double excess = Math.abs(z) - NOVELTY_Z;
        return excess > 0 ? excess * excess : 0.0;
    }

    /**
     * The value's human percentile (mid-rank within ties, linear between grid points) through the
     * inverse normal CDF; outside the grid, the extreme point's score moved by the distance in
     * robust standard deviations (interquartile range / 1.349). Capped at {@link #MAX_Z}.
     */
    public static double normalScore(double[] q, double value) {
        int n = q.length;
        double iqrSd = Math.max((quantileAt(q, 0.75) - quantileAt(q, 0.25)) / 1.349, 1e-9);
        double edge = 0.5 / (n - 1);
        if (value < q[0]) {
            return Math.max(-MAX_Z, inverseNormal(edge) - (q[0] - value) / iqrSd);
        }
        if (value > q[n - 1]) {
            return Math.min(MAX_Z, inverseNormal(1 - edge) + (value - q[n - 1]) / iqrSd);
        }
        int lo = SortedValues.countBelow(q, value);
        int hi = SortedValues.countAtOrBelow(q, value);
        double rank;
        if (hi > lo) {
            rank = (lo + hi - 1) / 2.0; // ties: the middle of the run of equal grid points
        } else {
            rank = lo - 1 + (value - q[lo - 1]) / (q[lo] - q[lo - 1]);
        }
        double u = Math.min(1 - edge, Math.max(edge, rank / (n - 1)));
        return Math.max(-MAX_Z, Math.min(MAX_Z, inverseNormal(u)));
    }

    private static double quantileAt(double[] q, double p) {
        return q[(int) Math.round(p * (q.length - 1))];
    }

    /** Inverse of the standard normal CDF, P. J. Acklam's rational approximation (relative error < 1.2e-9). */
    public static double inverseNormal(double p) {
        final double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
                a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
        final double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
                b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
        final double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
                c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
        final double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
                d4 = 3.754408661907416e+00;
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q
                / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
    }

    private List<Reason> reasons(SessionFeatures features, double[] contributions, boolean behaviourCounts) {
        List<Reason> reasons = new ArrayList<>(HumanNormsModel.MAX_REASONS);
        boolean[] taken = new boolean[contributions.length];
        for (int r = 0; r < HumanNormsModel.MAX_REASONS; r++) {
            int best = -1;
            for (int i = 0; i < contributions.length; i++) {
                boolean usable = i >= inputs.length || behaviourCounts;
                if (usable && !taken[i] && contributions[i] >= HumanNormsModel.MIN_REASON_CONTRIBUTION
                        && (best < 0 || contributions[i] > contributions[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            if (best >= inputs.length) {
                HumanNorm norm = deviceNorms[best - inputs.length];
                reasons.add(new Reason(norm.reasonCode(),
                        HumanNormsModel.describe(norm.reasonText(), features.get(norm.feature()), Double.NaN, features.counts()),
                        contributions[best]));
            } else {
                Input input = inputs[best];
                double[] q = input.humanQuantiles();
                double value = features.get(input.feature());
                reasons.add(new Reason(reasonCode(input.feature(), value, q),
                        String.format(Locale.ROOT, "%s: %s %s (people: %s to %s, 1st to 99th percentile)",
                                input.feature().description(), format(value), input.feature().unit(),
                                format(quantileAt(q, 0.01)), format(quantileAt(q, 0.99))),
                        contributions[best]));
            }
        }
        return reasons;
    }

    /** {@code <FEATURE>_LOW} or {@code _HIGH}: which side of people the value is on. */
    static String reasonCode(Feature feature, double value, double[] q) {
        return feature.name() + (value < quantileAt(q, 0.5) ? "_LOW" : "_HIGH");
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.0f" : "%.3g", value);
    }
}
