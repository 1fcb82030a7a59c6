package io.telltale.core.profile;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.FeatureDeviation;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feeds an account's behaviour profile into a session's risk, and decides which sessions the
 * profile may learn from.
 *
 * <p><b>Combination.</b> The behaviour model asks "is this a person?"; the profile asks "is this
 * the account's person?". They combine as independent alarms: {@code risk = 1 - (1 - behaviour)
 * * (1 - PROFILE_WEIGHT * deviation)}. With {@link #PROFILE_WEIGHT} 0.7 a deviation alone can
 * reach the default challenge threshold (0.5, at deviation 0.72) but never the block threshold
 * (0.8): a stranger's human hand on an account calls for step-up authentication, not a block;
 * together with a behaviour score that challenges (0.6) a stranger's deviation blocks. Unknown (a young profile, a
 * session with little behaviour) adds nothing.
 *
 * <p><b>Learning, and poisoning.</b> A profile learns only from a final score, with sufficient
 * evidence, that asked for no action after the profile was applied: neither a session the
 * behaviour model suspects of being a bot, nor one unlike the account. Each session counts once,
 * and at most one session per {@code minLearnInterval} of event time is learned, so an attacker
 * who holds an account cannot pour many short sessions into its profile to make it theirs; moving
 * it takes many sessions spread over time, each close enough to the owner's to pass unchallenged.
 */
public final class ProfileRisk implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Largest share of the risk the profile adds on its own: it can challenge, never block alone. */
    public static final double PROFILE_WEIGHT = 0.7;
    /** Reason code of the profile's contribution. */
    public static final String REASON_CODE = "PROFILE_UNLIKE_ACCOUNT";
    /**
     * Distances to deviations (see {@link ProfileDistanceScale}): a session within one spread (RMS)
     * of the usual is like the owner's; from 1.63 the profile alone challenges. On Balabit the
     * owner's distance is 0.65 at the median and 1.54 at the 95th percentile of 200-action
     * sessions, someone else's 1.79 at the median (docs/profile-evaluation.md).
     */
    public static final ProfileDistanceScale STANDARD_SCALE = new ProfileDistanceScale(1.0, 0.5);

    /** Features with a z-score of at least this size are named in the reason. */
    static final double REPORTED_Z = 1.5;

    private final ProfileDistanceScale scale;
    private final ActionThresholds thresholds;
    private final long minLearnIntervalMs;

    public ProfileRisk(ProfileDistanceScale scale, ActionThresholds thresholds, long minLearnIntervalMs) {
        this.scale = scale;
        this.thresholds = thresholds;
        this.minLearnIntervalMs = minLearnIntervalMs;
    }

    /**
     * The score with the profile's verdict: the deviation in {@link RiskScore#profile()}, the
     * combined risk, its action and, when it adds to the risk, a reason.
     *
     * @param profile the account's profile; null when it has none yet
     */
    public RiskScore apply(RiskScore score, BehaviourProfile profile) {
        ProfileDeviation deviation = profile == null
                ? ProfileDeviation.unknown(ProfileDeviation.Status.YOUNG_PROFILE, 0, 0)
                : profile.deviation(featuresOf(score), scale);
        double added = PROFILE_WEIGHT * deviation.deviation();
        double combined = added > 0
                ? Math.min(1.0, Math.max(0.0, 1.0 - (1.0 - score.score()) * (1.0 - added)))
                : score.score();
        List<Reason> reasons = score.reasons();
        if (deviation.judged() && added > 0) {
            reasons = new ArrayList<>(reasons);
            // In the behaviour models' units, where contributions add up to 1 - exp(-sum).
            reasons.add(new Reason(REASON_CODE, describe(deviation), -Math.log1p(-added)));
            reasons.sort(Comparator.comparingDouble((Reason r) -> -r.contribution()));
        }
        return score.withProfile(combined, thresholds.actionFor(combined), reasons, deviation);
    }

    /** Whether the profile may learn from this score (already {@link #apply applied}); see the class comment. */
    public boolean mayLearn(RiskScore applied, BehaviourProfile profile) {
        if (!applied.isFinal() || !RiskScore.EVIDENCE_SUFFICIENT.equals(applied.evidence())
                || applied.action() != Action.MONITOR) {
            return false;
        }
        return profile == null || profile.sessions() == 0
                || applied.windowEnd() - profile.learnedAt() >= minLearnIntervalMs;
    }

    /** The session's features as the score carries them, with its counts. */
    public static SessionFeatures featuresOf(RiskScore score) {
        SessionFeatures.Builder builder = SessionFeatures.builder(score.counts());
        Map<String, Double> values = score.features();
        for (Feature feature : Feature.values()) {
            Double value = values.get(feature.key());
            if (value != null) {
                builder.set(feature, value);
            }
        }
        return builder.build();
    }

    /**
     * "behaviour unlike this account's history (42 sessions): mouse speed mean 2.3x the usual (0.41
     * vs 0.18 px/ms); mouse straightness mean 2.9 spreads below the usual (0.62 vs 0.88 ratio)".
     */
    static String describe(ProfileDeviation deviation) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "behaviour unlike this account's history (%d sessions, %.1f spreads from the usual over %d features)",
                deviation.sessions(), deviation.distance(), deviation.compared()));
        String separator = ": ";
        for (FeatureDeviation f : deviation.largest()) {
            if (Math.abs(f.z()) < REPORTED_Z) {
                break;
            }
            text.append(separator).append(describe(f));
            separator = "; ";
        }
        return text.toString();
    }

    static String describe(FeatureDeviation f) {
        String name = f.feature().replace('_', ' ');
        String unit = unitOf(f.feature());
        double ratio = f.usual() > 0 && f.value() > 0 ? f.value() / f.usual() : Double.NaN;
        String values = String.format(Locale.ROOT, "(%s vs %s%s)", number(f.value()), number(f.usual()),
                unit.isEmpty() ? "" : " " + unit);
        if (ratio >= 1.5) {
            return String.format(Locale.ROOT, "%s %.1fx the usual %s", name, ratio, values);
        }
        if (ratio > 0 && ratio <= 1 / 1.5) {
            return String.format(Locale.ROOT, "%s %.1fx below the usual %s", name, 1 / ratio, values);
        }
        return String.format(Locale.ROOT, "%s %.1f spreads %s the usual %s",
                name, Math.abs(f.z()), f.z() > 0 ? "above" : "below", values);
    }

    private static String unitOf(String key) {
        for (Feature feature : Feature.values()) {
            if (feature.key().equals(key)) {
                return feature.unit().equals("ratio") ? "" : feature.unit();
            }
        }
        return "";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.0f" : "%.3g", value);
    }
}
