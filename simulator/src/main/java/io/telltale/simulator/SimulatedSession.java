package io.telltale.simulator;

import io.telltale.core.wire.TelemetryBatch;
import java.util.List;

/**
 * One simulated browser session and who drove it, as the batches its SDK would have sent, in
 * sequence order.
 *
 * @param userId the authenticated user, or null
 */
public record SimulatedSession(String sessionId, String userId, Actor actor, List<TelemetryBatch> batches) {
    public SimulatedSession {
        batches = List.copyOf(batches);
    }
}
