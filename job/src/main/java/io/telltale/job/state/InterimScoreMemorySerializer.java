package io.telltale.job.state;

import io.telltale.core.session.InterimScoreGate;
import io.telltale.core.wire.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link InterimScoreGate.Memory}, the emitter's per-session state: a version byte, the window,
 * the last published score's time, action, value and reason codes, the batches scored, the
 * withheld flag. Some fifty bytes per open session.
 */
public final class InterimScoreMemorySerializer extends CompactSerializer<InterimScoreGate.Memory> {

    private static final long serialVersionUID = 1L;

    private static final int FORMAT = 1;

    public static final InterimScoreMemorySerializer INSTANCE = new InterimScoreMemorySerializer();

    public static final CompactTypeInfo<InterimScoreGate.Memory> TYPE_INFO =
            new CompactTypeInfo<>(InterimScoreGate.Memory.class, INSTANCE);

    @Override
    public InterimScoreGate.Memory createInstance() {
        return null;
    }

    @Override
    protected void write(InterimScoreGate.Memory value, DataOutputView target) throws IOException {
        target.writeByte(FORMAT);
        target.writeLong(value.windowStart());
        target.writeLong(value.windowEnd());
        target.writeLong(value.publishedAt());
        target.writeByte(value.action().ordinal());
        target.writeDouble(value.score());
        target.writeShort(value.reasonCodes().size());
        for (String code : value.reasonCodes()) {
            target.writeUTF(code);
        }
        target.writeLong(value.batchesScored());
        target.writeBoolean(value.withheld());
    }

    @Override
    protected InterimScoreGate.Memory read(DataInputView source) throws IOException {
        int format = source.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown interim-score memory format " + format);
        }
        long windowStart = source.readLong();
        long windowEnd = source.readLong();
        long publishedAt = source.readLong();
        Action action = Action.values()[source.readByte()];
        double score = source.readDouble();
        int codes = source.readUnsignedShort();
        List<String> reasonCodes = new ArrayList<>(codes);
        for (int i = 0; i < codes; i++) {
            reasonCodes.add(source.readUTF());
        }
        return new InterimScoreGate.Memory(windowStart, windowEnd, publishedAt, action, score, reasonCodes,
                source.readLong(), source.readBoolean());
    }

    /** A record of immutable parts: passed on as it is. */
    @Override
    protected boolean immutableValues() {
        return true;
    }

    @Override
    public TypeSerializerSnapshot<InterimScoreGate.Memory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<InterimScoreGate.Memory> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
