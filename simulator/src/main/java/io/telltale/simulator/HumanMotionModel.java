package io.telltale.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a person moves a mouse onto a target: one aimed stroke, sampled as a browser would report
 * it.
 *
 * <ul>
 *   <li><b>Duration</b> from Fitts' law in MacKenzie's Shannon formulation,
 *       {@code MT = a + b·log2(D/W + 1)} (MacKenzie 1992, "Fitts' law as a research and design tool
 *       in human-computer interaction"; mouse pointing studies report a ≈ 0.1–0.2 s and
 *       b ≈ 0.1–0.2 s/bit, e.g. Soukoreff &amp; MacKenzie 2004), with trial-to-trial variance.</li>
 *   <li><b>Velocity profile</b> of each submovement from the minimum-jerk model (Flash &amp; Hogan
 *       1985): progress {@code s(τ) = 10τ³ − 15τ⁴ + 6τ⁵}, so speed is bell-shaped and peaks
 *       mid-movement.</li>
 *   <li><b>Curvature</b>: hand movements pivot at wrist and elbow, so paths bow to one side; a
 *       lateral bump {@code h·sin(π·p^γ)} of 4–20 % of the distance, random side and skew.</li>
 *   <li><b>Submovements</b> (Meyer et al. 1988, optimized submovement model): on a share of long
 *       moves the primary submovement ends at 90–105 % of the distance, and a small corrective
 *       submovement follows after a short pause.</li>
 *   <li><b>Hesitations</b>: now and then the hand stops part-way and goes on.</li>
 *   <li><b>Physiological tremor</b> of 8–12 Hz and 0.5–1 px (Elble &amp; Koller 1990).</li>
 *   <li><b>Endpoints</b> scatter normally around the aimed point with σ = W/4.133, the spread
 *       behind Fitts' effective width (Soukoreff &amp; MacKenzie 2004).</li>
 *   <li><b>Sampling</b> at 60 Hz browser frames with integer-ms timestamps, dropped frames and
 *       ms jitter; positions are integer CSS px and a sample is only emitted when the position
 *       changed, as {@code mousemove} only fires on movement.</li>
 * </ul>
 *
 * <p>Stateless apart from the person's Fitts constants; all randomness comes from the caller's
 * {@link Random}, so a seeded Random reproduces a stroke exactly.
 */
public final class HumanMotionModel {

    /** Fitts intercept a in seconds, middle of the 0.1–0.2 s range reported for mice. */
    public static final double DEFAULT_FITTS_INTERCEPT_S = 0.15;
    /** Fitts slope b in seconds per bit, middle of the 0.1–0.2 s/bit range reported for mice. */
    public static final double DEFAULT_FITTS_SLOPE_S_PER_BIT = 0.15;

    /** Trial-to-trial spread of movement time (log-normal σ); pointing MT varies ~10–20 % per trial. */
    static final double MOVEMENT_TIME_SIGMA = 0.12;
    /** Lateral bow of the path as a share of the distance. */
    static final double CURVATURE_MIN = 0.04;
    static final double CURVATURE_MAX = 0.20;
    static final double CURVATURE_MAX_PX = 120;
    /** Moves at least this long may be made of a primary and a corrective submovement. */
    static final double SUBMOVEMENT_MIN_DISTANCE_PX = 200;
    /**
     * Share of those moves with a corrective submovement. Meyer et al. find one after most primary
     * submovements aimed at small targets; at 0.35 the simulated people moved more smoothly and
     * slowed into fewer of their ends on the 200 ms grid than Balabit's people (evaluation/README.md,
     * "Simulated people: more corrective submovements").
     */
    static final double SUBMOVEMENT_PROBABILITY = 0.7;
    static final double PRIMARY_REACH_MIN = 0.90;
    static final double PRIMARY_REACH_MAX = 1.05;
    static final double HESITATION_PROBABILITY = 0.06;
    static final int HESITATION_MIN_MS = 60;
    static final int HESITATION_MAX_MS = 220;
    static final double TREMOR_HZ_MIN = 8;
    static final double TREMOR_HZ_MAX = 12;
    static final double TREMOR_AMPLITUDE_MIN_PX = 0.5;
    static final double TREMOR_AMPLITUDE_MAX_PX = 1.0;
    /** Effective target width We = 4.133·σ of the endpoint distribution (Soukoreff &amp; MacKenzie 2004). */
    static final double EFFECTIVE_WIDTH_PER_SIGMA = 4.133;
    static final double DROPPED_FRAME_PROBABILITY = 0.03;
    static final double TIMESTAMP_JITTER_PROBABILITY = 0.05;

