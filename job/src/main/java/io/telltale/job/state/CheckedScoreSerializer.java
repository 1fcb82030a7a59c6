package io.telltale.job.state;

import io.telltale.core.wire.RiskScore;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link CheckedScore}: the score in the risk score serializer's form, then the verified family. */
public final class CheckedScoreSerializer extends CompactSerializer<CheckedScore> {

    private static final long serialVersionUID = 1L;

    public static final CheckedScoreSerializer INSTANCE = new CheckedScoreSerializer();

    public static final CompactTypeInfo<CheckedScore> TYPE_INFO = new CompactTypeInfo<>(CheckedScore.class, INSTANCE);

    @Override
    public CheckedScore createInstance() {
        return null;
    }

    @Override
    protected void write(CheckedScore value, DataOutputView target) throws IOException {
        WireRecordSerializers.RiskScoreSerializer.INSTANCE.serialize(value.score(), target);
        target.writeBoolean(value.verifiedGoodBot() != null);
        if (value.verifiedGoodBot() != null) {
            target.writeUTF(value.verifiedGoodBot());
        }
    }

    @Override
    protected CheckedScore read(DataInputView source) throws IOException {
        RiskScore score = WireRecordSerializers.RiskScoreSerializer.INSTANCE.deserialize(source);
        return new CheckedScore(score, source.readBoolean() ? source.readUTF() : null);
    }

    /** A record of immutable parts: passed on as it is. */
    @Override
    protected boolean immutableValues() {
        return true;
    }

    @Override
    public TypeSerializerSnapshot<CheckedScore> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CheckedScore> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
