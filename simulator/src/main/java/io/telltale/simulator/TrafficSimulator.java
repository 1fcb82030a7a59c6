package io.telltale.simulator;

import io.telltale.core.wire.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Live shop traffic for the demo: a pool of concurrent sessions, people and bots mixed, whose
 * batches come out in the order their browsers send them. Call {@link #batchesDueBy(long)} with
 * the wall clock; sessions that end are replaced by new ones, so traffic never stops.
 *
 * <p>Not thread-safe. Deterministic for a seed and the same sequence of calls.
 */
public final class TrafficSimulator {

    public static final int DEFAULT_CONCURRENT_SESSIONS = 12;
    public static final Duration DEFAULT_MIN_LENGTH = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofSeconds(120);

    /** Share of people and of bots that are signed in (bots with stolen or farmed accounts). */
    static final double HUMAN_SIGNED_IN_SHARE = 0.3;
    static final double BOT_SIGNED_IN_SHARE = 0.4;
    /** New sessions start within this long after they are due, so they do not all start together. */
    static final int START_SPREAD_MS = 3000;
    /** How many sessions {@link #actorOf} remembers. */
    static final int REMEMBERED_SESSIONS = 100_000;

    private static final List<Actor> BOTS =
            List.of(Actor.values()).stream().filter(Actor::isBot).toList();
    private static final Comparator<TelemetryBatch> SEND_ORDER = Comparator.comparingLong(TelemetryBatch::sentAt)
            .thenComparing(TelemetryBatch::sessionId)
            .thenComparingLong(TelemetryBatch::sequence);

    private final Random random;
    private final SessionSimulator simulator;
    private final double botShare;
    private final int concurrentSessions;
    private final long minLengthMs;
    private final long maxLengthMs;
    private final PriorityQueue<TelemetryBatch> unsent = new PriorityQueue<>(SEND_ORDER);
    /** Active session id to the send time of its last batch. */
    private final Map<String, Long> activeUntil = new HashMap<>();
    private final Map<String, Actor> actors = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Actor> eldest) {
            return size() > REMEMBERED_SESSIONS;
        }
    };

    public TrafficSimulator(long seed, double botShare) {
        this(seed, botShare, DEFAULT_CONCURRENT_SESSIONS, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
    }

    public TrafficSimulator(long seed, double botShare, int concurrentSessions, Duration minLength, Duration maxLength) {
        if (botShare < 0 || botShare > 1) {
            throw new IllegalArgumentException("bot share must be within [0, 1]: " + botShare);
        }
        if (concurrentSessions < 1) {
            throw new IllegalArgumentException("need at least one concurrent session: " + concurrentSessions);
        }
        if (minLength.isNegative() || minLength.isZero() || maxLength.compareTo(minLength) < 0) {
            throw new IllegalArgumentException("bad session length range " + minLength + ".." + maxLength);
        }
        this.random = new Random(seed);
        this.simulator = new SessionSimulator(seed);
        this.botShare = botShare;
        this.concurrentSessions = concurrentSessions;
        this.minLengthMs = minLength.toMillis();
        this.maxLengthMs = maxLength.toMillis();
    }

    /**
     * Whole sessions of the given length starting around {@code nowEpochMillis}, each with the
     * configured bot share; they are remembered for {@link #actorOf} but not added to the live pool.
     */
    public List<SimulatedSession> nextSessions(long nowEpochMillis, int count, Duration length) {
        List<SimulatedSession> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(newSession(nowEpochMillis + random.nextInt(START_SPREAD_MS), length));
        }
        return sessions;
    }

    /**
     * Batches sent up to {@code nowEpochMillis} that were not returned before, in send order
     * ({@link TelemetryBatch#sentAt()}). Tops the pool up to the configured number of concurrent
     * sessions first; new sessions start after {@code nowEpochMillis}.
     */
    public List<TelemetryBatch> batchesDueBy(long nowEpochMillis) {
        activeUntil.values().removeIf(lastSentAt -> lastSentAt <= nowEpochMillis);
        while (activeUntil.size() < concurrentSessions) {
            long length = minLengthMs + (long) (random.nextDouble() * (maxLengthMs - minLengthMs));
            SimulatedSession session =
                    newSession(nowEpochMillis + random.nextInt(START_SPREAD_MS), Duration.ofMillis(length));
            List<TelemetryBatch> batches = session.batches();
            if (batches.isEmpty()) {
                continue;
            }
            unsent.addAll(batches);
            activeUntil.put(session.sessionId(), batches.get(batches.size() - 1).sentAt());
        }
        List<TelemetryBatch> due = new ArrayList<>();
        while (!unsent.isEmpty() && unsent.peek().sentAt() <= nowEpochMillis) {
            due.add(unsent.poll());
        }
        return due;
    }

    /** Who drives a session this simulator produced, or null if it never did (or long forgot). */
    public Actor actorOf(String sessionId) {
        return actors.get(sessionId);
    }

    /** Sessions in the live pool that still have batches to send. */
    public int activeSessions() {
        return activeUntil.size();
    }

    private SimulatedSession newSession(long startEpochMillis, Duration length) {
        Actor actor = random.nextDouble() < botShare ? BOTS.get(random.nextInt(BOTS.size())) : Actor.HUMAN;
        String sessionId = "s-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        double signedIn = actor.isBot() ? BOT_SIGNED_IN_SHARE : HUMAN_SIGNED_IN_SHARE;
        String userId = random.nextDouble() < signedIn ? String.format("u-%03d", random.nextInt(1000)) : null;
        actors.put(sessionId, actor);
        return simulator.simulate(actor, sessionId, userId, startEpochMillis, length);
    }
}
