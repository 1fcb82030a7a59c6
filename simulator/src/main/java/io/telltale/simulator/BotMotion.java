package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pointer and keyboard input as automation frameworks produce it. Each generator is what a common
 * script does, not a caricature: Playwright's {@code mouse.move(x, y, {steps})} interpolates
 * linearly and dispatches one move per step; {@code keyboard.type(text, {delay})} presses every
 * character for the same time; stealth plugins add jitter and random delays, but uniform ones.
 */
public final class BotMotion {

    /** Steps are dispatched on consecutive frames: 16 and 17 ms alternating, no drops. */
    static final int[] STEADY_FRAME_MS = {17, 16, 17};
    /** Linear interpolation steps shorter than this are merged, as scripts choose steps per distance. */
    static final int MIN_STEP_PX = 12;

    private BotMotion() {}

    /**
     * A straight, constant-speed move in {@code steps} equal steps, one per frame at a steady
     * 16–17 ms; the pointer arrives exactly at the target.
     */
    public static List<TimedPoint> linearStroke(int fromX, int fromY, int toX, int toY, int steps) {
        int n = stepsFor(fromX, fromY, toX, toY, steps);
        List<TimedPoint> points = new ArrayList<>(n + 1);
        points.add(new TimedPoint(0, fromX, fromY));
        int t = 0;
        for (int i = 1; i <= n; i++) {
            t += STEADY_FRAME_MS[i % STEADY_FRAME_MS.length];
            double share = (double) i / n;
            points.add(new TimedPoint(t, lerp(fromX, toX, share), lerp(fromY, toY, share)));
        }
        return points;
    }

    /**
     * A linear move with every intermediate point displaced uniformly by up to {@code jitterPx} on
     * each axis and uniform random step intervals, as "humanising" add-ons do.
     */
    public static List<TimedPoint> jitteredStroke(
            int fromX, int fromY, int toX, int toY, int steps, int jitterPx, int minStepMs, int maxStepMs, Random random) {
        int n = stepsFor(fromX, fromY, toX, toY, steps);
        List<TimedPoint> points = new ArrayList<>(n + 1);
        points.add(new TimedPoint(0, fromX, fromY));
        int t = 0;
        for (int i = 1; i <= n; i++) {
            t += minStepMs + random.nextInt(maxStepMs - minStepMs + 1);
            double share = (double) i / n;
            int jx = i == n ? 0 : random.nextInt(2 * jitterPx + 1) - jitterPx;
            int jy = i == n ? 0 : random.nextInt(2 * jitterPx + 1) - jitterPx;
            points.add(new TimedPoint(t, lerp(fromX, toX, share) + jx, lerp(fromY, toY, share) + jy));
        }
        return points;
    }

    /**
     * A straight move with a smooth ease-in-out profile and a fixed duration per distance, on
     * perfect frames: what a simple "human-like" library produces. No tremor, no bow, no
     * corrections, no timing noise.
     */
    public static List<TimedPoint> easedStroke(int fromX, int fromY, int toX, int toY, double pxPerMs) {
        double distance = Math.hypot(toX - fromX, toY - fromY);
        double durationMs = Math.max(100, distance / pxPerMs);
        List<TimedPoint> points = new ArrayList<>();
        points.add(new TimedPoint(0, fromX, fromY));
        int t = 0;
        int i = 1;
        while (t < durationMs) {
            t += STEADY_FRAME_MS[i++ % STEADY_FRAME_MS.length];
            double share = HumanMotionModel.minimumJerk(Math.min(1, t / durationMs));
            TimedPoint point = new TimedPoint(t, lerp(fromX, toX, share), lerp(fromY, toY, share));
            TimedPoint previous = points.get(points.size() - 1);
            if (point.x() != previous.x() || point.y() != previous.y()) {
                points.add(point);
            }
        }
        return points;
    }

    /**
     * {@code keyboard.type(text, {delay})}: every key held for {@code dwellMs} and pressed every
     * {@code intervalMs}, give or take {@code wobbleMs} of timer granularity. No Shift, no
     * corrections: the framework sends the character itself.
     */
    public static List<Keystroke> uniformTyping(CharSequence text, int intervalMs, int dwellMs, int wobbleMs, Random random) {
        List<Keystroke> strokes = new ArrayList<>(text.length());
        int t = 0;
        for (int i = 0; i < text.length(); i++) {
            int down = t + wobble(wobbleMs, random);
            strokes.add(new Keystroke(Math.max(0, down), Math.max(0, down) + dwellMs, Keystroke.classOf(text.charAt(i))));
            t += intervalMs;
        }
        return strokes;
    }

    /** Typing with a uniform random delay between presses and a constant hold. */
    public static List<Keystroke> randomDelayTyping(CharSequence text, int minIntervalMs, int maxIntervalMs, int dwellMs, Random random) {
        List<Keystroke> strokes = new ArrayList<>(text.length());
        int t = 0;
        for (int i = 0; i < text.length(); i++) {
            strokes.add(new Keystroke(t, t + dwellMs, Keystroke.classOf(text.charAt(i))));
            t += minIntervalMs + random.nextInt(maxIntervalMs - minIntervalMs + 1);
        }
        return strokes;
    }

    /** {@code mouse.wheel(0, dy)} repeated at a fixed interval: identical deltas, identical gaps. */
    public static List<ScrollStep> uniformScroll(int count, int dy, int intervalMs) {
        List<ScrollStep> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            steps.add(new ScrollStep(i * intervalMs, 0, dy));
        }
        return steps;
    }

    /** A single keystroke of the given class, held {@code dwellMs}. */
    static Keystroke press(KeyClass keyClass, int dwellMs) {
        return new Keystroke(0, dwellMs, keyClass);
    }

    private static int stepsFor(int fromX, int fromY, int toX, int toY, int steps) {
        double distance = Math.hypot(toX - fromX, toY - fromY);
        return (int) Math.max(1, Math.min(steps, Math.floor(distance / MIN_STEP_PX)));
    }

    private static int wobble(int wobbleMs, Random random) {
        return wobbleMs == 0 ? 0 : random.nextInt(2 * wobbleMs + 1) - wobbleMs;
    }

    private static int lerp(int from, int to, double share) {
        return (int) Math.round(from + (to - from) * share);
    }
}
