package io.telltale.job.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of Telltale's own serializers, which write a value with {@code java.io.DataOutput}, so the
 * format is defined next to the type (in {@code core} or {@code connectors}) and Flink only adapts
 * it. They are stateless singletons, but for one that keeps a memory and says so ({@link
 * SessionAccumulatorSerializer}, {@link #duplicate}).
 *
 * <p>Copies are on the hot path: without object reuse, Flink copies every record passed between
 * chained operators, and once more for each extra operator a record fans out to (bench/'s profile
 * of the job spent half the scoring thread copying risk scores through their JSON). So a type that
 * never changes once made says so ({@link #immutableValues()}) and is passed on as it is; a mutable
 * one copies itself ({@link #copyOf}); only what does neither makes the serialize/deserialize round
 * trip.
 */
public abstract class CompactSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    protected abstract void write(T value, DataOutputView target) throws IOException;

    protected abstract T read(DataInputView source) throws IOException;

    /** Whether values are deeply immutable (records of immutable parts): a copy is then the value itself. */
    protected boolean immutableValues() {
        return false;
    }

    /** A deep copy of a mutable value; by default a serialize/deserialize round trip. */
    protected T copyOf(T from) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(from, out);
        return read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    @Override
    public final boolean isImmutableType() {
        return immutableValues();
    }

    /** This serializer itself, as it keeps no state; one that does overrides this and gives a new one. */
    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final T copy(T from) {
        if (from == null || immutableValues()) {
            return from;
        }
        try {
            return copyOf(from);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + from, e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
