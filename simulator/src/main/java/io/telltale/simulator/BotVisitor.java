package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import java.util.List;
import java.util.Random;

/**
 * An automation script driving a browser, one of the bot families of {@link Actor}. Each script
 * picks its settings once (steps per move, typing delay, waits), as a script's author would, and
 * keeps them for the whole session.
 */
final class BotVisitor extends Visitor {

    private static final int[] MOVE_STEPS = {10, 20, 25, 30};
    private static final int[] TYPING_INTERVALS_MS = {50, 80, 100, 120};
    private static final int[] TYPING_DWELLS_MS = {20, 30, 50};
    private static final int[] FIXED_WAITS_MS = {300, 500, 1000};
    /** The hesitation a careful ghost-cursor script sets: 150 to 600 ms, chosen once per script. */
    static final int HESITATE_MIN_MS = 150;
    static final int HESITATE_SPREAD_MS = 450;

    private final Actor actor;
    private final int steps;
    private final int typingIntervalMs;
    private final int typingDwellMs;
    private final int waitMs;
    private final int jitterPx;
    private final double pxPerMs;
    private final int clickHoldMs;
    /** ghost-cursor's {@code hesitate}: ms the pointer rests on the target before pressing; 0 for the others. */
    private final int hesitateMs;

    BotVisitor(Actor actor, Random random, InteractionRecorder recorder) {
        super(random, recorder);
        if (!actor.isBot()) {
            throw new IllegalArgumentException(actor + " is not a bot");
        }
        this.actor = actor;
        this.steps = MOVE_STEPS[random.nextInt(MOVE_STEPS.length)];
        this.typingIntervalMs = TYPING_INTERVALS_MS[random.nextInt(TYPING_INTERVALS_MS.length)];
        this.typingDwellMs = TYPING_DWELLS_MS[random.nextInt(TYPING_DWELLS_MS.length)];
        this.waitMs = FIXED_WAITS_MS[random.nextInt(FIXED_WAITS_MS.length)];
        this.jitterPx = 1 + random.nextInt(2);
        this.pxPerMs = HumanMotionModel.uniform(random, 0.8, 1.6);
        this.clickHoldMs = actor == Actor.HEADLESS_BOT ? 50 + random.nextInt(50) : 0;
        this.hesitateMs = actor == Actor.HESITANT_BEZIER_BOT ? HESITATE_MIN_MS + random.nextInt(HESITATE_SPREAD_MS) : 0;
    }

    @Override
    void arrive(ShopPage page) {
        // page.waitForLoadState() then a fixed waitForTimeout; stealthier scripts randomise it uniformly.
        recorder.advance(actor == Actor.LINEAR_BOT || actor == Actor.UNIFORM_TYPING_BOT || actor == Actor.TELEPORT_BOT
                        || actor == Actor.UNIFORM_DELAY_TYPING_BOT
                ? waitMs
                : waitMs / 2 + random.nextInt(waitMs));
    }

    @Override
    void moveTo(Target target) {
        int x = target.centerX();
        int y = target.centerY();
        int fromX = recorder.pointerX();
        int fromY = recorder.pointerY();
        switch (actor) {
            case LINEAR_BOT, UNIFORM_TYPING_BOT, UNIFORM_DELAY_TYPING_BOT, GAUSSIAN_TYPING_BOT ->
                    recorder.stroke(BotMotion.linearStroke(fromX, fromY, x, y, steps));
            case BEZIER_BOT, HESITANT_BEZIER_BOT -> recorder.stroke(EvasiveBotMotion.bezierStroke(fromX, fromY, x, y, 0, random));
            case WINDMOUSE_BOT -> recorder.stroke(EvasiveBotMotion.windMouseStroke(fromX, fromY, x, y, random));
            case JITTER_BOT -> recorder.stroke(BotMotion.jitteredStroke(fromX, fromY, x, y, steps, jitterPx, 8, 30, random));
            case TELEPORT_BOT -> recorder.jump(x, y);
            case HEADLESS_BOT -> {
                int aimX = x + random.nextInt(target.width() / 2 + 1) - target.width() / 4;
                int aimY = y + random.nextInt(target.height() / 2 + 1) - target.height() / 4;
                recorder.stroke(BotMotion.easedStroke(fromX, fromY, aimX, aimY, pxPerMs));
            }
            default -> throw new IllegalStateException("not a bot: " + actor);
        }
    }

    @Override
    void click() {
        // The click is dispatched the moment the move resolves, or after the script's hesitation.
        recorder.advance(hesitateMs);
        recorder.button(MouseKind.DOWN, 0);
        recorder.button(MouseKind.UP, clickHoldMs);
        recorder.button(MouseKind.CLICK, clickHoldMs);
        recorder.advance(clickHoldMs);
    }

    @Override
    void type(String text) {
        switch (actor) {
            case UNIFORM_TYPING_BOT -> recorder.keystrokes(BotMotion.uniformTyping(text, typingIntervalMs, typingDwellMs, random.nextInt(2), random));
            case HEADLESS_BOT, UNIFORM_DELAY_TYPING_BOT ->
                    recorder.keystrokes(BotMotion.randomDelayTyping(text, 40, 160, typingDwellMs, random));
            case GAUSSIAN_TYPING_BOT -> recorder.keystrokes(EvasiveBotMotion.gaussianTyping(
                    text, typingIntervalMs + 60, 0.3 * (typingIntervalMs + 60), typingDwellMs + 50, 20, random));
            // locator.fill(): the value is set at once, no key events.
            default -> recorder.advance(5 + random.nextInt(20));
        }
    }

    @Override
    void pressEnter() {
        // keyboard.press('Enter') on the same beat as the typing before it.
        recorder.advance(actor == Actor.UNIFORM_TYPING_BOT ? typingIntervalMs - typingDwellMs : 10);
        recorder.keystrokes(List.of(BotMotion.press(KeyClass.ENTER, typingDwellMs)));
    }

    @Override
    void read(ShopPage page) {
        switch (actor) {
            case LINEAR_BOT, JITTER_BOT, HEADLESS_BOT, BEZIER_BOT, WINDMOUSE_BOT, HESITANT_BEZIER_BOT -> {
                if (random.nextBoolean()) {
                    // mouse.wheel(0, dy) in a loop with a fixed sleep.
                    int count = 2 + random.nextInt(5);
                    int dy = random.nextBoolean() ? 100 : 300;
                    recorder.scroll(BotMotion.uniformScroll(count, dy, waitMs / 2), true);
                }
                recorder.advance(waitMs);
            }
            default -> recorder.advance(waitMs);
        }
    }
}
