package io.telltale.job.state;

import io.telltale.core.features.SessionFeatureAccumulator;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Window state of a session: the accumulator's own binary form (versioned by its first byte), a
 * few hundred bytes whatever the session's length. RocksDB reads and writes it on every batch.
 *
 * <p>On RocksDB the window reads the state twice per batch: once to add the batch (read, add,
 * write), and once more when the trigger fires, to hand the accumulator to the window function,
 * which reads back the very bytes just written. The two reads were 12 % of the session thread's
 * profile (docs/benchmarks.md), so this serializer remembers the accumulator it last wrote, and
 * when the next form it reads is byte for byte the one it wrote, returns that accumulator instead
 * of parsing it again. The form is deterministic, so equal bytes are an equal accumulator; the
 * writer gives the accumulator up by writing it (RocksDB's states drop it), and a read takes the
 * memory, whether it finds it or not, so an accumulator is handed out at most once.
 *
 * <p>To compare without parsing, a reader must know where the form ends, so the form is framed:
 * {@link #FRAMED}, its length, the accumulator's binary form. State written before the frame
 * (the accumulator's form alone, first byte its version, never {@link #FRAMED}) is still read.
 * The memory makes the serializer stateful: {@link #duplicate} gives every user its own.
 */
public final class SessionAccumulatorSerializer extends CompactSerializer<SessionFeatureAccumulator> {

    private static final long serialVersionUID = 1L;

    /** First byte of a framed form; the accumulator's own forms start with their version, 1 or more. */
    static final int FRAMED = 0;

    /** Longest form read; the accumulator's is O(1), a few hundred bytes (docs/benchmarks.md). */
    static final int MAX_FORM_BYTES = 1 << 20;

    public static final SessionAccumulatorSerializer INSTANCE = new SessionAccumulatorSerializer();

    public static final CompactTypeInfo<SessionFeatureAccumulator> TYPE_INFO =
            new CompactTypeInfo<>(SessionFeatureAccumulator.class, INSTANCE);

    /** The form last written and the accumulator it is of; null once read. */
    private transient SessionFeatureAccumulator lastWritten;
    private transient DataOutputSerializer lastWrittenForm;
    private transient byte[] formRead;
    private transient DataInputDeserializer formReader;

    @Override
    public SessionFeatureAccumulator createInstance() {
        return new SessionFeatureAccumulator();
    }

    @Override
    protected void write(SessionFeatureAccumulator value, DataOutputView target) throws IOException {
        if (lastWrittenForm == null) {
            lastWrittenForm = new DataOutputSerializer(1024);
        }
        lastWrittenForm.clear();
        value.writeTo(lastWrittenForm);
        target.writeByte(FRAMED);
        target.writeInt(lastWrittenForm.length());
        target.write(lastWrittenForm.getSharedBuffer(), 0, lastWrittenForm.length());
        lastWritten = value;
    }

    @Override
    protected SessionFeatureAccumulator read(DataInputView source) throws IOException {
        SessionFeatureAccumulator written = lastWritten;
        lastWritten = null;
        int first = source.readUnsignedByte();
        if (first != FRAMED) {
            return SessionFeatureAccumulator.readFrom(first, source);
        }
        int length = source.readInt();
        if (length <= 0 || length > MAX_FORM_BYTES) {
            throw new IOException("accumulator form of " + length + " bytes");
        }
        if (formRead == null || formRead.length < length) {
            formRead = new byte[Math.max(length, 1024)];
            formReader = new DataInputDeserializer();
        }
        source.readFully(formRead, 0, length);
        if (written != null
                && Arrays.equals(formRead, 0, length, lastWrittenForm.getSharedBuffer(), 0, lastWrittenForm.length())) {
            return written;
        }
        formReader.setBuffer(formRead, 0, length);
        SessionFeatureAccumulator accumulator = SessionFeatureAccumulator.readFrom(formReader);
        if (formReader.available() != 0) {
            throw new IOException(formReader.available() + " bytes after the accumulator's form");
        }
        return accumulator;
    }

    @Override
    protected SessionFeatureAccumulator copyOf(SessionFeatureAccumulator from) {
        return from.copy();
    }

    /** A serializer of its own, with its own memory of what it wrote. */
    @Override
    public TypeSerializer<SessionFeatureAccumulator> duplicate() {
        return new SessionAccumulatorSerializer();
    }

    @Override
    public TypeSerializerSnapshot<SessionFeatureAccumulator> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer from a savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SessionFeatureAccumulator> {
        public Snapshot() {
            super(SessionAccumulatorSerializer::new);
        }
    }
}
