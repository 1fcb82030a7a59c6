package io.telltale.evaluation;

import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.evaluation.Normalisation.RawKey;
import io.telltale.evaluation.Normalisation.RawMouse;
import io.telltale.simulator.Actor;
import io.telltale.simulator.EvasiveBotMotion;
import io.telltale.simulator.SessionSimulator;
import io.telltale.simulator.SimulatedSession;
import io.telltale.simulator.TimedPoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generated bot families, as normalised recordings: the simulator's scripted shop visits for
 * the framework and "humanising" families, and replays of real human pointer trajectories.
 */
public final class BotCorpus {

    /** A generated family: its name in reports, the simulator actor behind it, what it is judged on. */
    public record Family(String name, Actor actor, boolean typing, String description) {}

    public static final List<Family> SIMULATED = List.of(
            new Family("linear", Actor.LINEAR_BOT, false, "straight constant-speed moves, one step per frame (Playwright mouse.move steps)"),
            new Family("jitter", Actor.JITTER_BOT, false, "linear moves with uniform ±1-2 px jitter and uniform 8-30 ms steps"),
            new Family("teleport", Actor.TELEPORT_BOT, false, "clicks by coordinates, the pointer jumps"),
            new Family("headless", Actor.HEADLESS_BOT, false, "eased straight moves from an unmasked headless browser"),
            new Family("ghost_cursor", Actor.BEZIER_BOT, false, "ghost-cursor: Bezier curves, Fitts-law step counts, overshoot past far targets"),
            new Family("windmouse", Actor.WINDMOUSE_BOT, false, "WindMouse gravity-and-wind walk"),
            new Family("typing_constant", Actor.UNIFORM_TYPING_BOT, true, "keys at constant intervals and holds (keyboard.type delay)"),
            new Family("typing_uniform", Actor.UNIFORM_DELAY_TYPING_BOT, true, "keys at uniformly random 40-160 ms intervals, constant hold"),
            new Family("typing_gaussian", Actor.GAUSSIAN_TYPING_BOT, true, "keys at normally distributed intervals (CV 0.3) and holds"),
            new Family("ghost_cursor_hesitant", Actor.HESITANT_BEZIER_BOT, false,
                    "ghost-cursor with its hesitate option: rests 150-600 ms on the target before pressing"));

    /** Replays of a source's own people: position noise and time warp. */
    public static final String REPLAY = "replay_human";

    static final String SOURCE = "simulator";
    /** Position noise of replays, px (sd), and the range of their global time warp. */
    static final double REPLAY_NOISE_PX = 1.5;
    static final double REPLAY_MIN_WARP = 0.8;
    static final double REPLAY_MAX_WARP = 1.25;
    static final int REPLAY_WOBBLE_MS = 2;

    private BotCorpus() {}

