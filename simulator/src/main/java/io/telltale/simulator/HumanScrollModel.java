package io.telltale.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a person scrolls while reading: a few wheel notches in a quick burst, then a reading pause.
 * A mouse wheel moves the page 100 CSS px per notch in Chrome on Windows and Linux; a trackpad
 * gesture instead sends a stream of small deltas, one per frame, decaying with momentum.
 */
public final class HumanScrollModel {

    /** Page scroll per wheel notch in Chromium (deltaY of a notch, deltaMode pixels). */
    public static final int WHEEL_NOTCH_PX = 100;

    static final double NOTCH_INTERVAL_MEDIAN_MS = 70;
    static final double NOTCH_INTERVAL_SIGMA = 0.45;
    static final double READING_PAUSE_MEDIAN_MS = 1800;
    static final double READING_PAUSE_SIGMA = 0.6;
    /** Share of bursts that go back up the page. */
    static final double UPWARD_SHARE = 0.15;
    /** Momentum decay of a trackpad fling per 60 Hz frame. */
    static final double TRACKPAD_DECAY = 0.9;

    private final boolean trackpad;

    public HumanScrollModel(boolean trackpad) {
        this.trackpad = trackpad;
    }

    /** Scrolling while reading for about {@code durationMs}: bursts separated by reading pauses. */
    public List<ScrollStep> read(int durationMs, Random random) {
        List<ScrollStep> steps = new ArrayList<>();
        int t = 0;
        while (t < durationMs) {
            List<ScrollStep> burst = burst(random);
            for (ScrollStep step : burst) {
                steps.add(new ScrollStep(t + step.tMs(), step.dx(), step.dy()));
            }
            t += burst.get(burst.size() - 1).tMs();
            t += (int) (READING_PAUSE_MEDIAN_MS * Math.exp(random.nextGaussian() * READING_PAUSE_SIGMA));
        }
        return steps;
    }

    /** One burst of scrolling, starting at t = 0. */
    public List<ScrollStep> burst(Random random) {
        int direction = random.nextDouble() < UPWARD_SHARE ? -1 : 1;
        List<ScrollStep> steps = new ArrayList<>();
        if (trackpad) {
            double delta = HumanMotionModel.uniform(random, 20, 80);
            FrameClock clock = new FrameClock(random, 0.02, 0.05);
            int t = 0;
            while (delta >= 1) {
                steps.add(new ScrollStep(t, 0, direction * (int) Math.round(delta)));
                delta *= TRACKPAD_DECAY * HumanMotionModel.uniform(random, 0.97, 1.03);
                t = clock.next();
            }
        } else {
            int notches = 1 + geometric(random, 0.4);
            double t = 0;
            for (int i = 0; i < notches; i++) {
                steps.add(new ScrollStep((int) t, 0, direction * WHEEL_NOTCH_PX));
                t += NOTCH_INTERVAL_MEDIAN_MS * Math.exp(random.nextGaussian() * NOTCH_INTERVAL_SIGMA);
            }
        }
        return steps;
    }

    /** Failures before the first success, capped at 7. */
    private static int geometric(Random random, double p) {
        int n = 0;
        while (n < 7 && random.nextDouble() >= p) {
            n++;
        }
        return n;
    }
}
