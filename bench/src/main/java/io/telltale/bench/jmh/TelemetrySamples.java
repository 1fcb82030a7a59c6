package io.telltale.bench.jmh;

import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.SimulatedSession;
import io.telltale.simulator.TrafficSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The records the microbenchmarks work on: whole simulated sessions (people and bots at the demo's
 * share), their batches in sequence order, as objects and as wire JSON. Invocations walk through
 * them in turn, so a score is the mean over the mix, not one lucky batch.
 */
public final class TelemetrySamples {

    public static final int SESSIONS = 64;
    /** Seed of the simulator, fixed so every run measures the same records. */
    public static final long SEED = 7;
    static final double BOT_SHARE = 0.35;
    static final Duration SESSION_LENGTH = Duration.ofSeconds(120);

    final List<TelemetryBatch> batches = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();
    /** For each batch, whether it is the first of its session. */
    final List<Boolean> firstOfSession = new ArrayList<>();
    final long events;

    public TelemetrySamples() {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        long events = 0;
        for (SimulatedSession session : new TrafficSimulator(SEED, BOT_SHARE)
                .nextSessions(System.currentTimeMillis(), SESSIONS, SESSION_LENGTH)) {
            for (int i = 0; i < session.batches().size(); i++) {
                TelemetryBatch batch = session.batches().get(i);
                batches.add(batch);
                payloads.add(serde.serialize(batch));
                firstOfSession.add(i == 0);
                events += batch.eventCount();
            }
        }
        this.events = events;
    }

    public double eventsPerBatch() {
        return (double) events / batches.size();
    }
}