    private final double interceptS;
    private final double slopeSPerBit;

    public HumanMotionModel() {
        this(DEFAULT_FITTS_INTERCEPT_S, DEFAULT_FITTS_SLOPE_S_PER_BIT);
    }

    /** A person with their own Fitts constants (seconds and seconds per bit). */
    public HumanMotionModel(double fittsInterceptS, double fittsSlopeSPerBit) {
        if (fittsInterceptS < 0 || fittsSlopeSPerBit <= 0) {
            throw new IllegalArgumentException("Fitts constants must be positive: a=" + fittsInterceptS + " b=" + fittsSlopeSPerBit);
        }
        this.interceptS = fittsInterceptS;
        this.slopeSPerBit = fittsSlopeSPerBit;
    }

    /** A random person: a and b drawn uniformly from the 0.1–0.2 s (per bit) ranges. */
    public static HumanMotionModel randomPerson(Random random) {
        return new HumanMotionModel(uniform(random, 0.10, 0.20), uniform(random, 0.10, 0.20));
    }

    /** Fitts' law movement time in ms, without trial noise. */
    public double movementTimeMs(double distancePx, double targetWidthPx) {
        double width = Math.max(1, targetWidthPx);
        return 1000 * (interceptS + slopeSPerBit * log2(distancePx / width + 1));
    }

    /**
     * A stroke from the pointer's position onto a target. The first sample is the start point at
     * t = 0; the last is where the pointer comes to rest, within the target around the aimed point.
     *
     * @param targetWidth size of the target along the approach, CSS px (Fitts' W)
     */
    public List<TimedPoint> stroke(int fromX, int fromY, int toX, int toY, int targetWidth, Random random) {
        double width = Math.max(2, targetWidth);
        double sigma = width / EFFECTIVE_WIDTH_PER_SIGMA;
        double half = width / 2;
        double endX = toX + clamp(random.nextGaussian() * sigma, -half, half);
        double endY = toY + clamp(random.nextGaussian() * sigma, -half, half);
        double distance = Math.hypot(endX - fromX, endY - fromY);

        List<Submovement> plan = new ArrayList<>(3);
        double total = movementTimeMs(distance, width) * Math.exp(random.nextGaussian() * MOVEMENT_TIME_SIGMA);
        if (distance >= SUBMOVEMENT_MIN_DISTANCE_PX && random.nextDouble() < SUBMOVEMENT_PROBABILITY) {
            // Primary submovement lands short or long along the line, a little off to the side.
            double reach = uniform(random, PRIMARY_REACH_MIN, PRIMARY_REACH_MAX);
            double ux = (endX - fromX) / distance;
            double uy = (endY - fromY) / distance;
            double side = random.nextGaussian() * sigma;
            double midX = fromX + ux * distance * reach - uy * side;
            double midY = fromY + uy * distance * reach + ux * side;
            double primaryMs = total * uniform(random, 0.80, 0.95);
            plan.add(aimed(fromX, fromY, midX, midY, 0, primaryMs, random));
            double pause = uniform(random, 20, 110);
            double correction = Math.hypot(endX - midX, endY - midY);
            double correctionMs = movementTimeMs(correction, width) * Math.exp(random.nextGaussian() * MOVEMENT_TIME_SIGMA);
            plan.add(straight(midX, midY, endX, endY, primaryMs + pause, correctionMs));
        } else if (distance >= SUBMOVEMENT_MIN_DISTANCE_PX && random.nextDouble() < HESITATION_PROBABILITY) {
            // The hand stops part-way along the same bow, then goes on.
            Submovement whole = aimed(fromX, fromY, endX, endY, 0, total, random);
            double split = uniform(random, 0.35, 0.7);
            double firstMs = total * split * 0.9;
            double pause = uniform(random, HESITATION_MIN_MS, HESITATION_MAX_MS);
            plan.add(whole.part(0, split, 0, firstMs));
            plan.add(whole.part(split, 1, firstMs + pause, total * (1 - split) * 1.1));
        } else {
            plan.add(aimed(fromX, fromY, endX, endY, 0, total, random));
        }
        return sample(fromX, fromY, endX, endY, plan, random);
    }

