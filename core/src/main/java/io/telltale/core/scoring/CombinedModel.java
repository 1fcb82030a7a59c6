package io.telltale.core.scoring;

import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * One score from two kinds of part: the human baseline ({@link HumanNormsModel}, people's ranges
 * only, so it flags behaviour unlike people whatever produced it) and supervised parts, one per
 * modality (pointer, keys), each a {@link BehaviourModel} trained on people against generated bot
 * families over capture-robust features of its modality only. The risk is the largest of them:
 *
 * <pre>risk = max(baseline risk, supervised risk of each modality)</pre>
 *
 * A supervised part can only raise the risk, and only when it is confident: its calibration
 * (fitted on people whose users it was not trained on) maps everything up to a high human
 * quantile to 0, the challenge threshold 0.5 to a higher one, and the block threshold 0.8 to
 * beyond every held-out person (the quantiles are in {@code CombinedTrainer} and the artifact).
 * So the parts' human false-positive rates add at most, and where the supervised parts are silent
 * the score, its reasons and its independence from the capture are the baseline's.
 *
 * <p>Reasons: those of the part that set the risk first (a supervised part names the features
 * that drove its log-odds, with values and people's range), then the others', up to
 * {@link HumanNormsModel#MAX_REASONS}.
 *
 * <p>Immutable and thread-safe; {@link #assess} allocates what its parts do and one list.
 */
public final class CombinedModel implements RiskModel {

    private static final long serialVersionUID = 1L;

    private final String version;
    private final HumanNormsModel baseline;
    private final BehaviourModel[] supervised;

    /** @param supervised scored without device tells: the baseline already counts them */
    public CombinedModel(String version, HumanNormsModel baseline, List<BehaviourModel> supervised) {
        this.version = version;
        this.baseline = baseline;
        this.supervised = supervised.toArray(new BehaviourModel[0]);
    }

    @Override
    public String version() {
        return version;
    }

    public HumanNormsModel baseline() {
        return baseline;
    }

    public List<BehaviourModel> supervised() {
        return List.of(supervised);
    }

    @Override
    public RiskAssessment assess(SessionFeatures features) {
        RiskAssessment norms = baseline.assess(features);
        RiskAssessment learned = null;
        for (BehaviourModel part : supervised) {
            RiskAssessment a = part.assess(features);
            if (a.score() > 0.0 && (learned == null || a.score() > learned.score())) {
                learned = a;
            }
        }
        if (learned == null) {
            return norms;
        }
        boolean learnedLeads = learned.score() > norms.score();
        List<Reason> first = learnedLeads ? learned.reasons() : norms.reasons();
        List<Reason> then = learnedLeads ? norms.reasons() : learned.reasons();
        List<Reason> reasons = new ArrayList<>(HumanNormsModel.MAX_REASONS);
        for (int i = 0; i < first.size() && reasons.size() < HumanNormsModel.MAX_REASONS; i++) {
            reasons.add(first.get(i));
        }
        for (int i = 0; i < then.size() && reasons.size() < HumanNormsModel.MAX_REASONS; i++) {
            reasons.add(then.get(i));
        }
        return new RiskAssessment(Math.max(norms.score(), learned.score()), norms.sufficientEvidence(), reasons);
    }
}
