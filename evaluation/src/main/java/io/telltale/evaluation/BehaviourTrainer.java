package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits a {@link BehaviourModel}: the human quantile grids on people only, the logistic regression
 * (Tribuo, SGD with AdaGrad) on people against generated bots, and the calibration knots on the
 * training people's regression outputs. Only units with sufficient evidence take part: the
 * others are never judged on behaviour.
 */
public final class BehaviourTrainer {

    /**
     * The features the model reads: pointer kinematics and geometry, click approach, key rhythm.
     * Left out: sampling-rhythm features (interval CV, identical intervals, pause share), whose
     * human values are set by the capture, not the person; curvature, direction entropy and
     * micro-moves, which the capture-artefact check of docs/evaluation.md shows to separate fast
     * from slow captures of the same people, and for the same reason the path residual on raw
     * samples (its shape is read on the 200 ms pointer grid instead); scroll and touch, of which no
     * real recordings are at hand.
     */
    public static final List<Feature> FEATURES = List.of(
            Feature.MOUSE_SPEED_MEAN, Feature.MOUSE_SPEED_CV, Feature.MOUSE_ACCELERATION_CV, Feature.MOUSE_JERK_CV,
            Feature.MOUSE_STRAIGHTNESS_MEAN, Feature.MOUSE_STRAIGHTNESS_STD, Feature.CLICK_NO_APPROACH_SHARE,
            Feature.MOUSE_TELEPORT_SHARE, Feature.MOUSE_GRID_SPEED_CV, Feature.MOUSE_GRID_RESIDUAL,
            Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION, Feature.MOUSE_SUBMOVEMENT_RATE,
            Feature.KEY_DWELL_MEAN, Feature.KEY_DWELL_CV, Feature.KEY_FLIGHT_MEAN, Feature.KEY_FLIGHT_CV,
            Feature.KEY_FLIGHT_SKEW, Feature.KEY_FLIGHT_LOG_SD, Feature.KEY_DWELL_SKEW);

    /** How the evaluation report describes the training. */
    public static final String DESCRIPTION = "trained (`BehaviourTrainer`): human quantile grids on people only, a logistic"
            + " regression of people against the capture-matched generated families, calibration knots on the training people.";

    /** Points of each human quantile grid (every percentile). */
    static final int GRID = 101;
    /** Features seen in fewer human units than this are left out of the model. */
    static final int MIN_HUMAN_VALUES = 50;
    static final int EPOCHS = 8;
    static final double LEARNING_RATE = 0.5;
    /** Share of training people at or above each calibration knot's score: 0.5 for 1 %, 0.8 for 0.1 %. */
    static final double[] KNOT_QUANTILES = {0.5, 0.9, 0.99, 0.999};
    static final double[] KNOT_SCORES = {0.05, 0.2, 0.5, 0.8};
    /** Score of the knot past the 0.1 % knot; beyond it the score approaches 1 ({@link BehaviourModel#calibrate}). */
    static final double TOP_KNOT_SCORE = 0.95;

    /** Tribuo reports every dataset and epoch at INFO; kept here so the setting is not collected away. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final String BOT = "bot";
    private static final String HUMAN = "human";

    private BehaviourTrainer() {}

    public static BehaviourModel train(String version, List<SessionFeatures> humans, List<SessionFeatures> bots, long seed) {
        List<SessionFeatures> people = humans.stream().filter(BehaviourTrainer::judged).toList();
        Regression fitted = fit(FEATURES, true, people, bots, seed);
        List<HumanNorm> device = HumanNormsModel.standard().norms().stream().filter(HumanNorm::device).toList();
        // Calibration from the uncalibrated model's outputs on the training people.
        double[] raw = people.stream().mapToDouble(fitted::rawOf).sorted().toArray();
        double[] knotRaw = new double[KNOT_QUANTILES.length + 2];
        double[] knotScore = new double[KNOT_QUANTILES.length + 2];
        knotRaw[0] = raw[0] - 1;
        knotScore[0] = 0;
        for (int k = 0; k < KNOT_QUANTILES.length; k++) {
            knotRaw[k + 1] = Math.max(raw[(int) Math.min(raw.length - 1, Math.ceil(KNOT_QUANTILES[k] * raw.length))],
                    knotRaw[k] + 1e-6);
            knotScore[k + 1] = KNOT_SCORES[k];
        }
        int last = knotRaw.length - 1;
        knotRaw[last] = knotRaw[last - 1] + Math.max(1.0, 2 * (knotRaw[last - 1] - knotRaw[last - 2]));
        knotScore[last] = TOP_KNOT_SCORE;
        return new BehaviourModel(version, fitted.inputs(), fitted.noveltyWeight(), fitted.intercept(), knotRaw, knotScore, device);
    }

    /** A fitted regression before calibration: its inputs (grids and weights), novelty weight and intercept. */
    record Regression(List<BehaviourModel.Input> inputs, double noveltyWeight, double intercept) {

