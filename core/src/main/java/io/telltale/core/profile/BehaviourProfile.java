package io.telltale.core.profile;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.FeatureDeviation;
import io.telltale.core.wire.ProfileDeviation;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What one account's sessions usually look like: per behavioural feature, an exponentially
 * weighted mean and variance over the sessions it learned from, each older session weighing
 * {@link Tuning#decay()} times the next (its weight halves every {@link #HALF_LIFE_SESSIONS} sessions), so
 * the profile follows slow changes (a new mouse, a new habit) and forgets an old device. The size is
 * fixed: three numbers per feature, whatever the number of sessions.
 *
 * <p>{@link #deviation} compares a session with it feature by feature: {@code z = (value - usual) /
 * spread}, and the session's distance is the root mean square of the z-scores. Enough evidence or
 * no verdict: a profile that learned from fewer than {@link #MIN_SESSIONS} sessions, or a session
 * with too little behaviour ({@link HumanNormsModel#hasSufficientEvidence}) or fewer than
 * {@link #MIN_COMPARED_FEATURES} features the profile knows, is "unknown", never "like the owner".
 *
 * <p>Features are taken generically from {@link Feature}: every feature but the device tells, which
 * describe the browser, not the person. The binary form names features by their wire key, so a
 * profile written before a feature was added or removed still reads.
 *
 * <p>Not thread-safe; the job keeps one per user id in keyed state.
 */
public final class BehaviourProfile {

    /** First byte of the binary form. Version 1 (round 1) had no length model; it still reads. */
    static final int FORMAT_VERSION = 2;
    static final int FORMAT_WITHOUT_LENGTH_MODEL = 1;

    /**
     * The constants that shape the distance. {@link #STANDARD} was chosen on a split of Balabit's
     * {@code training_files} alone (other accounts' held-out sessions as the impostors), never on the
     * labelled test sessions: docs/profiles.md, "How the constants were chosen".
     *
     * @param halfLifeSessions  sessions after which a session's weight in the profile has halved
     * @param minRelativeSpread the spread of a feature is at least this share of its usual value: a
     *                          feature the account happened to keep nearly constant would otherwise
     *                          turn a tiny change into a huge z-score
     * @param maxZ              z-scores are capped here, so that one feature far from the usual (a
     *                          habit the owner also breaks now and then) cannot carry the distance alone
     * @param lengthAware       whether a feature's expected spread grows for a session with less
     *                          evidence of it (see {@link #deviation}); round 1 had no such term
     */
    public record Tuning(double halfLifeSessions, double minRelativeSpread, double maxZ, boolean lengthAware) {

        public static final Tuning STANDARD = new Tuning(200, 0.05, 3.0, true);

        public Tuning {
            if (!(halfLifeSessions > 0 && minRelativeSpread >= 0 && maxZ > 0)) {
                throw new IllegalArgumentException("need halfLifeSessions > 0, minRelativeSpread >= 0, maxZ > 0");
            }
        }

        /** Weight of the profile's history when a session is learned: {@code 2^(-1/halfLifeSessions)}. */
        public double decay() {
            return Math.pow(2.0, -1.0 / halfLifeSessions);
        }
    }

    /** Sessions after which a session's weight in the profile has halved. */
    public static final double HALF_LIFE_SESSIONS = Tuning.STANDARD.halfLifeSessions();
    /** Sessions learned before the profile judges: fewer cannot say what varies and what does not. */
    public static final int MIN_SESSIONS = 5;
    /** Effective sessions (decayed weight) behind a feature before it is compared. */
    public static final double MIN_FEATURE_WEIGHT = 3.0;
    /** Features compared at least for a verdict: one odd feature is not a different person. */
    public static final int MIN_COMPARED_FEATURES = 4;
    /** z-scores are capped here: {@link Tuning#maxZ()} of {@link Tuning#STANDARD}. */
    public static final double MAX_Z = Tuning.STANDARD.maxZ();
    /**
     * The lengths of the sessions learned from must vary this much (coefficient of variation of
     * {@code 1 / evidence}) before the profile tells sampling noise from session-to-session change;
     * below it, the spread learned is used as it is.
     */
    public static final double MIN_LENGTH_VARIATION = 0.25;
    /** Features reported as the largest deviations. */
    public static final int MAX_REPORTED = 3;

    private static final Feature[] FEATURES = Feature.values();

    private final Tuning tuning;
    private final double decay;
    private long sessions;
    private long learnedAt = Long.MIN_VALUE;
    private final double[] weight = new double[FEATURES.length];
    private final double[] mean = new double[FEATURES.length];
    private final double[] squaredDeviations = new double[FEATURES.length];
    // The length model: decayed sums, over sessions with evidence of the feature, of u = 1 / evidence
    // and y = the squared deviation from the usual, to fit y = between + perEvidence * u.
    private final double[] lengthWeight = new double[FEATURES.length];
    private final double[] sumU = new double[FEATURES.length];
    private final double[] sumUU = new double[FEATURES.length];
    private final double[] sumY = new double[FEATURES.length];
    private final double[] sumUY = new double[FEATURES.length];

    public BehaviourProfile() {
        this(Tuning.STANDARD);
    }

    /** A profile with other constants than the job's, for the evaluation that chooses them. */
    public BehaviourProfile(Tuning tuning) {
        this.tuning = tuning;
        this.decay = tuning.decay();
    }

    /**
     * Whether a feature describes the person's behaviour (and so belongs in a profile). Not the
     * homing share: slowing into a target is what every person does (it tells people from scripts,
     * not one person from another), and with it in the profile the equal error rate of 10-action
     * units against whole-file profiles rose from 0.317 to 0.324 (docs/profile-evaluation.md).
     */
    public static boolean profiled(Feature feature) {
        return !feature.key().startsWith("device_") && feature != Feature.MOUSE_HOMING_SHARE;
    }

    /** Sessions learned from. */
    public long sessions() {
        return sessions;
    }

    /** Epoch ms of the latest session learned, {@link Long#MIN_VALUE} if none. */
    public long learnedAt() {
        return learnedAt;
    }

    /** The decayed mean of a feature, NaN when the profile has not seen it. */
    public double usual(Feature feature) {
        return weight[feature.ordinal()] > 0 ? mean[feature.ordinal()] : Double.NaN;
    }

    /** The decayed standard deviation of a feature (not floored), NaN when not seen. */
    public double spread(Feature feature) {
        int i = feature.ordinal();
        return weight[i] > 0 ? Math.sqrt(Math.max(0.0, squaredDeviations[i] / weight[i])) : Double.NaN;
    }

    /**
     * Learns one session: each measured feature's history is decayed by {@link Tuning#decay()} and the
     * session added with weight one (West's weighted update of mean and variance). A session counts
     * once however long it was, so a long session cannot outweigh the account's history.
     *
     * @param at epoch ms of the session (its end), kept as {@link #learnedAt()}
     */
    public void learn(SessionFeatures session, long at) {
        sessions++;
        learnedAt = Math.max(learnedAt, at);
        for (Feature feature : FEATURES) {
            if (!profiled(feature) || !session.has(feature)) {
                continue;
            }
            int i = feature.ordinal();
            double x = session.get(feature);
            double decayedWeight = weight[i] * decay;
            double total = decayedWeight + 1.0;
            double delta = x - mean[i];
            double newMean = mean[i] + delta / total;
            double squared = delta * (x - newMean);
            squaredDeviations[i] = squaredDeviations[i] * decay + squared;
            mean[i] = newMean;
            weight[i] = total;
            long evidence = evidence(feature, session.counts());
            double u = evidence > 0 ? 1.0 / evidence : 0.0;
            double seen = evidence > 0 ? 1.0 : 0.0;
            lengthWeight[i] = lengthWeight[i] * decay + seen;
            sumU[i] = sumU[i] * decay + u;
            sumUU[i] = sumUU[i] * decay + u * u;
            sumY[i] = sumY[i] * decay + seen * squared;
            sumUY[i] = sumUY[i] * decay + u * squared;
        }
    }

    /** How far the session is from this profile; "unknown" without enough evidence on either side. */
    public ProfileDeviation deviation(SessionFeatures session, ProfileDistanceScale scale) {
        if (sessions < MIN_SESSIONS) {
            return ProfileDeviation.unknown(ProfileDeviation.Status.YOUNG_PROFILE, sessions, 0);
        }
        if (!HumanNormsModel.hasSufficientEvidence(session.counts())) {
            return ProfileDeviation.unknown(ProfileDeviation.Status.LITTLE_BEHAVIOUR, sessions, 0);
        }
        List<FeatureDeviation> compared = new ArrayList<>();
        double sumSquares = 0.0;
        for (Feature feature : FEATURES) {
            int i = feature.ordinal();
            if (!profiled(feature) || !session.has(feature) || weight[i] < MIN_FEATURE_WEIGHT) {
                continue;
            }
            double value = session.get(feature);
            double usual = mean[i];
            double spread = judgingSpread(feature, session.counts());
            double z = spread > 0 ? (value - usual) / spread : 0.0;
            z = Math.max(-tuning.maxZ(), Math.min(tuning.maxZ(), z));
            sumSquares += z * z;
            compared.add(new FeatureDeviation(feature.key(), value, usual, spread, z));
        }
        if (compared.size() < MIN_COMPARED_FEATURES) {
            return ProfileDeviation.unknown(ProfileDeviation.Status.LITTLE_BEHAVIOUR, sessions, compared.size());
        }
        double distance = Math.sqrt(sumSquares / compared.size());
        compared.sort(Comparator.comparingDouble((FeatureDeviation d) -> -Math.abs(d.z())));
        return new ProfileDeviation(ProfileDeviation.Status.JUDGED, scale.deviation(distance), distance, sessions,
                compared.size(), compared.subList(0, Math.min(MAX_REPORTED, compared.size())));
    }

    /**
     * The spread a session with these counts is judged with on a feature: the length model's
     * expected spread for its evidence, floored at {@link Tuning#minRelativeSpread()} of the usual.
     * NaN when the profile has not seen the feature.
     */
    public double judgingSpread(Feature feature, EventCounts counts) {
        int i = feature.ordinal();
        if (weight[i] <= 0) {
            return Double.NaN;
        }
        double floor = tuning.minRelativeSpread() * Math.abs(mean[i]);
        return Math.sqrt(expectedVariance(i, evidence(feature, counts)) + floor * floor);
    }

    /**
     * How much a session with {@code evidence} samples of a feature is expected to vary from the
     * usual. A feature is a statistic of the session's samples (a mean speed, a share of pauses), so
     * its variance across sessions is the owner's session-to-session change plus sampling noise that
     * shrinks as one over the sample count: {@code variance = between + perEvidence / evidence}
     * (the variance of a mean). Both terms are fitted by weighted least squares on the squared
     * deviations of the sessions learned, so a profile learned from whole sessions judges a short
     * session with the wider spread its few samples call for, and a long one with the narrower.
     * Without that length model (round 1's profiles, {@link Tuning#lengthAware()} off, lengths
     * that hardly varied, or no sampling effect found) the spread learned is used as it is.
     */
    private double expectedVariance(int i, long evidence) {
        double learned = Math.max(0.0, squaredDeviations[i] / weight[i]);
        double w = lengthWeight[i];
        if (!tuning.lengthAware() || evidence <= 0 || w < MIN_FEATURE_WEIGHT) {
            return learned;
        }
        double meanU = sumU[i] / w;
        double meanY = sumY[i] / w;
        double varianceU = sumUU[i] / w - meanU * meanU;
        double perEvidence = varianceU > MIN_LENGTH_VARIATION * MIN_LENGTH_VARIATION * meanU * meanU
                ? (sumUY[i] / w - meanU * meanY) / varianceU : Double.NaN;
        if (!(perEvidence > 0)) {
            // No sampling effect to fit: read the learned variance as all sampling noise of sessions
            // of the usual length, but never narrow it for a longer session.
            return learned * Math.max(1.0, (1.0 / evidence) / meanU);
        }
        double between = meanY - perEvidence * meanU;
        if (between < 0) {
            between = 0.0;
            perEvidence = meanY / meanU;
        }
        return between + perEvidence / evidence;
    }

    /**
     * The samples behind a feature in a session: strokes for the pointer's features, clicks,
     * key, scroll or touch events for theirs; 0 when the feature's family has no count.
     */
    static long evidence(Feature feature, EventCounts counts) {
        String key = feature.key();
        if (key.startsWith("mouse_")) {
            return counts.strokes();
        } else if (key.startsWith("click_")) {
            return counts.clicks();
        } else if (key.startsWith("key_")) {
            return counts.keyEvents();
        } else if (key.startsWith("scroll_")) {
            return counts.scrollEvents();
        } else if (key.startsWith("touch_")) {
            return counts.touchEvents();
        }
        return 0;
    }

    public BehaviourProfile copy() {
        BehaviourProfile copy = new BehaviourProfile(tuning);
        copy.sessions = sessions;
        copy.learnedAt = learnedAt;
        System.arraycopy(weight, 0, copy.weight, 0, weight.length);
        System.arraycopy(mean, 0, copy.mean, 0, mean.length);
        System.arraycopy(squaredDeviations, 0, copy.squaredDeviations, 0, squaredDeviations.length);
        System.arraycopy(lengthWeight, 0, copy.lengthWeight, 0, lengthWeight.length);
        System.arraycopy(sumU, 0, copy.sumU, 0, sumU.length);
        System.arraycopy(sumUU, 0, copy.sumUU, 0, sumUU.length);
        System.arraycopy(sumY, 0, copy.sumY, 0, sumY.length);
        System.arraycopy(sumUY, 0, copy.sumUY, 0, sumUY.length);
        return copy;
    }

    /**
     * Compact binary form, a version byte first: the session count, the time learned, then each
     * feature seen as its wire key, its three doubles and the length model's five (about 90 bytes a
     * feature). Version 1, without the length model, still reads: its features start with an empty
     * length model and judge as round 1 did until they have learned enough sessions to fill it.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(sessions);
        out.writeLong(learnedAt);
        int seen = 0;
        for (double w : weight) {
            if (w > 0) {
                seen++;
            }
        }
        out.writeShort(seen);
        for (Feature feature : FEATURES) {
            int i = feature.ordinal();
            if (weight[i] > 0) {
                out.writeUTF(feature.key());
                out.writeDouble(weight[i]);
                out.writeDouble(mean[i]);
                out.writeDouble(squaredDeviations[i]);
                out.writeDouble(lengthWeight[i]);
                out.writeDouble(sumU[i]);
                out.writeDouble(sumUU[i]);
                out.writeDouble(sumY[i]);
                out.writeDouble(sumUY[i]);
            }
        }
    }

    /** Reads {@link #writeTo}'s form; features no longer known are skipped. */
    public static BehaviourProfile readFrom(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION && version != FORMAT_WITHOUT_LENGTH_MODEL) {
            throw new IOException("unsupported profile format version " + version);
        }
        BehaviourProfile profile = new BehaviourProfile();
        profile.sessions = in.readLong();
        profile.learnedAt = in.readLong();
        int seen = in.readUnsignedShort();
        for (int s = 0; s < seen; s++) {
            String key = in.readUTF();
            double w = in.readDouble();
            double m = in.readDouble();
            double sq = in.readDouble();
            double[] lengthModel = new double[5];
            if (version != FORMAT_WITHOUT_LENGTH_MODEL) {
                for (int k = 0; k < lengthModel.length; k++) {
                    lengthModel[k] = in.readDouble();
                }
            }
            Feature feature = byKey(key);
            if (feature != null && profiled(feature)) {
                int i = feature.ordinal();
                profile.weight[i] = w;
                profile.mean[i] = m;
                profile.squaredDeviations[i] = sq;
                profile.lengthWeight[i] = lengthModel[0];
                profile.sumU[i] = lengthModel[1];
                profile.sumUU[i] = lengthModel[2];
                profile.sumY[i] = lengthModel[3];
                profile.sumUY[i] = lengthModel[4];
            }
        }
        return profile;
    }

    private static Feature byKey(String key) {
        for (Feature feature : FEATURES) {
            if (feature.key().equals(key)) {
                return feature;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BehaviourProfile p && sessions == p.sessions && learnedAt == p.learnedAt
                && Arrays.equals(weight, p.weight) && Arrays.equals(mean, p.mean)
                && Arrays.equals(squaredDeviations, p.squaredDeviations) && Arrays.equals(lengthWeight, p.lengthWeight)
                && Arrays.equals(sumU, p.sumU) && Arrays.equals(sumUU, p.sumUU) && Arrays.equals(sumY, p.sumY)
                && Arrays.equals(sumUY, p.sumUY);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessions) * 31 + Arrays.hashCode(mean);
    }
}
