package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import java.util.List;
import java.util.Random;

/** A person at a desktop browser, with their own pointing, typing and scrolling habits. */
final class HumanVisitor extends Visitor {

    /** Simple reaction time before a movement starts, log-normal around 250 ms. */
    static final double REACTION_MEDIAN_MS = 250;
    /**
     * The pointer rests on the target before the press, log-normal around this: people settle
     * before they press. At 170 ms the simulated people's share of presses made while moving (60 s
     * median 0.07) is about Balabit's (0.09); at 90 ms it was 0.25 and more (PressesWhileMoving;
     * evaluation/README.md, "Clicks while moving").
     */
    static final double SETTLE_MEDIAN_MS = 170;
    /** Mouse button hold during a click, log-normal around 100 ms. */
    static final double CLICK_HOLD_MEDIAN_MS = 100;
    /** Moving the hand from mouse to keyboard before typing. */
    static final double HOMING_MEDIAN_MS = 450;
    static final double READING_MEDIAN_MS = 3500;

    private final HumanMotionModel motion;
    private final HumanTypingModel typing;
    private final HumanScrollModel scrolling;
    private final int viewportWidth;
    private final int viewportHeight;

    HumanVisitor(BrowserProfile profile, Random random, InteractionRecorder recorder) {
        super(random, recorder);
        this.motion = HumanMotionModel.randomPerson(random);
        this.typing = HumanTypingModel.randomPerson(random);
        this.scrolling = new HumanScrollModel(profile.trackpad());
        this.viewportWidth = Math.max(800, profile.viewportWidth());
        this.viewportHeight = Math.max(500, profile.viewportHeight());
    }

    @Override
    void arrive(ShopPage page) {
        recorder.advance(logNormal(600, 0.5));
        if (random.nextBoolean()) {
            drift();
        }
    }

    @Override
    void moveTo(Target target) {
        recorder.advance(logNormal(REACTION_MEDIAN_MS, 0.35));
        // People aim at the label or the middle, not the exact centre pixel.
        int aimX = target.centerX() + (int) ((random.nextDouble() - 0.5) * target.width() * 0.4);
        int aimY = target.centerY() + (int) ((random.nextDouble() - 0.5) * target.height() * 0.4);
        recorder.stroke(motion.stroke(recorder.pointerX(), recorder.pointerY(), aimX, aimY, target.fittsWidth(), random));
    }

    @Override
    void click() {
        recorder.advance(logNormal(SETTLE_MEDIAN_MS, 0.5));
        int hold = logNormal(CLICK_HOLD_MEDIAN_MS, 0.25);
        recorder.button(MouseKind.DOWN, 0);
        recorder.button(MouseKind.UP, hold);
        recorder.button(MouseKind.CLICK, hold);
        recorder.advance(hold);
    }

    @Override
    void type(String text) {
        recorder.advance(logNormal(HOMING_MEDIAN_MS, 0.3));
        recorder.keystrokes(typing.type(text, random));
    }

    @Override
    void pressEnter() {
        recorder.advance(logNormal(300, 0.4));
        recorder.keystrokes(List.of(new Keystroke(0, logNormal(95, 0.25), KeyClass.ENTER)));
    }

    @Override
    void read(ShopPage page) {
        int until = recorder.now() + logNormal(READING_MEDIAN_MS, 0.6);
        while (recorder.now() < until) {
            double choice = random.nextDouble();
            if (choice < 0.35) {
                recorder.scroll(scrolling.burst(random), true);
                recorder.advance(logNormal(700, 0.6));
            } else if (choice < 0.85) {
                drift();
            } else {
                recorder.advance(logNormal(1000, 0.5));
            }
        }
    }

    /** The pointer wanders while the eyes read: following the text, resting on something. */
    private void drift() {
        int x = clampTo(recorder.pointerX() + (int) (random.nextGaussian() * 200), 5, viewportWidth - 5);
        int y = clampTo(recorder.pointerY() + (int) (random.nextGaussian() * 120), 5, viewportHeight - 5);
        recorder.stroke(motion.stroke(recorder.pointerX(), recorder.pointerY(), x, y, 60, random));
        recorder.advance(logNormal(150, 0.6));
    }

    private int logNormal(double median, double sigma) {
        return (int) Math.round(median * Math.exp(random.nextGaussian() * sigma));
    }

    private static int clampTo(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
