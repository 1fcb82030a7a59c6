package io.telltale.core.wire;

import java.util.List;
import java.util.Map;

/**
 * A session's risk, on its own topic keyed by session id. Emitted repeatedly while the session is
 * active (non-final) and once when its window closes ({@code isFinal}).
 *
 * @param score        risk in [0,1]
 * @param evidence     whether enough behaviour was seen to judge: {@code "sufficient"} or
 *                     {@code "insufficient"} (then the score only reflects device tells)
 * @param reasons      largest contributions first
 * @param features     the feature values that drove the score, by feature name
 * @param windowStart  epoch ms, first event of the session window
 * @param windowEnd    epoch ms, exclusive end of the session window (last event + gap)
 * @param emittedAt    epoch ms (processing time) when the job emitted this score
 * @param context      where the session came from, as of its latest batch
 * @param profile      how far the session is from its account's behaviour profile; null when the
 *                     session is not authenticated or profiles are off (optional on the wire)
 * @param trajectory   the session's mouse-trajectory fingerprint, on final scores: shape hashes of its
 *                     strokes as 8 hex digits each, ascending, at most
 *                     {@code TrajectoryFingerprint.MAX_SHAPES}; empty on interim scores and when no
 *                     complete stroke was seen
 */
public record RiskScore(
        int schemaVersion,
        String sessionId,
        String userId,
        double score,
        Action action,
        String evidence,
        List<Reason> reasons,
        Map<String, Double> features,
        String modelVersion,
        long windowStart,
        long windowEnd,
        EventCounts counts,
        boolean isFinal,
        long emittedAt,
        SessionContext context,
        ProfileDeviation profile,
        List<String> trajectory) {

    public static final String EVIDENCE_SUFFICIENT = "sufficient";
    public static final String EVIDENCE_INSUFFICIENT = "insufficient";

    public RiskScore {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        features = features == null ? Map.of() : Map.copyOf(features);
        context = context == null ? SessionContext.UNKNOWN : context;
        trajectory = trajectory == null ? List.of() : List.copyOf(trajectory);
    }

    /** A score without a trajectory fingerprint. */
    public RiskScore(
            int schemaVersion,
            String sessionId,
            String userId,
            double score,
            Action action,
            String evidence,
            List<Reason> reasons,
            Map<String, Double> features,
            String modelVersion,
            long windowStart,
            long windowEnd,
            EventCounts counts,
            boolean isFinal,
            long emittedAt,
            SessionContext context,
            ProfileDeviation profile) {
        this(schemaVersion, sessionId, userId, score, action, evidence, reasons, features, modelVersion,
                windowStart, windowEnd, counts, isFinal, emittedAt, context, profile, List.of());
    }

    /** A score without a profile comparison or a trajectory fingerprint. */
    public RiskScore(
            int schemaVersion,
            String sessionId,
            String userId,
            double score,
            Action action,
            String evidence,
            List<Reason> reasons,
            Map<String, Double> features,
            String modelVersion,
            long windowStart,
            long windowEnd,
            EventCounts counts,
            boolean isFinal,
            long emittedAt,
            SessionContext context) {
        this(schemaVersion, sessionId, userId, score, action, evidence, reasons, features, modelVersion,
                windowStart, windowEnd, counts, isFinal, emittedAt, context, null, List.of());
    }

    /** The same score with a profile comparison, its combined score, action and reasons. */
    public RiskScore withProfile(double newScore, Action newAction, List<Reason> newReasons, ProfileDeviation deviation) {
        return new RiskScore(schemaVersion, sessionId, userId, newScore, newAction, evidence, newReasons, features,
                modelVersion, windowStart, windowEnd, counts, isFinal, emittedAt, context, deviation, trajectory);
    }

    /** A score whose session context is not known. */
    public RiskScore(
            int schemaVersion,
            String sessionId,
            String userId,
            double score,
            Action action,
            String evidence,
            List<Reason> reasons,
            Map<String, Double> features,
            String modelVersion,
            long windowStart,
            long windowEnd,
            EventCounts counts,
            boolean isFinal,
            long emittedAt) {
        this(schemaVersion, sessionId, userId, score, action, evidence, reasons, features, modelVersion,
                windowStart, windowEnd, counts, isFinal, emittedAt, SessionContext.UNKNOWN, null, List.of());
    }
}
