package io.telltale.job.state;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.FeatureDeviation;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The risk score travels between operators in a binary form of its fields, so Flink need not fall
 * back to generic serialization for its lists and maps, and a shuffle does not pay for writing and
 * parsing its JSON. (Dead letters are flat and go as Flink POJOs.)
 */
public final class WireRecordSerializers {

    public static final CompactTypeInfo<RiskScore> RISK_SCORE =
            new CompactTypeInfo<>(RiskScore.class, RiskScoreSerializer.INSTANCE);

    private WireRecordSerializers() {}

    /**
     * A risk score in a binary form of its fields, for Flink's network only: scores cross a
     * shuffle twice with the profiles on (to the user's profile, back to the session's policies),
     * and their JSON form cost a JSON write and parse each time. The async good-bot check keeps
     * scores in flight in its checkpointed state, so the former form (the JSON's length as an int,
     * whose first byte is 0, then the JSON) is still read: a savepoint taken before stays usable.
     */
    public static final class RiskScoreSerializer extends CompactSerializer<RiskScore> {
        private static final long serialVersionUID = 1L;
        static final RiskScoreSerializer INSTANCE = new RiskScoreSerializer();
        private static final int FORMAT = 1;
        /** First byte of the former form: the high byte of the JSON's length. */
        private static final int JSON_FORM = 0;
        private static final RiskScoreSerde JSON = new RiskScoreSerde();

        @Override
        public RiskScore createInstance() {
            return null;
        }

        @Override
        protected void write(RiskScore value, DataOutputView target) throws IOException {
            target.writeByte(FORMAT);
            target.writeInt(value.schemaVersion());
            StringValue.writeString(value.sessionId(), target);
            StringValue.writeString(value.userId(), target);
            target.writeDouble(value.score());
            target.writeByte(value.action().ordinal());
            StringValue.writeString(value.evidence(), target);
            target.writeInt(value.reasons().size());
            for (Reason reason : value.reasons()) {
                StringValue.writeString(reason.code(), target);
                StringValue.writeString(reason.text(), target);
                target.writeDouble(reason.contribution());
            }
            target.writeInt(value.features().size());
            for (Map.Entry<String, Double> feature : value.features().entrySet()) {
                StringValue.writeString(feature.getKey(), target);
                target.writeDouble(feature.getValue());
            }
            StringValue.writeString(value.modelVersion(), target);
            target.writeLong(value.windowStart());
            target.writeLong(value.windowEnd());
            EventCounts counts = value.counts();
            target.writeBoolean(counts != null);
            if (counts != null) {
                target.writeLong(counts.batches());
                target.writeLong(counts.mouseEvents());
                target.writeLong(counts.strokes());
                target.writeLong(counts.clicks());
                target.writeLong(counts.keyEvents());
                target.writeLong(counts.scrollEvents());
                target.writeLong(counts.touchEvents());
            }
            target.writeBoolean(value.isFinal());
            target.writeLong(value.emittedAt());
            SessionContext context = value.context();
            StringValue.writeString(context.route(), target);
            StringValue.writeString(context.clientIp(), target);
            StringValue.writeString(context.userAgent(), target);
            StringValue.writeString(context.deviceFingerprint(), target);
            ProfileDeviation profile = value.profile();
            target.writeBoolean(profile != null);
            if (profile != null) {
                target.writeByte(profile.status().ordinal());
                target.writeDouble(profile.deviation());
                target.writeDouble(profile.distance());
                target.writeLong(profile.sessions());
                target.writeInt(profile.compared());
                target.writeInt(profile.largest().size());
                for (FeatureDeviation deviation : profile.largest()) {
                    StringValue.writeString(deviation.feature(), target);
                    target.writeDouble(deviation.value());
                    target.writeDouble(deviation.usual());
                    target.writeDouble(deviation.spread());
                    target.writeDouble(deviation.z());
                }
            }
            target.writeInt(value.trajectory().size());
            for (String shape : value.trajectory()) {
                StringValue.writeString(shape, target);
            }
        }

        @Override
        protected RiskScore read(DataInputView source) throws IOException {
            int format = source.readByte();
            if (format == JSON_FORM) {
                return readJson(source);
            }
            if (format != FORMAT) {
                throw new IOException("unknown risk score form " + format + " in Flink's data stream");
            }
            int schemaVersion = source.readInt();
            String sessionId = StringValue.readString(source);
            String userId = StringValue.readString(source);
            double score = source.readDouble();
            Action action = ACTIONS[source.readByte()];
            String evidence = StringValue.readString(source);
            int reasonCount = source.readInt();
            List<Reason> reasons = new ArrayList<>(reasonCount);
            for (int i = 0; i < reasonCount; i++) {
                reasons.add(new Reason(StringValue.readString(source), StringValue.readString(source), source.readDouble()));
            }
            int featureCount = source.readInt();
            Map<String, Double> features = new HashMap<>(featureCount * 2);
            for (int i = 0; i < featureCount; i++) {
                features.put(StringValue.readString(source), source.readDouble());
            }
            String modelVersion = StringValue.readString(source);
            long windowStart = source.readLong();
            long windowEnd = source.readLong();
            EventCounts counts = source.readBoolean()
                    ? new EventCounts(source.readLong(), source.readLong(), source.readLong(), source.readLong(),
                            source.readLong(), source.readLong(), source.readLong())
                    : null;
            boolean isFinal = source.readBoolean();
            long emittedAt = source.readLong();
            SessionContext context = new SessionContext(
                    StringValue.readString(source), StringValue.readString(source), StringValue.readString(source), StringValue.readString(source));
            ProfileDeviation profile = null;
            if (source.readBoolean()) {
                ProfileDeviation.Status status = STATUSES[source.readByte()];
                double deviation = source.readDouble();
                double distance = source.readDouble();
                long sessions = source.readLong();
                int compared = source.readInt();
                int largestCount = source.readInt();
                List<FeatureDeviation> largest = new ArrayList<>(largestCount);
                for (int i = 0; i < largestCount; i++) {
                    largest.add(new FeatureDeviation(StringValue.readString(source), source.readDouble(), source.readDouble(),
                            source.readDouble(), source.readDouble()));
                }
                profile = new ProfileDeviation(status, deviation, distance, sessions, compared, largest);
            }
            int shapeCount = source.readInt();
            List<String> trajectory = new ArrayList<>(shapeCount);
            for (int i = 0; i < shapeCount; i++) {
                trajectory.add(StringValue.readString(source));
            }
            return new RiskScore(schemaVersion, sessionId, userId, score, action, evidence, reasons, features,
                    modelVersion, windowStart, windowEnd, counts, isFinal, emittedAt, context, profile, trajectory);
        }

        private static RiskScore readJson(DataInputView source) throws IOException {
            int length = source.readUnsignedByte() << 16 | source.readUnsignedByte() << 8 | source.readUnsignedByte();
            byte[] json = new byte[length];
            source.readFully(json);
            try {
                return JSON.deserialize(json);
            } catch (InvalidRecordException e) {
                throw new IOException("corrupt risk score in Flink's data stream", e);
            }
        }

        private static final Action[] ACTIONS = Action.values();
        private static final ProfileDeviation.Status[] STATUSES = ProfileDeviation.Status.values();

        /** A record of immutable parts: passed on as it is. */
        @Override
        protected boolean immutableValues() {
            return true;
        }

        @Override
        public TypeSerializerSnapshot<RiskScore> snapshotConfiguration() {
            return new Snapshot();
        }

        /** Restores the serializer from a savepoint. */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<RiskScore> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
