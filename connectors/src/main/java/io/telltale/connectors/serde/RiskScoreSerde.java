package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.DeadLetterReason.INVALID_VALUE;

import io.telltale.core.trajectory.TrajectoryFingerprint;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.FeatureDeviation;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON wire format v1 of {@link RiskScore}, the job's output; docs/wire-format.md is the
 * specification. Reading checks shape and types only (the job wrote it), no clock or size
 * limits beyond the largest payload Kafka accepts by default. Thread-safe.
 *
 * <p>Features that are not finite (a mean over nothing) are left out of the JSON, which cannot
 * carry NaN; a non-finite score or contribution is a bug upstream and fails loudly.
 */
public final class RiskScoreSerde implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final int SIZE_HINT = 1024;
    /** Kafka's default max.message.bytes; a score larger than that could not have been written. */
    private static final int MAX_PAYLOAD_BYTES = 1 << 20;
    private static final int MAX_STRING_LENGTH = 1 << 16;
    private static final int MAX_ENTRIES = 10_000;
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[0-9a-f]{8}");

    public byte[] serialize(RiskScore s) {
        WireJson.requireFinite("score", s.score());
        return WireJson.write(SIZE_HINT, g -> {
            g.writeStartObject();
            g.writeNumberField("v", s.schemaVersion());
            g.writeStringField("sessionId", s.sessionId());
            WireJson.writeStringIfPresent(g, "userId", s.userId());
            g.writeNumberField("score", s.score());
            g.writeStringField("action", s.action().wireName());
            g.writeStringField("evidence", s.evidence());
            g.writeArrayFieldStart("reasons");
            for (Reason reason : s.reasons()) {
                WireJson.requireFinite("reasons[].contribution", reason.contribution());
                g.writeStartObject();
                g.writeStringField("code", reason.code());
                g.writeStringField("text", reason.text());
                g.writeNumberField("contribution", reason.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("features");
            // Sorted, so the same score always serializes to the same bytes.
            for (Map.Entry<String, Double> feature : new TreeMap<>(s.features()).entrySet()) {
                if (Double.isFinite(feature.getValue())) {
                    g.writeNumberField(feature.getKey(), feature.getValue());
                }
            }
            g.writeEndObject();
            WireJson.writeStringIfPresent(g, "modelVersion", s.modelVersion());
            g.writeNumberField("windowStart", s.windowStart());
            g.writeNumberField("windowEnd", s.windowEnd());
            EventCounts c = s.counts();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("batches", c.batches());
            g.writeNumberField("mouseEvents", c.mouseEvents());
            g.writeNumberField("strokes", c.strokes());
            g.writeNumberField("clicks", c.clicks());
            g.writeNumberField("keyEvents", c.keyEvents());
            g.writeNumberField("scrollEvents", c.scrollEvents());
            g.writeNumberField("touchEvents", c.touchEvents());
            g.writeEndObject();
            g.writeBooleanField("final", s.isFinal());
            g.writeNumberField("emittedAt", s.emittedAt());
            SessionContext context = s.context();
            if (!context.isUnknown()) {
                g.writeObjectFieldStart("context");
                WireJson.writeStringIfPresent(g, "route", context.route());
                WireJson.writeStringIfPresent(g, "clientIp", context.clientIp());
                WireJson.writeStringIfPresent(g, "userAgent", context.userAgent());
                WireJson.writeStringIfPresent(g, "deviceFingerprint", context.deviceFingerprint());
                g.writeEndObject();
            }
            if (s.profile() != null) {
                writeProfile(g, s.profile());
            }
            if (!s.trajectory().isEmpty()) {
                g.writeArrayFieldStart("trajectory");
                for (String shape : s.trajectory()) {
                    g.writeString(shape);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static void writeProfile(com.fasterxml.jackson.core.JsonGenerator g, ProfileDeviation p)
            throws java.io.IOException {
        g.writeObjectFieldStart("profile");
        g.writeStringField("status", p.status().wireName());
        WireJson.requireFinite("profile.deviation", p.deviation());
        g.writeNumberField("deviation", p.deviation());
        if (Double.isFinite(p.distance())) {
            g.writeNumberField("distance", p.distance());
        }
        g.writeNumberField("sessions", p.sessions());
        g.writeNumberField("compared", p.compared());
        g.writeArrayFieldStart("largest");
        for (FeatureDeviation f : p.largest()) {
            g.writeStartObject();
            g.writeStringField("feature", f.feature());
            g.writeNumberField("value", f.value());
            g.writeNumberField("usual", f.usual());
            g.writeNumberField("spread", f.spread());
            g.writeNumberField("z", f.z());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** @throws InvalidRecordException with the dead-letter reason and the field path at fault */
    public RiskScore deserialize(byte[] payload) throws InvalidRecordException {
        try (WireReader r = WireReader.open(payload, MAX_PAYLOAD_BYTES)) {
            r.beginRoot();
            Integer version = null;
            String sessionId = null;
            String userId = null;
            Double score = null;
            String action = null;
            String evidence = null;
            List<Reason> reasons = List.of();
            Map<String, Double> features = Map.of();
            String modelVersion = null;
            Long windowStart = null;
            Long windowEnd = null;
            EventCounts counts = EventCounts.NONE;
            boolean isFinal = false;
            Long emittedAt = null;
            SessionContext context = SessionContext.UNKNOWN;
            ProfileDeviation profile = null;
            List<String> trajectory = List.of();
            for (String field = r.nextField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "v" -> version = TelemetryBatchSerde.checkVersion(r.intValue("v"));
                    case "sessionId" -> sessionId = r.stringOrNull("sessionId", MAX_STRING_LENGTH);
                    case "userId" -> userId = r.stringOrNull("userId", MAX_STRING_LENGTH);
                    case "score" -> score = r.isNull() ? null : r.doubleValue("score");
                    case "action" -> action = r.stringOrNull("action", MAX_STRING_LENGTH);
                    case "evidence" -> evidence = r.stringOrNull("evidence", MAX_STRING_LENGTH);
                    case "reasons" -> reasons = r.isNull() ? List.of() : readReasons(r);
                    case "features" -> features = r.isNull() ? Map.of() : readFeatures(r);
                    case "modelVersion" -> modelVersion = r.stringOrNull("modelVersion", MAX_STRING_LENGTH);
                    case "windowStart" -> windowStart = r.isNull() ? null : r.longValue("windowStart");
                    case "windowEnd" -> windowEnd = r.isNull() ? null : r.longValue("windowEnd");
                    case "counts" -> counts = r.isNull() ? EventCounts.NONE : readCounts(r);
                    case "final" -> isFinal = !r.isNull() && r.booleanValue("final");
                    case "emittedAt" -> emittedAt = r.isNull() ? null : r.longValue("emittedAt");
                    case "context" -> context = r.isNull() ? SessionContext.UNKNOWN : readContext(r);
                    case "profile" -> profile = r.isNull() ? null : readProfile(r);
                    case "trajectory" -> trajectory = readTrajectory(r);
                    default -> r.skipValue();
                }
            }
            r.finish();
            if (version == null) {
                throw WireReader.missing("v");
            }
            if (sessionId == null) {
                throw WireReader.missing("sessionId");
            }
            if (score == null) {
                throw WireReader.missing("score");
            }
            if (score < 0 || score > 1) {
                throw new InvalidRecordException(INVALID_VALUE, "score = " + score + " is outside [0, 1]");
            }
            if (action == null) {
                throw WireReader.missing("action");
            }
            Action parsedAction;
            try {
                parsedAction = Action.ofWireName(action);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(INVALID_VALUE, "action = \"" + action + "\" is not a v1 action");
            }
            if (evidence == null) {
                throw WireReader.missing("evidence");
            }
            if (!RiskScore.EVIDENCE_SUFFICIENT.equals(evidence) && !RiskScore.EVIDENCE_INSUFFICIENT.equals(evidence)) {
                throw new InvalidRecordException(INVALID_VALUE,
                        "evidence = \"" + evidence + "\" must be \"sufficient\" or \"insufficient\"");
            }
            if (windowStart == null) {
                throw WireReader.missing("windowStart");
            }
            if (windowEnd == null) {
                throw WireReader.missing("windowEnd");
            }
            if (emittedAt == null) {
                throw WireReader.missing("emittedAt");
            }
            return new RiskScore(version, sessionId, userId, score, parsedAction, evidence, reasons, features,
                    modelVersion, windowStart, windowEnd, counts, isFinal, emittedAt, context, profile, trajectory);
        }
    }

    private static ProfileDeviation readProfile(WireReader r) throws InvalidRecordException {
        r.beginObject("profile");
        String status = null;
        double deviation = 0.0;
        double distance = Double.NaN;
        long sessions = 0;
        int compared = 0;
        List<FeatureDeviation> largest = new ArrayList<>();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "status" -> status = r.stringOrNull("profile.status", MAX_STRING_LENGTH);
                case "deviation" -> deviation = r.doubleValue("profile.deviation");
                case "distance" -> distance = r.doubleValue("profile.distance");
                case "sessions" -> sessions = r.longValue("profile.sessions");
                case "compared" -> compared = r.intValue("profile.compared");
                case "largest" -> {
                    r.beginArray("profile.largest");
                    while (r.advance() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        if (largest.size() == MAX_ENTRIES) {
                            throw new InvalidRecordException(DeadLetterReason.OVERSIZED,
                                    "profile.largest has more than " + MAX_ENTRIES + " entries");
                        }
                        largest.add(readFeatureDeviation(r, "profile.largest[" + largest.size() + "]"));
                    }
                }
                default -> r.skipValue();
            }
        }
        if (status == null) {
            throw WireReader.missing("profile.status");
        }
        try {
            return new ProfileDeviation(ProfileDeviation.Status.fromWireName(status), deviation, distance, sessions,
                    compared, largest);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(INVALID_VALUE, "profile.status = \"" + status + "\" is not a v1 status");
        }
    }

    private static FeatureDeviation readFeatureDeviation(WireReader r, String path) throws InvalidRecordException {
        r.beginObject(path);
        String feature = null;
        double value = Double.NaN;
        double usual = Double.NaN;
        double spread = Double.NaN;
        double z = Double.NaN;
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "feature" -> feature = r.stringOrNull(path + ".feature", MAX_STRING_LENGTH);
                case "value" -> value = r.doubleValue(path + ".value");
                case "usual" -> usual = r.doubleValue(path + ".usual");
                case "spread" -> spread = r.doubleValue(path + ".spread");
                case "z" -> z = r.doubleValue(path + ".z");
                default -> r.skipValue();
            }
        }
        if (feature == null) {
            throw WireReader.missing(path + ".feature");
        }
        return new FeatureDeviation(feature, value, usual, spread, z);
    }

    /** Shape hashes, 8 lower-case hex digits each, at most {@code TrajectoryFingerprint.MAX_SHAPES}. */
    private static List<String> readTrajectory(WireReader r) throws InvalidRecordException {
        List<String> shapes = r.stringListOrNull("trajectory", TrajectoryFingerprint.MAX_SHAPES, MAX_STRING_LENGTH);
        if (shapes == null) {
            return List.of();
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (!SHAPE.matcher(shapes.get(i)).matches()) {
                throw new InvalidRecordException(INVALID_VALUE,
                        "trajectory[" + i + "] = \"" + shapes.get(i) + "\" is not 8 lower-case hex digits");
            }
        }
        return shapes;
    }

    private static SessionContext readContext(WireReader r) throws InvalidRecordException {
        r.beginObject("context");
        String route = null;
        String clientIp = null;
        String userAgent = null;
        String deviceFingerprint = null;
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "route" -> route = r.stringOrNull("context.route", MAX_STRING_LENGTH);
                case "clientIp" -> clientIp = r.stringOrNull("context.clientIp", MAX_STRING_LENGTH);
                case "userAgent" -> userAgent = r.stringOrNull("context.userAgent", MAX_STRING_LENGTH);
                case "deviceFingerprint" ->
                        deviceFingerprint = r.stringOrNull("context.deviceFingerprint", MAX_STRING_LENGTH);
                default -> r.skipValue();
            }
        }
        return new SessionContext(route, clientIp, userAgent, deviceFingerprint);
    }

    private static List<Reason> readReasons(WireReader r) throws InvalidRecordException {
        r.beginArray("reasons");
        List<Reason> reasons = new ArrayList<>();
        while (r.advance() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
            if (reasons.size() == MAX_ENTRIES) {
                throw new InvalidRecordException(DeadLetterReason.OVERSIZED, "reasons has more than " + MAX_ENTRIES + " entries");
            }
            String path = "reasons[" + reasons.size() + "]";
            r.beginObject(path);
            String code = null;
            String text = null;
            Double contribution = null;
            for (String field = r.nextField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "code" -> code = r.stringOrNull(path + ".code", MAX_STRING_LENGTH);
                    case "text" -> text = r.stringOrNull(path + ".text", MAX_STRING_LENGTH);
                    case "contribution" -> contribution = r.isNull() ? null : r.doubleValue(path + ".contribution");
                    default -> r.skipValue();
                }
            }
            if (code == null) {
                throw WireReader.missing(path + ".code");
            }
            if (contribution == null) {
                throw WireReader.missing(path + ".contribution");
            }
            reasons.add(new Reason(code, text, contribution));
        }
        return reasons;
    }

    private static Map<String, Double> readFeatures(WireReader r) throws InvalidRecordException {
        r.beginObject("features");
        Map<String, Double> features = new HashMap<>();
        for (String name = r.nextField(); name != null; name = r.nextField()) {
            if (features.size() == MAX_ENTRIES) {
                throw new InvalidRecordException(DeadLetterReason.OVERSIZED, "features has more than " + MAX_ENTRIES + " entries");
            }
            features.put(name, r.doubleValue("features." + name));
        }
        return features;
    }

    private static EventCounts readCounts(WireReader r) throws InvalidRecordException {
        r.beginObject("counts");
        long batches = 0, mouseEvents = 0, strokes = 0, clicks = 0, keyEvents = 0, scrollEvents = 0, touchEvents = 0;
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "batches" -> batches = r.longValue("counts.batches");
                case "mouseEvents" -> mouseEvents = r.longValue("counts.mouseEvents");
                case "strokes" -> strokes = r.longValue("counts.strokes");
                case "clicks" -> clicks = r.longValue("counts.clicks");
                case "keyEvents" -> keyEvents = r.longValue("counts.keyEvents");
                case "scrollEvents" -> scrollEvents = r.longValue("counts.scrollEvents");
                case "touchEvents" -> touchEvents = r.longValue("counts.touchEvents");
                default -> r.skipValue();
            }
        }
        return new EventCounts(batches, mouseEvents, strokes, clicks, keyEvents, scrollEvents, touchEvents);
    }
}
