package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A person's input as timed events for a browser automation tool to replay (Playwright's
 * {@code page.mouse} and {@code page.keyboard}): strokes from {@link HumanMotionModel}, typing from
 * {@link HumanTypingModel}, reaction and click timing as {@link HumanVisitor} has them. This is how
 * the end-to-end tests drive a real browser like a person, where the simulator writes wire-format
 * batches directly.
 */
public final class HumanInputScript {

    /** One input event, {@code tMs} from the start of the script. */
    public record Event(int tMs, String type, Integer x, Integer y, String key) {
        static Event move(int t, int x, int y) {
            return new Event(t, "move", x, y, null);
        }

        static Event button(int t, String type) {
            return new Event(t, type, null, null, null);
        }

        static Event key(int t, String type, String key) {
            return new Event(t, type, null, null, key);
        }
    }

    private final Random random;
    private final HumanMotionModel motion;
    private final HumanTypingModel typing;
    private final List<Event> events = new ArrayList<>();
    private int now;
    private int x;
    private int y;

    /** A random person (their own Fitts and typing constants), starting with the pointer at (x, y). */
    public HumanInputScript(long seed, int startX, int startY) {
        this.random = new Random(seed);
        this.motion = HumanMotionModel.randomPerson(random);
        this.typing = HumanTypingModel.randomPerson(random);
        this.x = startX;
        this.y = startY;
    }

    /** After a reaction time, one aimed stroke onto a target (viewport CSS px), not at its exact centre. */
    public HumanInputScript moveTo(int left, int top, int width, int height) {
        now += logNormal(HumanVisitor.REACTION_MEDIAN_MS, 0.35);
        Target target = new Target("target", left, top, width, height);
        int aimX = target.centerX() + (int) ((random.nextDouble() - 0.5) * width * 0.4);
        int aimY = target.centerY() + (int) ((random.nextDouble() - 0.5) * height * 0.4);
        List<TimedPoint> stroke = motion.stroke(x, y, aimX, aimY, target.fittsWidth(), random);
        for (TimedPoint p : stroke.subList(1, stroke.size())) {
            events.add(Event.move(now + p.tMs(), p.x(), p.y()));
        }
        TimedPoint last = stroke.get(stroke.size() - 1);
        now += last.tMs();
        x = last.x();
        y = last.y();
        return this;
    }

    /** Press and release where the pointer is. */
    public HumanInputScript click() {
        now += logNormal(90, 0.5);
        int hold = logNormal(HumanVisitor.CLICK_HOLD_MEDIAN_MS, 0.25);
        events.add(Event.button(now, "down"));
        events.add(Event.button(now + hold, "up"));
        now += hold;
        return this;
    }

    /**
     * Types {@code text} into the focused field, after moving the hand to the keyboard: the
     * typing model's rhythm, Shift for capitals and symbols, and its typos (a wrong letter, then
     * Backspace) as real keys.
     */
    public HumanInputScript type(String text) {
        now += logNormal(HumanVisitor.HOMING_MEDIAN_MS, 0.3);
        List<Keystroke> strokes = typing.type(text, random);
        List<Keystroke> keys = strokes.stream().filter(k -> k.keyClass() != KeyClass.MODIFIER).toList();
        int next = 0;
        int end = now;
        for (Keystroke k : strokes) {
            String key;
            if (k.keyClass() == KeyClass.MODIFIER) {
                key = "Shift";
            } else {
                int i = keys.indexOf(k);
                boolean typo = i + 1 < keys.size() && keys.get(i + 1).keyClass() == KeyClass.BACKSPACE
                        && k.keyClass() != KeyClass.BACKSPACE;
                if (k.keyClass() == KeyClass.BACKSPACE) {
                    key = "Backspace";
                } else if (typo) {
                    key = text.charAt(next) == 'q' ? "w" : "q";
                } else {
                    key = String.valueOf(text.charAt(next++));
                }
            }
            events.add(Event.key(now + k.downMs(), "keydown", key));
            events.add(Event.key(now + k.upMs(), "keyup", key));
            end = Math.max(end, now + k.upMs());
        }
        now = end;
        return this;
    }

    /** Nothing for a while (reading, thinking). */
    public HumanInputScript pause(int ms) {
        now += ms;
        return this;
    }

    /** The events so far, in time order (a stable sort: a keyup never overtakes its keydown). */
    public List<Event> events() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingInt(Event::tMs));
        return sorted;
    }

    private int logNormal(double median, double sigma) {
        return (int) Math.round(median * Math.exp(random.nextGaussian() * sigma));
    }
}
