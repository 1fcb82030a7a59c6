package io.telltale.job.state;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.RiskScore;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The risk score travels between operators in its wire JSON: scores are few (one per session
 * every few seconds) and already have a documented, versioned form, so Flink need not fall back to
 * generic serialization for their lists and maps. (Dead letters are flat and go as Flink POJOs.)
 */
public final class WireRecordSerializers {

    public static final CompactTypeInfo<RiskScore> RISK_SCORE =
            new CompactTypeInfo<>(RiskScore.class, RiskScoreSerializer.INSTANCE);

    private WireRecordSerializers() {}

    private static void writeBytes(byte[] bytes, DataOutputView target) throws IOException {
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    private static byte[] readBytes(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return bytes;
    }

    /** A risk score as its wire JSON. */
    public static final class RiskScoreSerializer extends CompactSerializer<RiskScore> {
        private static final long serialVersionUID = 1L;
        static final RiskScoreSerializer INSTANCE = new RiskScoreSerializer();
        private static final RiskScoreSerde SERDE = new RiskScoreSerde();

        @Override
        public RiskScore createInstance() {
            return null;
        }

        @Override
        protected void write(RiskScore value, DataOutputView target) throws IOException {
            writeBytes(SERDE.serialize(value), target);
        }

        @Override
        protected RiskScore read(DataInputView source) throws IOException {
            try {
                return SERDE.deserialize(readBytes(source));
            } catch (InvalidRecordException e) {
                throw new IOException("corrupt risk score in Flink's data stream", e);
            }
        }

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
