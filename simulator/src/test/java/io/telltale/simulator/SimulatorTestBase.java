package io.telltale.simulator;

import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Named instants, stroke factories and trajectory measures shared by the simulator tests. */
abstract class SimulatorTestBase {

    static final long BEGINNING = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final Duration HALF_A_MINUTE = Duration.ofSeconds(30);
    static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    static final long SEED = 42L;

    static final HumanMotionModel AVERAGE_PERSON = new HumanMotionModel();

    /** A long move across a desktop viewport onto a button-sized target. */
    static List<TimedPoint> humanStroke(Random random) {
        int fromX = 100 + random.nextInt(200);
        int fromY = 100 + random.nextInt(500);
        double angle = random.nextDouble() * 2 * Math.PI;
        double distance = 300 + random.nextInt(500);
        return AVERAGE_PERSON.stroke(fromX, fromY,
                (int) (fromX + 700 + Math.cos(angle) * distance), (int) (fromY + 300 + Math.sin(angle) * distance),
                40, random);
    }

    static List<TimedPoint> linearBotStroke(Random random) {
        int fromX = random.nextInt(300);
        int fromY = random.nextInt(300);
        return BotMotion.linearStroke(fromX, fromY, fromX + 200 + random.nextInt(900), fromY + random.nextInt(700), 25);
    }

    /** Chord over path length: 1 for a ruler-straight stroke. */
    static double pathEfficiency(List<TimedPoint> stroke) {
        double path = 0;
        for (int i = 1; i < stroke.size(); i++) {
            path += distance(stroke.get(i - 1), stroke.get(i));
        }
        return distance(stroke.get(0), stroke.get(stroke.size() - 1)) / path;
    }

    /** Speed between consecutive samples, px/ms. */
    static double[] speeds(List<TimedPoint> stroke) {
        double[] speeds = new double[stroke.size() - 1];
        for (int i = 1; i < stroke.size(); i++) {
            speeds[i - 1] = distance(stroke.get(i - 1), stroke.get(i))
                    / Math.max(1, stroke.get(i).tMs() - stroke.get(i - 1).tMs());
        }
        return speeds;
    }

    /** When the stroke was fastest, as a share of its duration. */
    static double peakSpeedAt(List<TimedPoint> stroke) {
        double[] speeds = speeds(stroke);
        int peak = 0;
        for (int i = 1; i < speeds.length; i++) {
            if (speeds[i] > speeds[peak]) {
                peak = i;
            }
        }
        double mid = (stroke.get(peak).tMs() + stroke.get(peak + 1).tMs()) / 2.0;
        return mid / stroke.get(stroke.size() - 1).tMs();
    }

    static int duration(List<TimedPoint> stroke) {
        return stroke.get(stroke.size() - 1).tMs();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double coefficientOfVariation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length) / mean;
    }

    static double distance(TimedPoint a, TimedPoint b) {
        return Math.hypot(b.x() - a.x(), b.y() - a.y());
    }

    /** Key-down times of a session, epoch ms, in order. */
    static List<Long> keyDownTimes(List<TelemetryBatch> batches) {
        List<Long> times = new ArrayList<>();
        for (TelemetryBatch batch : batches) {
            for (int i = 0; i < batch.keys().size(); i++) {
                if (batch.keys().down()[i]) {
                    times.add(batch.startedAt() + batch.keys().t()[i]);
                }
            }
        }
        return times;
    }

    static long count(List<TelemetryBatch> batches, MouseKind kind) {
        long n = 0;
        for (TelemetryBatch batch : batches) {
            for (byte k : batch.mouse().kind()) {
                if (k == kind.code()) {
                    n++;
                }
            }
        }
        return n;
    }
}