    /** {@code sessions} simulated shop visits of {@code length} for the family, normalised. */
    public static List<Recording> simulate(Family family, int sessions, Duration length, long seed, DropCounts drops) {
        SessionSimulator simulator = new SessionSimulator(seed);
        List<Recording> recordings = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            String id = SOURCE + ":" + family.name() + ":" + i;
            SimulatedSession session = simulator.simulate(family.actor(), id, id, BASE_EPOCH_MS + i * 3_600_000L, length);
            recordings.add(fromBatches(family.name(), id, session.batches(), drops));
        }
        return recordings;
    }

    /**
     * Bots that replay people of a source: each takes one of {@code people}'s recordings (up to
     * {@code maxMs} of it from a random point), moves every position by Gaussian noise and warps
     * time, through {@link EvasiveBotMotion#replayed}.
     */
    public static List<Recording> replays(List<Recording> people, int sessions, int maxMs, long seed, DropCounts drops) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Recording> recordings = new ArrayList<>(sessions);
        List<Recording> movers = people.stream().filter(r -> r.moveCount() >= 20).toList();
        for (int i = 0; i < sessions && !movers.isEmpty(); i++) {
            Recording original = movers.get(random.nextInt(movers.size()));
            int[] t = original.mouseT();
            int from = 0;
            if (t[t.length - 1] - t[0] > maxMs) {
                from = BatchSlicer.lowerBound(t, t[0] + random.nextInt(t[t.length - 1] - t[0] - maxMs));
            }
            String id = original.source() + ":" + REPLAY + ":" + i;
            Recording replay = replay(original, from, maxMs, random, id, BASE_EPOCH_MS + i * 3_600_000L, drops);
            if (replay != null) {
                recordings.add(replay);
            }
        }
        return recordings;
    }

    /**
     * One replay of {@code original}'s pointer from sample {@code from} for up to {@code maxMs}:
     * Gaussian position noise and a global time warp drawn from {@code random}; null if fewer than
     * two samples fall in it.
     */
    public static Recording replay(Recording original, int from, int maxMs, SplittableRandom random, String id,
            long startEpochMs, DropCounts drops) {
        int[] t = original.mouseT();
        int to = BatchSlicer.lowerBound(t, t[from] + maxMs);
        List<TimedPoint> points = new ArrayList<>(to - from);
        for (int j = from; j < to; j++) {
            points.add(new TimedPoint(t[j], original.mouseX()[j], original.mouseY()[j]));
        }
        if (points.size() < 2) {
            return null;
        }
        double warp = REPLAY_MIN_WARP + random.nextDouble() * (REPLAY_MAX_WARP - REPLAY_MIN_WARP);
        List<TimedPoint> replay = EvasiveBotMotion.replayed(points, REPLAY_NOISE_PX, warp, REPLAY_WOBBLE_MS,
                new java.util.Random(random.nextLong()));
        List<RawMouse> mouse = new ArrayList<>(replay.size());
        for (int j = 0; j < replay.size(); j++) {
            TimedPoint p = replay.get(j);
            mouse.add(new RawMouse(p.tMs(), p.x(), p.y(), MouseKind.ofCode(original.mouseKind()[from + j])));
        }
        return Normalisation.normalise(REPLAY + " of " + original.source(), REPLAY, true, id, id, startEpochMs, mouse,
                List.of(), null, null, drops);
    }

    static final long BASE_EPOCH_MS = 1_767_225_600_000L;

    /** Flattens a simulated session's batches back into one recording, through the normalisation. */
    static Recording fromBatches(String family, String id, List<TelemetryBatch> batches, DropCounts drops) {
        List<RawMouse> mouse = new ArrayList<>();
        List<RawKey> keys = new ArrayList<>();
        List<Deque<Long>> pressed = new ArrayList<>();
        for (int c = 0; c < KeyClass.values().length; c++) {
            pressed.add(new ArrayDeque<>());
        }
        long origin = batches.isEmpty() ? BASE_EPOCH_MS : batches.get(0).startedAt();
        for (TelemetryBatch b : batches) {
            long base = b.startedAt() - origin;
            for (int i = 0; i < b.mouse().size(); i++) {
                mouse.add(new RawMouse(base + b.mouse().t()[i], b.mouse().x()[i], b.mouse().y()[i],
                        MouseKind.ofCode(b.mouse().kind()[i])));
            }
            for (int i = 0; i < b.keys().size(); i++) {
                int cls = b.keys().keyClass()[i];
                long at = base + b.keys().t()[i];
                if (b.keys().down()[i]) {
                    pressed.get(cls).addLast(at);
                } else if (!pressed.get(cls).isEmpty()) {
                    keys.add(new RawKey(pressed.get(cls).pollFirst(), at, KeyClass.ofCode(cls)));
                }
            }
        }
        TelemetryBatch first = batches.isEmpty() ? null : batches.get(0);
        return Normalisation.normalise(SOURCE, family, true, id, id, origin, mouse, keys,
                first == null ? null : first.device(), first == null ? null : first.userAgent(), drops);
    }
}
