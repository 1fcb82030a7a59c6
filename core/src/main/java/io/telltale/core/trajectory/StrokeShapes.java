package io.telltale.core.trajectory;

import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.TelemetryBatch;
import java.util.SplittableRandom;

/**
 * Shape hashes of the complete mouse strokes in a telemetry batch, for {@link TrajectoryFingerprint}.
 *
 * <p>A stroke is a run of moves with no press and no pause over {@link #STROKE_BREAK_MS}; it is
 * complete when a press or a pause bounds it on both sides inside the batch (a stroke cut by the
 * batch's edge would hash differently in each batching, so it is left out). Its shape is time-free:
 * the path is thinned to points at least {@link #THIN_PX} apart (so that position noise does not
 * lengthen it), resampled at {@link #RESAMPLED} points equally spaced along it, and taken relative
 * to its first point. That vector is hashed by Euclidean locality-sensitive hashing (Datar, Immorlica,
 * Indyk and Mirrokni, "Locality-sensitive hashing scheme based on p-stable distributions", SoCG 2004):
 * in each of {@link #TABLES} tables, {@link #PROJECTIONS} random Gaussian projections cut into
 * buckets {@link #BUCKET_PX} wide. A replay of the stroke — the same path with pixel noise, played
 * faster or slower, sampled at other instants — falls into the same buckets of some table with high
 * probability; a different path almost never does. Each table gives one shape hash of 31 bits (non-negative,
 * so that numeric and hex order agree).
 *
 * <p>Plain Java, stateless; the projections come from a fixed seed, so every process computes the
 * same hashes.
 */
public final class StrokeShapes {

    /** A pause this long ends a stroke; the same break the mouse features use. */
    static final long STROKE_BREAK_MS = 300;
    /** Longest time from a batch window's end to its sending; a stroke this close to the end may go on. */
    static final long SEND_SLACK_MS = 100;
    /** Moves a stroke needs: fewer carry too little shape to tell people apart. */
    static final int MIN_MOVES = 8;
    /** Path a stroke needs, px: short corrections look alike for everyone. */
    static final double MIN_PATH_PX = 150;
    /** Points closer than this to the last kept one are dropped before resampling, px. */
    static final double THIN_PX = 6;
    static final int RESAMPLED = 12;
    static final int TABLES = 8;
    static final int PROJECTIONS = 6;
    static final double BUCKET_PX = 60;
    private static final long SEED = 0x7E11_7A1EL;

    private static final int DIMENSIONS = 2 * (RESAMPLED - 1);
    private static final double[][][] DIRECTIONS = new double[TABLES][PROJECTIONS][DIMENSIONS];
    private static final double[][] OFFSETS = new double[TABLES][PROJECTIONS];

    static {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int t = 0; t < TABLES; t++) {
            for (int p = 0; p < PROJECTIONS; p++) {
                for (int d = 0; d < DIMENSIONS; d++) {
                    DIRECTIONS[t][p][d] = gaussian(random);
                }
                OFFSETS[t][p] = random.nextDouble() * BUCKET_PX;
            }
        }
    }

    private StrokeShapes() {}

    /** Adds the shape hashes of the batch's complete strokes to {@code into}. */
    public static void fold(TelemetryBatch batch, TrajectoryFingerprint into) {
        MouseTrack track = batch.mouse();
        int n = Math.min(Math.min(track.t().length, track.x().length), Math.min(track.y().length, track.kind().length));
        long windowMillis = batch.sentAt() - batch.startedAt() - SEND_SLACK_MS;
        int[] t = track.t();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean move = i < n && track.kind()[i] == MouseKind.MOVE.code();
            boolean continues = move && start >= 0 && t[i] - t[i - 1] <= STROKE_BREAK_MS;
            if (continues) {
                continue;
            }
            if (start >= 0) {
                // The stroke [start, i) ended: at a press, a pause, or the batch's end.
                boolean boundedBefore = start > 0 ? true : t[0] > STROKE_BREAK_MS;
                boolean boundedAfter = i < n || windowMillis - t[i - 1] > STROKE_BREAK_MS;
                if (boundedBefore && boundedAfter) {
                    hash(track.x(), track.y(), start, i, into);
                }
            }
            start = move ? i : -1;
        }
    }

    /** The shape hashes, one per table, of the stroke at [from, to); none if it is too small to tell. */
    static void hash(int[] xs, int[] ys, int from, int to, TrajectoryFingerprint into) {
        if (to - from < MIN_MOVES) {
            return;
        }
        double[] px = new double[to - from];
        double[] py = new double[to - from];
        int kept = 0;
        for (int i = from; i < to; i++) {
            boolean last = i == to - 1;
            if (kept == 0 || last || Math.hypot(xs[i] - px[kept - 1], ys[i] - py[kept - 1]) >= THIN_PX) {
                px[kept] = xs[i];
                py[kept] = ys[i];
                kept++;
            }
        }
        double[] along = new double[kept];
        for (int i = 1; i < kept; i++) {
            along[i] = along[i - 1] + Math.hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
        }
        double path = along[kept - 1];
        if (path < MIN_PATH_PX) {
            return;
        }
        double[] shape = new double[DIMENSIONS];
        int segment = 1;
        for (int k = 1; k < RESAMPLED; k++) {
            double at = path * k / (RESAMPLED - 1);
            while (segment < kept - 1 && along[segment] < at) {
                segment++;
            }
            double length = along[segment] - along[segment - 1];
            double f = length == 0 ? 1 : (at - along[segment - 1]) / length;
            shape[2 * (k - 1)] = px[segment - 1] + f * (px[segment] - px[segment - 1]) - px[0];
            shape[2 * (k - 1) + 1] = py[segment - 1] + f * (py[segment] - py[segment - 1]) - py[0];
        }
        for (int table = 0; table < TABLES; table++) {
            long h = mix(SEED + table);
            for (int p = 0; p < PROJECTIONS; p++) {
                double projection = OFFSETS[table][p];
                for (int d = 0; d < DIMENSIONS; d++) {
                    projection += DIRECTIONS[table][p][d] * shape[d];
                }
                h = mix(h ^ (long) Math.floor(projection / BUCKET_PX));
            }
            into.add((int) (h >>> 33));
        }
    }

    /** SplitMix64's finaliser: spreads every input bit over the hash, so hash order is a random sample. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller), from the seeded generator. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
