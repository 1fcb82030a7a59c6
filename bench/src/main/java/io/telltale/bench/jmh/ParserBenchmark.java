package io.telltale.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.telltale.bench.ReferenceEnvelope;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One telemetry batch per invocation, from wire JSON: the parsing ceiling (every token read, every
 * number decoded, nothing built), the reference job's envelope parse, and the job's parser with
 * full validation into a {@link TelemetryBatch}. Divide by the mean events per batch (reported
 * with the results) for ns per raw event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParserBenchmark {

    private byte[][] payloads;
    private int next;
    private JsonFactory json;
    private TelemetryBatchSerde serde;

    @Setup(Level.Trial)
    public void load() {
        TelemetrySamples samples = new TelemetrySamples();
        payloads = samples.payloads.toArray(new byte[0][]);
        json = new JsonFactory();
        serde = new TelemetryBatchSerde();
    }

    private byte[] nextPayload() {
        byte[] payload = payloads[next];
        next = next + 1 == payloads.length ? 0 : next + 1;
        return payload;
    }

    /** Jackson's streaming parser over the whole document, decoding every number: nothing can parse for less. */
    @Benchmark
    public long jsonTokensOnly() throws IOException {
        long sum = 0;
        try (JsonParser parser = json.createParser(nextPayload())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    sum += parser.getLongValue();
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    sum += (long) parser.getDoubleValue();
                }
            }
        }
        return sum;
    }

    /** What the reference job does per record: the envelope kept, the tracks skipped over. */
    @Benchmark
    public void envelopeOnly(Blackhole hole) {
        hole.consume(ReferenceEnvelope.parse(json, nextPayload()));
    }

    /** The job's parser: wire JSON to a validated {@link TelemetryBatch}. */
    @Benchmark
    public TelemetryBatch parseAndValidate() throws InvalidRecordException {
        return serde.deserialize(nextPayload());
    }
}
