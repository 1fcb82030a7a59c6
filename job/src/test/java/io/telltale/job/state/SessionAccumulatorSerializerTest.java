package io.telltale.job.state;

import static io.telltale.job.TelltaleTestBase.BEGINNING;
import static io.telltale.job.TelltaleTestBase.features;
import static io.telltale.job.TelltaleTestBase.linearBotBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.features.SessionFeatureAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The window state's serializer: what it reads back is the accumulator it wrote, parsed or (when
 * the bytes are those it has just written) remembered, and state written before the form was
 * framed is still read.
 */
class SessionAccumulatorSerializerTest {

    private final SessionAccumulatorSerializer serializer =
            (SessionAccumulatorSerializer) SessionAccumulatorSerializer.INSTANCE.duplicate();

    @Test
    void theFormJustWrittenIsReadBackWithoutParsingOnceThenParsed() throws IOException {
        SessionFeatureAccumulator session = twoBatches();
        byte[] state = write(serializer, session);

        SessionFeatureAccumulator fired = read(serializer, state);
        SessionFeatureAccumulator again = read(serializer, state);

        assertThat(fired).isSameAs(session);
        assertThat(again).isNotSameAs(session);
        assertThat(write(serializer, again)).isEqualTo(state);
    }

    @Test
    void anotherFormIsParsedAndTheMemoryIsGone() throws IOException {
        SessionFeatureAccumulator other = twoBatches();
        other.merge(features(linearBotBatch("s-1", 2, BEGINNING + 6_000)).features());
        byte[] otherState = write(serializer, other);
        SessionFeatureAccumulator session = twoBatches();
        byte[] state = write(serializer, session);

        SessionFeatureAccumulator read = read(serializer, otherState);
        assertThat(read).isNotSameAs(other).isNotSameAs(session);
        assertThat(read.counts().batches()).isEqualTo(3);
        // the read took the memory of the last form written, though it was another's
        assertThat(read(serializer, state)).isNotSameAs(session);
    }

    @Test
    void duplicatesRememberOnlyWhatTheyWrote() throws IOException {
        SessionAccumulatorSerializer other = (SessionAccumulatorSerializer) serializer.duplicate();
        SessionFeatureAccumulator session = twoBatches();
        byte[] state = write(serializer, session);

        assertThat(other).isNotSameAs(serializer).isEqualTo(serializer);
        assertThat(read(other, state)).isNotSameAs(session);
        assertThat(read(serializer, state)).isSameAs(session);
    }

    @Test
    void stateWrittenBeforeTheFrameIsStillRead() throws IOException {
        SessionFeatureAccumulator session = twoBatches();
        DataOutputSerializer unframed = new DataOutputSerializer(1024);
        session.writeTo(unframed); // what this serializer wrote until it framed the form
        byte[] framed = write(serializer, session);

        SessionFeatureAccumulator read = read(serializer, unframed.getCopyOfBuffer());

        assertThat(read).isNotSameAs(session);
        assertThat(read.features().toMap()).isEqualTo(session.features().toMap());
        assertThat(write(serializer, read)).isEqualTo(framed);
    }

    @Test
    void aFrameThatDoesNotHoldOneFormIsAClearError() throws IOException {
        byte[] state = write(serializer, twoBatches());
        DataOutputSerializer longer = new DataOutputSerializer(1024);
        longer.writeByte(SessionAccumulatorSerializer.FRAMED);
        longer.writeInt(state.length - 5 + 1);
        longer.write(state, 5, state.length - 5);
        longer.writeByte(0);

        assertThatThrownBy(() -> read(serializer.duplicate(), longer.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 bytes after");
        DataOutputSerializer negative = new DataOutputSerializer(8);
        negative.writeByte(SessionAccumulatorSerializer.FRAMED);
        negative.writeInt(-1);
        assertThatThrownBy(() -> read(serializer, negative.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("-1 bytes");
    }

    private static SessionFeatureAccumulator twoBatches() {
        SessionFeatureAccumulator session = features(linearBotBatch("s-1", 0, BEGINNING)).features();
        session.merge(features(linearBotBatch("s-1", 1, BEGINNING + 3_000)).features());
        return session;
    }

    private static byte[] write(SessionAccumulatorSerializer serializer, SessionFeatureAccumulator value)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static SessionFeatureAccumulator read(
            TypeSerializer<SessionFeatureAccumulator> serializer, byte[] state)
            throws IOException {
        return serializer.deserialize(new DataInputDeserializer(state));
    }
}