        /** The regression's log-odds of bot for one unit. */
        double rawOf(SessionFeatures f) {
            double raw = intercept;
            for (BehaviourModel.Input input : inputs) {
                if (f.has(input.feature())) {
                    double z = BehaviourModel.normalScore(input.humanQuantiles(), f.get(input.feature()));
                    raw += input.weight() * z + noveltyWeight * BehaviourModel.novelty(z);
                }
            }
            return raw;
        }
    }

    /**
     * The human quantile grids of the {@code candidates} seen in enough judged people, and the
     * logistic regression (Tribuo) of those people against the judged bots over the grids' normal
     * scores and, with {@code novelty}, the summed novelty.
     */
    static Regression fit(List<Feature> candidates, boolean novelty, List<SessionFeatures> humans, List<SessionFeatures> bots,
            long seed) {
        List<SessionFeatures> people = humans.stream().filter(BehaviourTrainer::judged).toList();
        List<SessionFeatures> scripts = bots.stream().filter(BehaviourTrainer::judged).toList();
        if (people.isEmpty() || scripts.isEmpty()) {
            throw new IllegalArgumentException("need judged humans and bots, had " + people.size() + " and " + scripts.size());
        }
        List<Feature> used = new ArrayList<>();
        List<double[]> grids = new ArrayList<>();
        for (Feature feature : candidates) {
            double[] values = people.stream().filter(f -> f.has(feature)).mapToDouble(f -> f.get(feature)).sorted().toArray();
            if (values.length >= MIN_HUMAN_VALUES) {
                used.add(feature);
                grids.add(grid(values));
            }
        }
        int p = used.size();
        String[] names = new String[novelty ? p + 1 : p];
        for (int i = 0; i < p; i++) {
            names[i] = "z_" + used.get(i).key();
        }
        if (novelty) {
            names[p] = "novelty";
        }

        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("telltale", labels), labels);
        // Both classes weigh the same in total, whatever their counts.
        float botWeight = (float) people.size() / scripts.size();
        for (SessionFeatures f : people) {
            data.add(new ArrayExample<>(new Label(HUMAN), names, inputs(f, used, grids, novelty)));
        }
        for (SessionFeatures f : scripts) {
            ArrayExample<Label> example = new ArrayExample<>(new Label(BOT), names, inputs(f, used, grids, novelty));
            example.setWeight(botWeight);
            data.add(example);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), EPOCHS, -1, 1, seed);
        LinearSGDModel fitted = trainer.train(data);

        // Two-class softmax: log-odds of bot = (w_bot - w_human) . x + (b_bot - b_human); bias last.
        DenseMatrix w = fitted.getWeightsCopy();
        int bot = fitted.getOutputIDInfo().getID(new Label(BOT));
        int human = fitted.getOutputIDInfo().getID(new Label(HUMAN));
        double[] coefficients = new double[p + 1];
        for (int i = 0; i < names.length; i++) {
            int id = fitted.getFeatureIDMap().getID(names[i]);
            coefficients[i] = id < 0 ? 0.0 : w.get(bot, id) - w.get(human, id);
        }
        int biasColumn = w.getDimension2Size() - 1;
        double intercept = w.get(bot, biasColumn) - w.get(human, biasColumn);

        List<BehaviourModel.Input> modelInputs = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            modelInputs.add(new BehaviourModel.Input(used.get(i), grids.get(i), coefficients[i], 0.0));
        }
        return new Regression(modelInputs, coefficients[p], intercept);
    }

    private static double[] inputs(SessionFeatures f, List<Feature> used, List<double[]> grids, boolean withNovelty) {
        double[] x = new double[withNovelty ? used.size() + 1 : used.size()];
        double novelty = 0;
        for (int i = 0; i < used.size(); i++) {
            if (f.has(used.get(i))) {
                double z = BehaviourModel.normalScore(grids.get(i), f.get(used.get(i)));
                x[i] = z;
                novelty += BehaviourModel.novelty(z);
            }
        }
        if (withNovelty) {
            x[used.size()] = novelty;
        }
        return x;
    }

    static boolean judged(SessionFeatures f) {
        return HumanNormsModel.hasSufficientEvidence(f.counts());
    }

    /** Every percentile of the sorted values (nearest rank). */
    static double[] grid(double[] sorted) {
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = sorted[(int) Math.round(i / (double) (GRID - 1) * (sorted.length - 1))];
        }
        return grid;
    }
}
