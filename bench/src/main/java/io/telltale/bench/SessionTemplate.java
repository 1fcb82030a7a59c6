package io.telltale.bench;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SimulatedSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated session kept as the wire-format JSON of its batches, ready to be replayed under any
 * session id and start time: the id and the two absolute timestamps are patched in place (track
 * times are relative to {@code startedAt}, so nothing else changes). Replaying a few thousand
 * simulated sessions under fresh ids is how the workload reaches a million sessions without
 * simulating each one.
 */
final class SessionTemplate {

    /** Length of every session id the workload writes: "s-" and 16 hex digits, as the simulator's. */
    static final int SESSION_ID_LENGTH = 18;
    /** Epoch milliseconds have 13 digits from 2001 to 2286. */
    private static final int EPOCH_DIGITS = 13;

    private final Actor actor;
    /** The signed-in user and the client address of the simulated visit; null when it has none. */
    private final String userId;
    private final String clientIp;
    private final List<Batch> batches;
    /** Index of the batch after which the session is first challenged or blocked; -1 if never. */
    private final int thresholdBatch;

    /**
     * @param offsetMs     start of the batch after the start of the session
     * @param sentAfterMs  send time of the batch after the start of the session
     */
    record Batch(byte[] json, int idAt, int startedAtAt, int sentAtAt, long offsetMs, long sentAfterMs, int events) {}

    private SessionTemplate(Actor actor, String userId, String clientIp, List<Batch> batches, int thresholdBatch) {
        this.actor = actor;
        this.userId = userId;
        this.clientIp = clientIp;
        this.batches = batches;
        this.thresholdBatch = thresholdBatch;
    }

    /** Keeps at most {@code maxBatches} batches of the session; scores each prefix to find its threshold batch. */
    static SessionTemplate of(SimulatedSession session, int maxBatches, SessionScorer scorer) {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        List<TelemetryBatch> kept = session.batches().subList(0, Math.min(maxBatches, session.batches().size()));
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("session " + session.sessionId() + " has no batches");
        }
        if (session.sessionId().length() != SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("unexpected session id " + session.sessionId());
        }
        long start = kept.get(0).startedAt();
        List<Batch> batches = new ArrayList<>(kept.size());
        SessionFeatureAccumulator features = new SessionFeatureAccumulator();
        int threshold = -1;
        for (int i = 0; i < kept.size(); i++) {
            TelemetryBatch batch = kept.get(i);
            byte[] json = serde.serialize(batch);
            batches.add(new Batch(
                    json,
                    valueAt(json, "\"sessionId\":\"", session.sessionId()),
                    valueAt(json, "\"startedAt\":", Long.toString(batch.startedAt())),
                    valueAt(json, "\"sentAt\":", Long.toString(batch.sentAt())),
                    batch.startedAt() - start,
                    batch.sentAt() - start,
                    batch.eventCount()));
            features.add(batch);
            if (threshold < 0) {
                RiskScore score = scorer.score(session.sessionId(), features, start, batch.endedAt(), false, 0);
                if (score != null && score.action() != Action.MONITOR) {
                    threshold = i;
                }
            }
        }
        return new SessionTemplate(session.actor(), kept.get(0).userId(), kept.get(0).clientIp(), List.copyOf(batches),
                threshold);
    }

    Actor actor() {
        return actor;
    }

    String userId() {
        return userId;
    }

    String clientIp() {
        return clientIp;
    }

    int batchCount() {
        return batches.size();
    }

    Batch batch(int index) {
        return batches.get(index);
    }

    int thresholdBatch() {
        return thresholdBatch;
    }

    /** The JSON of batch {@code index} as session {@code sessionId} starting at {@code startEpochMillis}. */
    byte[] render(int index, byte[] sessionId, long startEpochMillis) {
        Batch batch = batches.get(index);
        byte[] json = batch.json().clone();
        System.arraycopy(sessionId, 0, json, batch.idAt(), SESSION_ID_LENGTH);
        writeEpoch(json, batch.startedAtAt(), startEpochMillis + batch.offsetMs());
        writeEpoch(json, batch.sentAtAt(), startEpochMillis + batch.sentAfterMs());
        return json;
    }

    /**
     * Batch {@code index} as the browser sends it to the gateway: without the client address, which
     * the simulator sets as the gateway would have stamped it, and which a browser must not send.
     */
    byte[] renderAsSentByBrowser(int index, byte[] sessionId, long startEpochMillis) {
        return renderAsSentByBrowser(index, sessionId, null, startEpochMillis);
    }

    /** The same under {@code gatewaySessionId}, the id the gateway chose for the session, unless null. */
    byte[] renderAsSentByBrowser(int index, byte[] sessionId, String gatewaySessionId, long startEpochMillis) {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try {
            TelemetryBatch b = serde.deserialize(render(index, sessionId, startEpochMillis));
            String id = gatewaySessionId != null ? gatewaySessionId : b.sessionId();
            return serde.serialize(new TelemetryBatch(b.schemaVersion(), id, b.userId(), b.sequence(),
                    b.startedAt(), b.sentAt(), 0, b.route(), b.userAgent(), null, b.device(), b.mouse(), b.keys(),
                    b.scroll(), b.touch()));
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("a replayed batch does not parse", e);
        }
    }

    /** A session id of the workload's fixed length, unique per index. */
    static String sessionId(long index) {
        return "s-" + Long.toHexString(index | Long.MIN_VALUE);
    }

    static byte[] sessionIdBytes(long index) {
        return sessionId(index).getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeEpoch(byte[] json, int at, long epochMillis) {
        if (epochMillis < 1_000_000_000_000L || epochMillis > 9_999_999_999_999L) {
            throw new IllegalArgumentException("epoch ms outside the 13-digit range: " + epochMillis);
        }
        long rest = epochMillis;
        for (int i = EPOCH_DIGITS - 1; i >= 0; i--) {
            json[at + i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** Where {@code value} starts right after {@code field}, checked to occur exactly once. */
    private static int valueAt(byte[] json, String field, String value) {
        String text = new String(json, StandardCharsets.UTF_8);
        String needle = field + value;
        int at = text.indexOf(needle);
        if (at < 0 || text.indexOf(needle, at + 1) >= 0) {
            throw new IllegalStateException("cannot find exactly one " + needle + " in a serialized batch");
        }
        // Every character before the field is ASCII JSON punctuation or a name written before it.
        return text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + field.length();
    }
}
