package io.telltale.core.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrokeShapesTest {

    private static final long BEGINNING = 1_772_366_400_000L;

    /** A point of a stroke: time (ms from the stroke's start), position. */
    private record Point(double t, double x, double y) {}

    /**
     * A curved reach from (x0, y0) to (x1, y1), bowed sideways by {@code bow} px, with minimum-jerk
     * timing over {@code durationMs}, sampled every 16 ms: how a hand moves a mouse to a target.
     */
    private static List<Point> reach(double x0, double y0, double x1, double y1, double bow, int durationMs) {
        List<Point> points = new ArrayList<>();
        double nx = -(y1 - y0);
        double ny = x1 - x0;
        double norm = Math.hypot(nx, ny);
        for (int t = 0; t <= durationMs; t += 16) {
            double s = (double) t / durationMs;
            double p = 10 * Math.pow(s, 3) - 15 * Math.pow(s, 4) + 6 * Math.pow(s, 5);
            double side = bow * Math.sin(Math.PI * p);
            points.add(new Point(t, x0 + p * (x1 - x0) + side * nx / norm, y0 + p * (y1 - y0) + side * ny / norm));
        }
        return points;
    }

    /** Ten different reaches across a page. */
    private static List<List<Point>> browsing(long seed) {
        Random random = new Random(seed);
        List<List<Point>> strokes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            strokes.add(reach(100 + random.nextInt(900), 100 + random.nextInt(500), 100 + random.nextInt(900),
                    100 + random.nextInt(500), random.nextInt(120) - 60, 500 + random.nextInt(500)));
        }
        return strokes;
    }

    /**
     * One batch per stroke: a quiet second, the stroke (positions moved by Gaussian noise of
     * {@code noisePx}, time stretched by {@code warp}), a click where it ends, and a quiet second.
     */
    private static TrajectoryFingerprint fingerprint(List<List<Point>> strokes, double noisePx, double warp, long seed) {
        Random random = new Random(seed);
        TrajectoryFingerprint f = new TrajectoryFingerprint();
        long startedAt = BEGINNING;
        for (List<Point> stroke : strokes) {
            int n = stroke.size();
            int[] t = new int[n + 1];
            int[] x = new int[n + 1];
            int[] y = new int[n + 1];
            byte[] kind = new byte[n + 1];
            for (int i = 0; i < n; i++) {
                Point p = stroke.get(i);
                t[i] = 1_000 + (int) Math.round(p.t() * warp);
                x[i] = (int) Math.round(p.x() + random.nextGaussian() * noisePx);
                y[i] = (int) Math.round(p.y() + random.nextGaussian() * noisePx);
                kind[i] = (byte) MouseKind.MOVE.code();
            }
            t[n] = t[n - 1] + 90;
            x[n] = x[n - 1];
            y[n] = y[n - 1];
            kind[n] = (byte) MouseKind.CLICK.code();
            StrokeShapes.fold(batch(startedAt, t[n] + 1_000, new MouseTrack(t, x, y, kind)), f);
            startedAt += 10_000;
        }
        return f;
    }

    private static TelemetryBatch batch(long startedAt, int spanMs, MouseTrack mouse) {
        return new TelemetryBatch(WireVersion.CURRENT, "s", null, 0, startedAt, startedAt + spanMs, 0L, "/", null,
                null, DeviceInfo.UNKNOWN, mouse, null, null, null);
    }

    @Test
    void aReplayWithPixelNoiseAndAnotherSpeedSharesManyShapes() {
        List<List<Point>> recorded = browsing(1);
        TrajectoryFingerprint original = fingerprint(recorded, 0, 1.0, 2);
        TrajectoryFingerprint replay = fingerprint(recorded, 1.5, 1.2, 3);

        assertThat(original.size()).isEqualTo(TrajectoryFingerprint.MAX_SHAPES);
        // Each of a stroke's tables matches with a probability well below one; over ten strokes about
        // a third of the kept shapes agree (11 here), where two people share none.
        assertThat(replay.shared(original)).isGreaterThanOrEqualTo(original.size() / 4);
    }

    @Test
    void otherPathsShareNothing() {
        TrajectoryFingerprint one = fingerprint(browsing(1), 1.5, 1.0, 2);
        TrajectoryFingerprint other = fingerprint(browsing(4), 1.5, 1.0, 5);

        assertThat(other.shared(one)).isZero();
    }

    @Test
    void strokesCutByTheBatchEdgeAndShortStrokesAreLeftOut() {
        List<Point> stroke = reach(100, 100, 600, 400, 40, 700);
        int n = stroke.size();
        int[] t = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = (int) stroke.get(i).t();
            x[i] = (int) stroke.get(i).x();
            y[i] = (int) stroke.get(i).y();
        }
        MouseTrack fromTheFirstInstant = new MouseTrack(t, x, y, kind);
        TrajectoryFingerprint f = new TrajectoryFingerprint();

        // It may have begun in the previous batch.
        StrokeShapes.fold(batch(BEGINNING, t[n - 1] + 1_000, fromTheFirstInstant), f);
        assertThat(f.isEmpty()).isTrue();

        // It may go on in the next batch.
        int[] later = t.clone();
        for (int i = 0; i < n; i++) {
            later[i] += 1_000;
        }
        StrokeShapes.fold(batch(BEGINNING, later[n - 1] + 50, new MouseTrack(later, x, y, kind)), f);
        assertThat(f.isEmpty()).isTrue();

        // Bounded by quiet on both sides: complete.
        StrokeShapes.fold(batch(BEGINNING, later[n - 1] + 1_000, new MouseTrack(later, x, y, kind)), f);
        assertThat(f.size()).isEqualTo(StrokeShapes.TABLES);

        // A 60 px correction carries too little shape.
        assertThat(fingerprint(List.of(reach(300, 300, 340, 345, 5, 300)), 0, 1.0, 1).isEmpty()).isTrue();
    }
}
