package io.telltale.simulator;

import java.util.Random;

/**
 * When a browser delivers pointer events: Chrome and Firefox coalesce {@code mousemove} to
 * animation frames, so on a 60 Hz display samples arrive every 16 or 17 ms (integer
 * {@code event.timeStamp} rounding of 16.67 ms), now and then a frame later when the main thread
 * was busy.
 */
final class FrameClock {

    /** One frame at 60 Hz, the most common desktop refresh rate. */
    static final double FRAME_MS = 1000.0 / 60.0;

    private final Random random;
    private final double droppedFrameProbability;
    private final double jitterProbability;
    private double exact;
    private int last;

    /**
     * @param droppedFrameProbability chance that a frame delivers no event (long task, GC)
     * @param jitterProbability       chance that a timestamp is off by a millisecond
     */
    FrameClock(Random random, double droppedFrameProbability, double jitterProbability) {
        this.random = random;
        this.droppedFrameProbability = droppedFrameProbability;
        this.jitterProbability = jitterProbability;
        // The stroke starts somewhere inside a frame.
        this.exact = random.nextDouble();
        this.last = 0;
    }

    /** The next event time, strictly after the previous one. */
    int next() {
        exact += FRAME_MS;
        while (random.nextDouble() < droppedFrameProbability) {
            exact += FRAME_MS;
        }
        int t = (int) Math.round(exact);
        if (jitterProbability > 0 && random.nextDouble() < jitterProbability) {
            t += random.nextBoolean() ? 1 : -1;
        }
        last = Math.max(last + 1, t);
        return last;
    }
}
