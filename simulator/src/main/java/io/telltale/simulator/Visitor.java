package io.telltale.simulator;

import java.util.Random;

/**
 * The one who drives a simulated session, as the primitive page interactions the session script
 * is made of. Each implementation writes what its actor would produce into the recorder.
 */
abstract class Visitor {

    final Random random;
    final InteractionRecorder recorder;

    Visitor(Random random, InteractionRecorder recorder) {
        this.random = random;
        this.recorder = recorder;
    }

    static Visitor of(Actor actor, BrowserProfile profile, Random random, InteractionRecorder recorder) {
        return actor == Actor.HUMAN
                ? new HumanVisitor(profile, random, recorder)
                : new BotVisitor(actor, random, recorder);
    }

    /** The page has loaded: orientation before doing anything. */
    abstract void arrive(ShopPage page);

    /** Brings the pointer onto the target (or not at all, for bots that click by coordinates). */
    abstract void moveTo(Target target);

    /** Clicks where the pointer is. */
    abstract void click();

    /** Types into the focused field. */
    abstract void type(String text);

    /** Presses Enter to submit the focused field. */
    abstract void pressEnter();

    /** Spends some time on the page content: reading, scrolling, idle pointer movement. */
    abstract void read(ShopPage page);

    /** Waits for the next page after a navigation. */
    void awaitNavigation() {
        recorder.advance(250 + random.nextInt(900));
    }

    final void moveAndClick(Target target) {
        moveTo(target);
        click();
    }
}
