package io.telltale.simulator;

import java.util.Locale;

/** Who drives a simulated session: a person, or one of the bot families the detector should tell apart. */
public enum Actor {
    /** A person at a desktop browser: curved, bell-shaped strokes, tremor, corrections, typing rhythm. */
    HUMAN,
    /** Straight constant-speed moves at a steady frame rate, clicking on arrival (Playwright {@code mouse.move(x, y, {steps})}). */
    LINEAR_BOT,
    /** Linear paths with small uniform jitter and uniform random step timing. */
    JITTER_BOT,
    /** Clicks on targets with no movement in between: the pointer jumps. */
    TELEPORT_BOT,
    /** Fills forms key by key at constant intervals, with linear moves to the fields. */
    UNIFORM_TYPING_BOT,
    /** Human-ish but simple movement from an unmasked headless browser (webdriver flag, headless hints). */
    HEADLESS_BOT,
    /** ghost-cursor: Bezier curves with Fitts-law step counts and overshoot past far targets. */
    BEZIER_BOT,
    /** WindMouse: a gravity-and-wind random walk onto the target. */
    WINDMOUSE_BOT,
    /** Fills forms key by key with uniformly random intervals, linear moves to the fields. */
    UNIFORM_DELAY_TYPING_BOT,
    /** Fills forms key by key with normally distributed intervals and holds, linear moves to the fields. */
    GAUSSIAN_TYPING_BOT,
    /**
     * ghost-cursor with its {@code hesitate} option: the same Bezier moves, but the pointer rests on
     * the target for a while before the button goes down, as a careful script's author sets it.
     */
    HESITANT_BEZIER_BOT;

    public boolean isBot() {
        return this != HUMAN;
    }

    /** Lower-case name, e.g. {@code "human"}, {@code "linear_bot"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
