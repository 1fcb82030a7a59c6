package io.telltale.job.state;

import io.telltale.core.features.SessionFeatureAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Window state of a session: the accumulator's own binary form (versioned by its first byte), a
 * few hundred bytes whatever the session's length. RocksDB reads and writes it on every batch.
 */
public final class SessionAccumulatorSerializer extends CompactSerializer<SessionFeatureAccumulator> {

    private static final long serialVersionUID = 1L;

    public static final SessionAccumulatorSerializer INSTANCE = new SessionAccumulatorSerializer();

    public static final CompactTypeInfo<SessionFeatureAccumulator> TYPE_INFO =
            new CompactTypeInfo<>(SessionFeatureAccumulator.class, INSTANCE);

    @Override
    public SessionFeatureAccumulator createInstance() {
        return new SessionFeatureAccumulator();
    }

    @Override
    protected void write(SessionFeatureAccumulator value, DataOutputView target) throws IOException {
        value.writeTo(target);
    }

    @Override
    protected SessionFeatureAccumulator read(DataInputView source) throws IOException {
        return SessionFeatureAccumulator.readFrom(source);
    }

    @Override
    protected SessionFeatureAccumulator copyOf(SessionFeatureAccumulator from) {
        return from.copy();
    }

    @Override
    public TypeSerializerSnapshot<SessionFeatureAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SessionFeatureAccumulator> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
