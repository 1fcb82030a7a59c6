package io.telltale.core.profile;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.HumanNormsModel;
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
 * {@link #DECAY} times the next (its weight halves every {@link #HALF_LIFE_SESSIONS} sessions), so
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

    /** First byte of the binary form. */
    static final int FORMAT_VERSION = 1;

    /** Sessions after which a session's weight in the profile has halved. */
    public static final double HALF_LIFE_SESSIONS = 50;
    /** Weight of the profile's history when a session is learned: {@code 2^(-1/HALF_LIFE_SESSIONS)}. */
    public static final double DECAY = Math.pow(2.0, -1.0 / HALF_LIFE_SESSIONS);
    /** Sessions learned before the profile judges: fewer cannot say what varies and what does not. */
    public static final int MIN_SESSIONS = 5;
    /** Effective sessions (decayed weight) behind a feature before it is compared. */
    public static final double MIN_FEATURE_WEIGHT = 3.0;
    /** Features compared at least for a verdict: one odd feature is not a different person. */
    public static final int MIN_COMPARED_FEATURES = 4;
    /**
     * The spread of a feature is at least this share of its usual value: a feature the account
     * happened to keep nearly constant would otherwise turn a tiny change into a huge z-score.
     */
    public static final double MIN_RELATIVE_SPREAD = 0.05;
    /**
     * z-scores are capped here, so that one feature far from the usual (a habit the owner also
     * breaks now and then) cannot carry the distance alone. Chosen on the Balabit evaluation
     * (docs/profiles.md): 3 separated best of 2.5, 3, 4 and 6.
     */
    public static final double MAX_Z = 3.0;
    /** Features reported as the largest deviations. */
    public static final int MAX_REPORTED = 3;

    private static final Feature[] FEATURES = Feature.values();

    private long sessions;
    private long learnedAt = Long.MIN_VALUE;
    private final double[] weight = new double[FEATURES.length];
    private final double[] mean = new double[FEATURES.length];
    private final double[] squaredDeviations = new double[FEATURES.length];

    public BehaviourProfile() {}

    /** Whether a feature describes the person's behaviour (and so belongs in a profile). */
    public static boolean profiled(Feature feature) {
        return !feature.key().startsWith("device_");
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
     * Learns one session: each measured feature's history is decayed by {@link #DECAY} and the
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
            double decayedWeight = weight[i] * DECAY;
            double total = decayedWeight + 1.0;
            double delta = x - mean[i];
            double newMean = mean[i] + delta / total;
            squaredDeviations[i] = squaredDeviations[i] * DECAY + delta * (x - newMean);
            mean[i] = newMean;
            weight[i] = total;
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
            double variance = squaredDeviations[i] / weight[i];
            double floor = MIN_RELATIVE_SPREAD * Math.abs(usual);
            double spread = Math.sqrt(Math.max(0.0, variance) + floor * floor);
            double z = spread > 0 ? (value - usual) / spread : 0.0;
            z = Math.max(-MAX_Z, Math.min(MAX_Z, z));
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

    public BehaviourProfile copy() {
        BehaviourProfile copy = new BehaviourProfile();
        copy.sessions = sessions;
        copy.learnedAt = learnedAt;
        System.arraycopy(weight, 0, copy.weight, 0, weight.length);
        System.arraycopy(mean, 0, copy.mean, 0, mean.length);
        System.arraycopy(squaredDeviations, 0, copy.squaredDeviations, 0, squaredDeviations.length);
        return copy;
    }

    /**
     * Compact binary form, a version byte first: the session count, the time learned, then each
     * feature seen as its wire key and three doubles (about 35 bytes a feature).
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
            }
        }
    }

    /** Reads {@link #writeTo}'s form; features no longer known are skipped. */
    public static BehaviourProfile readFrom(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
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
            Feature feature = byKey(key);
            if (feature != null && profiled(feature)) {
                profile.weight[feature.ordinal()] = w;
                profile.mean[feature.ordinal()] = m;
                profile.squaredDeviations[feature.ordinal()] = sq;
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
                && Arrays.equals(squaredDeviations, p.squaredDeviations);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sessions) * 31 + Arrays.hashCode(mean);
    }
}
