package io.telltale.evaluation;

import io.telltale.core.trajectory.StrokeShapes;
import io.telltale.core.trajectory.TrajectoryFingerprint;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SessionSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How well trajectory fingerprints ({@link TrajectoryFingerprint}) tell a replayed trajectory from
 * people (docs/cross-session-patterns.md, "Replayed trajectories"): per source of human sessions,
 * how many pairs of distinct human sessions share at least m shapes (false matches), and how many
 * pairs of replays of the same recorded stretch do (detections). Each replay is
 * {@link BotCorpus#replay}: the replay_human family's position noise and time warp, cut into
 * batches of its own.
 */
public final class TrajectoryMeasurement {

    /** Shared-shape thresholds reported. */
    public static final int[] THRESHOLDS = {1, 2, 3, 4, 5, 6, 8};
    /** Replays per recorded stretch: a campaign replaying one recording in several sessions. */
    static final int REPLAYS_PER_STRETCH = 3;

    /** Counts for one source; {@code *AtLeast[k]} is for {@code THRESHOLDS[k]} shared shapes. */
    public record Result(String source, int humans, double meanShapes, long humanPairs, long[] humanPairsAtLeast,
            int stretches, int replays, double meanReplayShapes, long replayPairs, long[] replayPairsAtLeast,
            long[] stretchesFoundAtLeast, long replayHumanPairs, long[] replayHumanPairsAtLeast) {}

    private TrajectoryMeasurement() {}

    /** The fingerprint the job would keep for these batches. */
    public static TrajectoryFingerprint fingerprint(List<TelemetryBatch> batches) {
        TrajectoryFingerprint f = new TrajectoryFingerprint();
        for (TelemetryBatch b : batches) {
            StrokeShapes.fold(b, f);
        }
        return f;
    }

    /** Simulated people: {@code sessions} shop visits of {@code length}. */
    public static List<Recording> simulatedHumans(int sessions, Duration length, long seed) {
        SessionSimulator simulator = new SessionSimulator(seed);
        List<Recording> people = new ArrayList<>(sessions);
        DropCounts drops = new DropCounts();
        for (int i = 0; i < sessions; i++) {
            String id = BotCorpus.SOURCE + ":human:" + i;
            people.add(BotCorpus.fromBatches(Recording.HUMAN, id,
                    simulator.simulate(Actor.HUMAN, id, id, BotCorpus.BASE_EPOCH_MS + i * 3_600_000L, length).batches(),
                    drops));
        }
        return people;
    }

    /** The human sessions of a dataset source that moved the mouse. */
    public static List<Recording> datasetHumans(Path datasets, String source) throws IOException {
        return Datasets.read(datasets, source, new DropCounts()).stream()
                .filter(r -> !r.bot() && r.moveCount() >= 20)
                .toList();
    }

    /**
     * Fingerprints every human session and {@link #REPLAYS_PER_STRETCH} replays of each of
     * {@code stretches} random stretches of {@code stretchMs} from random people, and counts the
     * pairs sharing shapes: human with human, replay with replay of the same stretch, and replay with
     * every human session.
     */
    public static Result measure(String source, List<Recording> humans, int stretches, int stretchMs, long seed) {
        List<TrajectoryFingerprint> people = humans.stream().map(r -> fingerprint(BatchSlicer.batches(r))).toList();
        long[] humanAtLeast = new long[THRESHOLDS.length];
        long humanPairs = 0;
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                humanPairs++;
                count(people.get(i).shared(people.get(j)), humanAtLeast);
            }
        }

        SplittableRandom random = new SplittableRandom(seed);
        DropCounts drops = new DropCounts();
        List<List<TrajectoryFingerprint>> replaysByStretch = new ArrayList<>();
        List<Integer> originals = new ArrayList<>();
        int made = 0;
        double replayShapes = 0;
        for (int s = 0; s < stretches; s++) {
            int originalIndex = random.nextInt(humans.size());
            originals.add(originalIndex);
            Recording original = humans.get(originalIndex);
            int[] t = original.mouseT();
            int from = t[t.length - 1] - t[0] > stretchMs
                    ? BatchSlicer.lowerBound(t, t[0] + random.nextInt(t[t.length - 1] - t[0] - stretchMs)) : 0;
            List<TrajectoryFingerprint> replays = new ArrayList<>();
            for (int k = 0; k < REPLAYS_PER_STRETCH; k++) {
                String id = source + ":replay:" + s + ":" + k;
                Recording replay = BotCorpus.replay(original, from, stretchMs, random, id,
                        BotCorpus.BASE_EPOCH_MS + made * 3_600_000L, drops);
                if (replay != null) {
                    TrajectoryFingerprint f = fingerprint(BatchSlicer.batches(replay));
                    replays.add(f);
                    replayShapes += f.size();
                    made++;
                }
            }
            replaysByStretch.add(replays);
        }
        long[] replayAtLeast = new long[THRESHOLDS.length];
        long replayPairs = 0;
        long[] crossAtLeast = new long[THRESHOLDS.length];
        long crossPairs = 0;
        long[] stretchesFound = new long[THRESHOLDS.length];
        for (List<TrajectoryFingerprint> replays : replaysByStretch) {
            int mostShared = 0;
            for (int i = 0; i < replays.size(); i++) {
                for (int j = i + 1; j < replays.size(); j++) {
                    replayPairs++;
                    int shared = replays.get(i).shared(replays.get(j));
                    count(shared, replayAtLeast);
                    mostShared = Math.max(mostShared, shared);
                }
                for (int p = 0; p < people.size(); p++) {
                    if (p != originals.get(replaysByStretch.indexOf(replays))) {
                        crossPairs++;
                        count(replays.get(i).shared(people.get(p)), crossAtLeast);
                    }
                }
            }
            count(mostShared, stretchesFound);
        }
        double meanShapes = people.stream().mapToInt(TrajectoryFingerprint::size).average().orElse(0);
        return new Result(source, people.size(), meanShapes, humanPairs, humanAtLeast, stretches, made,
                made == 0 ? 0 : replayShapes / made, replayPairs, replayAtLeast, stretchesFound, crossPairs, crossAtLeast);
    }

    private static void count(int shared, long[] atLeast) {
        for (int k = 0; k < THRESHOLDS.length; k++) {
            if (shared >= THRESHOLDS[k]) {
                atLeast[k]++;
            }
        }
    }

    public static String describe(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s: %d human sessions, %.1f shapes each; %d replays of %d stretches, %.1f shapes each%n",
                r.source(), r.humans(), r.meanShapes(), r.replays(), r.stretches(), r.meanReplayShapes()));
        s.append(String.format("  %-28s", "shared shapes >="));
        for (int m : THRESHOLDS) {
            s.append(String.format("%12d", m));
        }
        s.append('\n');
        row(s, "human-human pairs", r.humanPairs(), r.humanPairsAtLeast());
        row(s, "replay-replay (same stretch)", r.replayPairs(), r.replayPairsAtLeast());
        row(s, "stretches with such a pair", r.stretches(), r.stretchesFoundAtLeast());
        row(s, "replay-other human pairs", r.replayHumanPairs(), r.replayHumanPairsAtLeast());
        return s.toString();
    }

    private static void row(StringBuilder s, String name, long pairs, long[] atLeast) {
        s.append(String.format("  %-28s", name + " (" + pairs + ")"));
        for (long n : atLeast) {
            s.append(String.format("%12d", n));
        }
        s.append('\n');
    }
}
