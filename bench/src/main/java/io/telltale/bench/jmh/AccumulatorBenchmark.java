package io.telltale.bench.jmh;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.session.DeviceFingerprint;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.job.functions.SessionFeatureAggregate;
import io.telltale.job.state.BatchFeatures;
import io.telltale.job.state.SessionAccumulatorSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The feature accumulator, one batch per invocation, sessions replayed in sequence order:
 * <ul>
 *   <li>{@code foldBatch}: what the parser does per batch, a fresh accumulator folding the raw
 *       events (divide by events per batch for ns per raw event);
 *   <li>{@code windowUpdate}: what the session window does per batch on RocksDB, read the
 *       session's accumulator from bytes, merge the batch's, write it back;
 *   <li>{@code windowBatchFired}: the session window's state work per batch as the job does it,
 *       through the window's aggregate and its state's serializer on RocksDB: copy the batch (as
 *       Flink does between chained operators), read, add the batch, write, and read once more for
 *       the trigger's firing (the window function gets the accumulator anew);
 *   <li>{@code deviceFingerprint}: the fingerprint the accumulator takes of every batch.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccumulatorBenchmark {

    private TelemetryBatch[] batches;
    private boolean[] firstOfSession;
    private SessionFeatureAccumulator[] folded;
    private int next;
    private byte[] sessionState;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final SessionAccumulatorSerializer windowState =
            (SessionAccumulatorSerializer) SessionAccumulatorSerializer.INSTANCE.duplicate();
    private final SessionFeatureAggregate aggregate = new SessionFeatureAggregate();
    private final DataOutputSerializer stateOut = new DataOutputSerializer(1024);
    private final DataInputDeserializer stateIn = new DataInputDeserializer();
    private byte[] windowBytes;

    @Setup(Level.Trial)
    public void load() throws IOException {
        TelemetrySamples samples = new TelemetrySamples();
        batches = samples.batches.toArray(new TelemetryBatch[0]);
        firstOfSession = new boolean[batches.length];
        folded = new SessionFeatureAccumulator[batches.length];
        for (int i = 0; i < batches.length; i++) {
            firstOfSession[i] = samples.firstOfSession.get(i);
            folded[i] = new SessionFeatureAccumulator();
            folded[i].add(batches[i]);
        }
        sessionState = write(new SessionFeatureAccumulator());
    }

    private int advance() {
        int current = next;
        next = next + 1 == batches.length ? 0 : next + 1;
        return current;
    }

    @Benchmark
    public SessionFeatureAccumulator foldBatch() {
        SessionFeatureAccumulator features = new SessionFeatureAccumulator();
        features.add(batches[advance()]);
        return features;
    }

    @Benchmark
    public byte[] windowUpdate() throws IOException {
        int i = advance();
        SessionFeatureAccumulator session = firstOfSession[i]
                ? new SessionFeatureAccumulator()
                : SessionFeatureAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(sessionState)));
        session.merge(folded[i]);
        sessionState = write(session);
        return sessionState;
    }

    @Benchmark
    public SessionFeatureAccumulator windowBatchFired() throws IOException {
        int i = advance();
        SessionFeatureAccumulator session =
                firstOfSession[i] ? aggregate.createAccumulator() : readWindowState();
        // the batch as the window gets it (Flink copies it on the way from deduplication), added;
        // RocksDB's aggregating state writes what add returns, then reads it again when the trigger fires
        session = aggregate.add(new BatchFeatures("s", null, 0, 0, "bench", folded[i].copy()), session);
        stateOut.clear();
        windowState.serialize(session, stateOut);
        windowBytes = stateOut.getCopyOfBuffer();
        return aggregate.getResult(readWindowState());
    }

    private SessionFeatureAccumulator readWindowState() throws IOException {
        stateIn.setBuffer(windowBytes);
        return windowState.deserialize(stateIn);
    }

    @Benchmark
    public String deviceFingerprint() {
        TelemetryBatch batch = batches[advance()];
        return DeviceFingerprint.of(batch.userAgent(), batch.device());
    }

    private byte[] write(SessionFeatureAccumulator accumulator) throws IOException {
        buffer.reset();
        accumulator.writeTo(new DataOutputStream(buffer));
        return buffer.toByteArray();
    }
}
