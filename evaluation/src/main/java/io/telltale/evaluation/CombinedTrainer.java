package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.CombinedModel;
import io.telltale.core.scoring.HumanNormsModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link CombinedModel}: {@code human-norms-v1} as the baseline (not trained) and one
 * supervised part per modality, each a {@link BehaviourTrainer} regression over that modality's
 * capture-robust features only, whose operating points are calibrated on people it was not
 * trained on.
 *
 * <p>Calibration is cross-fitted by user: the training people are split into
 * {@link #CALIBRATION_GROUPS} groups of users (never of units); for each group a regression
 * fitted on the other groups scores its people, and the knots come from those held-out
 * log-odds of every training person: up to their {@link #SILENT_QUANTILE} the supervised risk is
 * 0 (it adds nothing), at their {@link #CHALLENGE_QUANTILE} it reaches the challenge threshold
 * 0.5, and the block threshold 0.8 only past the highest of them (by as much again as that is
 * past the challenge knot). The part shipped is then fitted on all training people.
 */
public final class CombinedTrainer {

    /**
     * One supervised part per modality, each calibrated on the people of its modality, so one
     * modality's human tail cannot set another's operating points. Its features are those whose
     * values did not move with the capture in the capture-only rows of the artefact check
     * (docs/evaluation.md; AUC within about 0.4-0.6 for the same people re-sampled at Balabit's
     * rhythm and for Balabit's fast against slow captures): acceleration and jerk variation,
     * stroke straightness and its spread, teleporting presses, the path shape on the 200 ms grid
     * and the sub-movement rate; and the key rhythm, which no pointer capture touches. Left out
     * for seeing capture: raw speed CV (0.37 / 0.79), grid speed CV (0.76), curvature and direction
     * entropy (0.00 / 1.00), the raw-sample path residual (0.86 / 0.99), click approach (0.35), and
     * the sampling-rhythm features.
     */
    public enum Modality {
        POINTER(List.of(Feature.MOUSE_ACCELERATION_CV, Feature.MOUSE_JERK_CV, Feature.MOUSE_STRAIGHTNESS_MEAN,
                Feature.MOUSE_STRAIGHTNESS_STD, Feature.MOUSE_TELEPORT_SHARE, Feature.MOUSE_GRID_RESIDUAL,
                Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION, Feature.MOUSE_SUBMOVEMENT_RATE)),
        KEYS(List.of(Feature.KEY_DWELL_MEAN, Feature.KEY_DWELL_CV, Feature.KEY_FLIGHT_MEAN, Feature.KEY_FLIGHT_CV,
                Feature.KEY_FLIGHT_SKEW, Feature.KEY_FLIGHT_LOG_SD, Feature.KEY_DWELL_SKEW));

        public final List<Feature> features;

        Modality(List<Feature> features) {
            this.features = features;
        }

        /** Whether the unit shows this modality: any of its features measured. */
        boolean shows(SessionFeatures f) {
            for (Feature feature : features) {
                if (f.has(feature)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** How the evaluation report describes the training. */
    public static final String DESCRIPTION = "the baseline `human-norms-v1` (not trained) combined with one supervised part per"
            + " modality (pointer, keys; `CombinedTrainer`): a logistic regression of people against the capture-matched"
            + " generated families over capture-robust features only, whose calibration knots come from people held out"
            + " of its fit by user (4 groups, cross-fitted): risk 0 up to their 99th percentile, 0.5 at their 99.9th, 0.8"
            + " past the highest of them. The score is the largest of the parts.";

    /** Every feature a supervised part reads. */
    public static final List<Feature> SUPERVISED_FEATURES = java.util.Arrays.stream(Modality.values())
            .flatMap(m -> m.features.stream()).toList();

    /** Groups of training users for the cross-fitted calibration. */
    static final int CALIBRATION_GROUPS = 4;
    /** Held-out people at or below this quantile get no supervised risk at all. */
    static final double SILENT_QUANTILE = 0.99;
    /** Held-out people above this quantile reach the challenge threshold from the supervised part. */
    static final double CHALLENGE_QUANTILE = 0.999;
    /**
     * No novelty term: the baseline is the part that flags behaviour unlike people; a two-sided
     * novelty here would add people's own extremes to the supervised tail.
     */
    static final boolean NOVELTY = false;
    static final double CHALLENGE = 0.5;
    static final double BLOCK = 0.8;
    /** A supervised part's version: the combined one with its modality after it, as the artifact reads it back. */
    static final String SUPERVISED_SUFFIX = "/supervised";

    private CombinedTrainer() {}

    public static CombinedModel train(String version, List<Units.Unit> humans, List<SessionFeatures> bots, long seed) {
        List<BehaviourModel> parts = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            List<Units.Unit> people = humans.stream()
                    .filter(u -> BehaviourTrainer.judged(u.features()) && modality.shows(u.features())).toList();
            List<SessionFeatures> scripts = bots.stream()
                    .filter(f -> BehaviourTrainer.judged(f) && modality.shows(f)).toList();
            if (people.isEmpty() || scripts.isEmpty()) {
                continue;
            }
            parts.add(part(version + SUPERVISED_SUFFIX + "/" + modality.name().toLowerCase(java.util.Locale.ROOT),
                    modality, people, scripts, seed));
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no modality with judged people and bots to train on");
        }
        return new CombinedModel(version, HumanNormsModel.standard(), parts);
    }

    private static BehaviourModel part(String version, Modality modality, List<Units.Unit> people,
            List<SessionFeatures> scripts, long seed) {
        double[] heldOut = new double[people.size()];
        int n = 0;
        for (int group = 0; group < CALIBRATION_GROUPS; group++) {
            int g = group;
            List<SessionFeatures> fit = people.stream().filter(u -> calibrationGroup(u.userId()) != g)
                    .map(Units.Unit::features).toList();
            List<Units.Unit> scored = people.stream().filter(u -> calibrationGroup(u.userId()) == g).toList();
            if (fit.isEmpty() || scored.isEmpty()) {
                continue;
            }
            BehaviourTrainer.Regression regression = BehaviourTrainer.fit(modality.features, NOVELTY, fit, scripts, seed + g);
            for (Units.Unit u : scored) {
                heldOut[n++] = regression.rawOf(u.features());
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("too few users to hold any out for calibration: " + modality);
        }
        double[] raw = java.util.Arrays.copyOf(heldOut, n);
        java.util.Arrays.sort(raw);
        double silent = quantile(raw, SILENT_QUANTILE);
        double challenge = Math.max(quantile(raw, CHALLENGE_QUANTILE), silent + 1e-6);
        double highest = Math.max(raw[raw.length - 1], challenge);
        double block = highest + Math.max(highest - challenge, 1e-3);
        BehaviourTrainer.Regression regression = BehaviourTrainer.fit(modality.features, NOVELTY,
                people.stream().map(Units.Unit::features).toList(), scripts, seed);
        return new BehaviourModel(version, regression.inputs(), regression.noveltyWeight(), regression.intercept(),
                new double[] {silent, challenge, block}, new double[] {0.0, CHALLENGE, BLOCK}, List.of());
    }

    /** A user's calibration group, from a hash salted apart from the evaluation's folds of users. */
    static int calibrationGroup(String userId) {
        return UnitModel.foldOf(userId + "#calibration", CALIBRATION_GROUPS);
    }

    /** The smallest value with at least {@code p} of the sorted values at or below it. */
    private static double quantile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }
}
