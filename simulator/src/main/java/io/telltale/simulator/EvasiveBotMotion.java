package io.telltale.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pointer and keyboard input of the libraries people use to make automation look human, as
 * opposed to the plain framework calls of {@link BotMotion}:
 *
 * <ul>
 *   <li>{@link #bezierStroke}: the {@code ghost-cursor} npm package (Xetera, MIT): a cubic Bezier
 *       with two random anchors beside the line, as many points as a Fitts-law time asks for, and
 *       an overshoot past far targets followed by a short correction.
 *   <li>{@link #windMouseStroke}: WindMouse (Benjamin J. Land, 2005), the gravity-and-wind walk
 *       ported to Python, JavaScript and Java bot kits.
 *   <li>{@link #replayed}: a recorded human trajectory played back with position noise and a
 *       time warp, the cheapest way to look human.
 *   <li>{@link #gaussianTyping}: key presses at normally distributed intervals and holds.
 * </ul>
 *
 * Every point is integer CSS pixels and integer milliseconds since the stroke began, strictly
 * increasing in time; the first point is the start, the last the target.
 */
public final class EvasiveBotMotion {

    /** ghost-cursor: targets farther than this get an overshoot ({@code overshootThreshold}). */
    static final double OVERSHOOT_THRESHOLD_PX = 500;
    /** ghost-cursor: the overshoot lands within this radius of the target ({@code overshootRadius}). */
    static final double OVERSHOOT_RADIUS_PX = 120;
    /** ghost-cursor: anchor spread of the correction after an overshoot ({@code overshootSpread}). */
    static final double OVERSHOOT_SPREAD_PX = 10;
    /** ghost-cursor: anchor spread is the distance clamped to [2, 200] px. */
    static final double MIN_SPREAD_PX = 2;
    static final double MAX_SPREAD_PX = 200;
    /** ghost-cursor's default target width in its Fitts term, px. */
    static final double DEFAULT_TARGET_WIDTH_PX = 100;
    /** ghost-cursor {@code minSteps}. */
    static final int MIN_STEPS = 25;

    /** WindMouse defaults from Land's original: gravity, wind, max step, wind-damping distance. */
    static final double WIND_GRAVITY = 9;
    static final double WIND_WIND = 3;
    static final double WIND_MAX_STEP = 15;
    static final double WIND_DAMP_DISTANCE = 12;
    /** WindMouse ports sleep a few ms between steps; browsers then deliver one event per step. */
    static final int WIND_MIN_WAIT_MS = 8;
    static final int WIND_MAX_WAIT_MS = 20;

    private EvasiveBotMotion() {}

    /**
     * ghost-cursor's {@code path(from, to)} followed by {@code page.mouse.move} per point: one
     * point dispatched per frame (16–17 ms), as CDP input lands on consecutive frames.
     *
     * @param moveSpeed ghost-cursor's {@code moveSpeed}; 0 means random, as its default
     */
    public static List<TimedPoint> bezierStroke(int fromX, int fromY, int toX, int toY, double moveSpeed, Random random) {
        List<double[]> path = new ArrayList<>();
        double distance = Math.hypot(toX - fromX, toY - fromY);
        if (distance > OVERSHOOT_THRESHOLD_PX) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double radius = random.nextDouble() * OVERSHOOT_RADIUS_PX;
            double ox = toX + radius * Math.cos(angle);
            double oy = toY + radius * Math.sin(angle);
            bezierPath(fromX, fromY, ox, oy, clampSpread(distance), moveSpeed, random, path);
            bezierPath(ox, oy, toX, toY, OVERSHOOT_SPREAD_PX, moveSpeed, random, path);
        } else {
            bezierPath(fromX, fromY, toX, toY, clampSpread(distance), moveSpeed, random, path);
        }
        List<TimedPoint> points = new ArrayList<>(path.size() + 1);
        points.add(new TimedPoint(0, fromX, fromY));
        int t = 0;
        int frame = 0;
        for (double[] p : path) {
            int x = (int) Math.round(p[0]);
            int y = (int) Math.round(p[1]);
            TimedPoint last = points.get(points.size() - 1);
            if (x == last.x() && y == last.y()) {
                continue;
            }
            t += BotMotion.STEADY_FRAME_MS[frame++ % BotMotion.STEADY_FRAME_MS.length];
            points.add(new TimedPoint(t, x, y));
        }
        TimedPoint last = points.get(points.size() - 1);
        if (last.x() != toX || last.y() != toY) {
            points.add(new TimedPoint(t + BotMotion.STEADY_FRAME_MS[0], toX, toY));
        }
        return points;
    }

    private static double clampSpread(double distance) {
        return Math.max(MIN_SPREAD_PX, Math.min(MAX_SPREAD_PX, distance));
    }

    /**
     * ghost-cursor {@code path}: steps from Fitts' law ({@code fitts = 2 * log2(d / w + 1)},
     * {@code steps = ceil((log2(fitts + 1) + baseTime) * 3)}, {@code baseTime = speed * minSteps}),
     * points evenly spaced in the curve parameter between two anchors placed at random on the
     * perpendicular side of the line, within {@code spread}.
     */
    private static void bezierPath(
            double x0, double y0, double x1, double y1, double spread, double moveSpeed, Random random, List<double[]> out) {
        double distance = Math.hypot(x1 - x0, y1 - y0);
        double speed = moveSpeed > 0 ? 25 / moveSpeed : random.nextDouble();
        double baseTime = speed * MIN_STEPS;
        double fitts = 2 * log2(distance / DEFAULT_TARGET_WIDTH_PX + 1);
        int steps = (int) Math.ceil((log2(fitts + 1) + baseTime) * 3);
        // Anchors: two random points along the line, pushed out on the same side by up to spread.
        double nx = distance == 0 ? 0 : -(y1 - y0) / distance;
        double ny = distance == 0 ? 0 : (x1 - x0) / distance;
        double side = random.nextBoolean() ? 1 : -1;
        double[] a = new double[2];
        double[] b = new double[2];
        double sa = random.nextDouble();
        double sb = random.nextDouble();
        double first = Math.min(sa, sb);
        double second = Math.max(sa, sb);
        double pa = side * random.nextDouble() * spread;
        double pb = side * random.nextDouble() * spread;
        a[0] = x0 + (x1 - x0) * first + nx * pa;
        a[1] = y0 + (y1 - y0) * first + ny * pa;
        b[0] = x0 + (x1 - x0) * second + nx * pb;
        b[1] = y0 + (y1 - y0) * second + ny * pb;
        for (int i = 1; i <= steps; i++) {
            double u = (double) i / steps;
            double v = 1 - u;
            double x = v * v * v * x0 + 3 * v * v * u * a[0] + 3 * v * u * u * b[0] + u * u * u * x1;
            double y = v * v * v * y0 + 3 * v * v * u * a[1] + 3 * v * u * u * b[1] + u * u * u * y1;
            out.add(new double[] {x, y});
        }
    }

    /**
     * WindMouse: each step the velocity is pulled toward the target (gravity) and pushed by a
     * wandering wind that calms near the target; steps are capped and shrink on arrival.
     */
    public static List<TimedPoint> windMouseStroke(int fromX, int fromY, int toX, int toY, Random random) {
        List<TimedPoint> points = new ArrayList<>();
        points.add(new TimedPoint(0, fromX, fromY));
        double x = fromX;
        double y = fromY;
        double vx = 0;
        double vy = 0;
        double wx = 0;
        double wy = 0;
        double maxStep = WIND_MAX_STEP;
        double sqrt3 = Math.sqrt(3);
        double sqrt5 = Math.sqrt(5);
        int t = 0;
        int guard = 0;
        double dist;
        while ((dist = Math.hypot(toX - x, toY - y)) >= 1 && guard++ < 10_000) {
            double wind = Math.min(WIND_WIND, dist);
            if (dist >= WIND_DAMP_DISTANCE) {
                wx = wx / sqrt3 + (2 * random.nextDouble() - 1) * wind / sqrt5;
                wy = wy / sqrt3 + (2 * random.nextDouble() - 1) * wind / sqrt5;
            } else {
                wx /= sqrt3;
                wy /= sqrt3;
                if (maxStep < 3) {
                    maxStep = random.nextDouble() * 3 + 3;
                } else {
                    maxStep /= sqrt5;
                }
            }
            vx += wx + WIND_GRAVITY * (toX - x) / dist;
            vy += wy + WIND_GRAVITY * (toY - y) / dist;
            double v = Math.hypot(vx, vy);
            if (v > maxStep) {
                double clip = maxStep / 2 + random.nextDouble() * maxStep / 2;
                vx = vx / v * clip;
                vy = vy / v * clip;
            }
            x += vx;
            y += vy;
            int px = (int) Math.round(x);
            int py = (int) Math.round(y);
            TimedPoint last = points.get(points.size() - 1);
            if (px != last.x() || py != last.y()) {
                t += WIND_MIN_WAIT_MS + random.nextInt(WIND_MAX_WAIT_MS - WIND_MIN_WAIT_MS + 1);
                points.add(new TimedPoint(t, px, py));
            }
        }
        TimedPoint last = points.get(points.size() - 1);
        if (last.x() != toX || last.y() != toY) {
            points.add(new TimedPoint(t + WIND_MIN_WAIT_MS, toX, toY));
        }
        return points;
    }

    /**
     * A recorded trajectory played back: every position moved by Gaussian noise of
     * {@code noisePx} (rounded to whole pixels), time stretched by {@code warp} and wobbled by up to
     * {@code wobbleMs} per sample, kept strictly increasing. The first point stays where it was, so
     * a replay can start where the pointer is.
     */
    public static List<TimedPoint> replayed(List<TimedPoint> recorded, double noisePx, double warp, int wobbleMs, Random random) {
        List<TimedPoint> points = new ArrayList<>(recorded.size());
        int origin = recorded.get(0).tMs();
        int lastT = -1;
        for (int i = 0; i < recorded.size(); i++) {
            TimedPoint p = recorded.get(i);
            int t = (int) Math.round((p.tMs() - origin) * warp) + (i == 0 || wobbleMs == 0 ? 0 : random.nextInt(2 * wobbleMs + 1) - wobbleMs);
            t = Math.max(lastT + 1, t);
            int x = i == 0 ? p.x() : (int) Math.round(p.x() + random.nextGaussian() * noisePx);
            int y = i == 0 ? p.y() : (int) Math.round(p.y() + random.nextGaussian() * noisePx);
            points.add(new TimedPoint(t, x, y));
            lastT = t;
        }
        return points;
    }

    /**
     * Typing with normally distributed intervals between presses and holds, as "humanised" typing
     * helpers draw them ({@code random.gauss(mean, sd)}), floored at what a browser can deliver.
     */
    public static List<Keystroke> gaussianTyping(
            CharSequence text, double intervalMeanMs, double intervalSdMs, double dwellMeanMs, double dwellSdMs, Random random) {
        List<Keystroke> strokes = new ArrayList<>(text.length());
        int t = 0;
        for (int i = 0; i < text.length(); i++) {
            int dwell = (int) Math.max(5, Math.round(dwellMeanMs + random.nextGaussian() * dwellSdMs));
            strokes.add(new Keystroke(t, t + dwell, Keystroke.classOf(text.charAt(i))));
            t += (int) Math.max(10, Math.round(intervalMeanMs + random.nextGaussian() * intervalSdMs));
        }
        return strokes;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}