    private List<TimedPoint> sample(int fromX, int fromY, double endX, double endY, List<Submovement> plan, Random random) {
        Tremor tremor = new Tremor(random);
        Submovement last = plan.get(plan.size() - 1);
        double endMs = last.startMs + last.durationMs;
        List<TimedPoint> points = new ArrayList<>((int) (endMs / FrameClock.FRAME_MS) + 2);
        points.add(new TimedPoint(0, fromX, fromY));
        FrameClock clock = new FrameClock(random, DROPPED_FRAME_PROBABILITY, TIMESTAMP_JITTER_PROBABILITY);
        int finalX = (int) Math.round(endX);
        int finalY = (int) Math.round(endY);
        int t;
        while ((t = clock.next()) < endMs) {
            Submovement current = plan.get(0);
            for (Submovement candidate : plan) {
                if (candidate.startMs <= t) {
                    current = candidate;
                }
            }
            double[] p = current.at(t);
            int x = (int) Math.round(p[0] + tremor.dx(t));
            int y = (int) Math.round(p[1] + tremor.dy(t));
            addIfMoved(points, t, x, y);
        }
        addIfMoved(points, t, finalX, finalY);
        return points;
    }

    private static void addIfMoved(List<TimedPoint> points, int t, int x, int y) {
        TimedPoint previous = points.get(points.size() - 1);
        if (previous.x() != x || previous.y() != y) {
            points.add(new TimedPoint(t, x, y));
        }
    }

    private static Submovement aimed(double x0, double y0, double x1, double y1, double startMs, double durationMs, Random random) {
        double distance = Math.hypot(x1 - x0, y1 - y0);
        double bow = Math.min(CURVATURE_MAX_PX, distance * uniform(random, CURVATURE_MIN, CURVATURE_MAX));
        double side = random.nextBoolean() ? 1 : -1;
        double skew = uniform(random, 0.7, 1.4);
        return new Submovement(x0, y0, x1, y1, side * bow, skew, 0, 1, startMs, durationMs);
    }

    private static Submovement straight(double x0, double y0, double x1, double y1, double startMs, double durationMs) {
        return new Submovement(x0, y0, x1, y1, 0, 1, 0, 1, startMs, durationMs);
    }

    /**
     * A minimum-jerk movement along a bowed path, covering path progress {@code from..to} of it
     * (the whole path unless split by a hesitation).
     */
    private record Submovement(
            double x0, double y0, double x1, double y1, double bow, double skew,
            double from, double to, double startMs, double durationMs) {

        Submovement part(double newFrom, double newTo, double newStartMs, double newDurationMs) {
            return new Submovement(x0, y0, x1, y1, bow, skew, newFrom, newTo, newStartMs, newDurationMs);
        }

        double[] at(double tMs) {
            double tau = clamp((tMs - startMs) / durationMs, 0, 1);
            double progress = from + (to - from) * minimumJerk(tau);
            double dx = x1 - x0;
            double dy = y1 - y0;
            double length = Math.hypot(dx, dy);
            double lateral = bow * Math.sin(Math.PI * Math.pow(progress, skew));
            double nx = length == 0 ? 0 : -dy / length;
            double ny = length == 0 ? 0 : dx / length;
            return new double[] {x0 + dx * progress + nx * lateral, y0 + dy * progress + ny * lateral};
        }
    }

    /** Flash &amp; Hogan (1985): position share covered at normalised time τ for minimum jerk. */
    static double minimumJerk(double tau) {
        double t3 = tau * tau * tau;
        return t3 * (10 - 15 * tau + 6 * tau * tau);
    }

    /** Two sinusoids near 10 Hz, one per axis, zero at the stroke start. */
    private static final class Tremor {
        private final double amplitude;
        private final double omegaX;
        private final double omegaY;
        private final double phaseX;
        private final double phaseY;

        Tremor(Random random) {
            amplitude = uniform(random, TREMOR_AMPLITUDE_MIN_PX, TREMOR_AMPLITUDE_MAX_PX);
            omegaX = 2 * Math.PI * uniform(random, TREMOR_HZ_MIN, TREMOR_HZ_MAX) / 1000;
            omegaY = 2 * Math.PI * uniform(random, TREMOR_HZ_MIN, TREMOR_HZ_MAX) / 1000;
            phaseX = uniform(random, 0, 2 * Math.PI);
            phaseY = uniform(random, 0, 2 * Math.PI);
        }

        double dx(double tMs) {
            return amplitude * (Math.sin(omegaX * tMs + phaseX) - Math.sin(phaseX));
        }

        double dy(double tMs) {
            return amplitude * (Math.sin(omegaY * tMs + phaseY) - Math.sin(phaseY));
        }
    }

    static double uniform(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}
