package io.telltale.job.state;

import io.telltale.core.features.SessionFeatureAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link BatchFeatures} between the parser and the session windows. */
public final class BatchFeaturesSerializer extends CompactSerializer<BatchFeatures> {

    private static final long serialVersionUID = 1L;

    /** 2 added the page id; 1 (no page id) is still read, from in-flight data of an older job. */
    private static final int VERSION = 2;

    private static final int VERSION_WITHOUT_PAGE = 1;

    public static final BatchFeaturesSerializer INSTANCE = new BatchFeaturesSerializer();

    public static final CompactTypeInfo<BatchFeatures> TYPE_INFO =
            new CompactTypeInfo<>(BatchFeatures.class, INSTANCE);

    @Override
    public BatchFeatures createInstance() {
        return new BatchFeatures("", null, 0, 0, "", new SessionFeatureAccumulator());
    }

    @Override
    protected void write(BatchFeatures value, DataOutputView target) throws IOException {
        target.writeByte(VERSION);
        target.writeUTF(value.sessionId());
        target.writeBoolean(value.pageId() != null);
        if (value.pageId() != null) {
            target.writeUTF(value.pageId());
        }
        target.writeLong(value.sequence());
        target.writeLong(value.startedAt());
        target.writeUTF(value.origin());
        value.features().writeTo(target);
    }

    @Override
    protected BatchFeatures read(DataInputView source) throws IOException {
        int version = source.readByte();
        if (version != VERSION && version != VERSION_WITHOUT_PAGE) {
            throw new IOException("unknown BatchFeatures serialization version " + version);
        }
        String sessionId = source.readUTF();
        String pageId = version != VERSION_WITHOUT_PAGE && source.readBoolean() ? source.readUTF() : null;
        return new BatchFeatures(
                sessionId,
                pageId,
                source.readLong(),
                source.readLong(),
                source.readUTF(),
                SessionFeatureAccumulator.readFrom(source));
    }

    /** The record's other fields are immutable; the accumulator copies itself. */
    @Override
    protected BatchFeatures copyOf(BatchFeatures from) {
        return new BatchFeatures(from.sessionId(), from.pageId(), from.sequence(), from.startedAt(), from.origin(),
                from.features().copy());
    }

    @Override
    public TypeSerializerSnapshot<BatchFeatures> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BatchFeatures> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
