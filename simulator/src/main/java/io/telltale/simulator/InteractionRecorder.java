package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one simulated session did, in ms since the session started, as the SDK would have
 * captured it before cutting batches: the pointer, keys, scrolling and which page was open when.
 * Behaviour models write here; {@link BatchCutter} reads it.
 */
final class InteractionRecorder {

    record MouseSample(int t, int x, int y, MouseKind kind) {}

    record KeySample(int t, boolean down, KeyClass keyClass) {}

    record PageVisit(int startMs, String route) {}

    private final List<MouseSample> mouse = new ArrayList<>();
    private final List<KeySample> keys = new ArrayList<>();
    private final List<ScrollStep> scroll = new ArrayList<>();
    private final List<PageVisit> pages = new ArrayList<>();
    private int now;
    private int x;
    private int y;

    InteractionRecorder(int pointerX, int pointerY) {
        this.x = pointerX;
        this.y = pointerY;
    }

    int now() {
        return now;
    }

    int pointerX() {
        return x;
    }

    int pointerY() {
        return y;
    }

    void advance(int ms) {
        now += Math.max(0, ms);
    }

    void enterPage(String route) {
        pages.add(new PageVisit(now, route));
    }

    /** Plays a stroke starting now; its first point is where the pointer already is. */
    void stroke(List<TimedPoint> points) {
        for (int i = 1; i < points.size(); i++) {
            TimedPoint p = points.get(i);
            mouse.add(new MouseSample(now + p.tMs(), p.x(), p.y(), MouseKind.MOVE));
        }
        TimedPoint last = points.get(points.size() - 1);
        now += last.tMs();
        x = last.x();
        y = last.y();
    }

    /** Puts the pointer somewhere without any event, as a synthetic click on coordinates does. */
    void jump(int newX, int newY) {
        x = newX;
        y = newY;
    }

    /** A button event where the pointer is, {@code afterMs} from now (now does not move). */
    void button(MouseKind kind, int afterMs) {
        mouse.add(new MouseSample(now + afterMs, x, y, kind));
    }

    /** Plays keystrokes starting now; now moves to the last release. */
    void keystrokes(List<Keystroke> strokes) {
        int end = now;
        for (Keystroke k : strokes) {
            keys.add(new KeySample(now + k.downMs(), true, k.keyClass()));
            keys.add(new KeySample(now + k.upMs(), false, k.keyClass()));
            end = Math.max(end, now + k.upMs());
        }
        now = end;
    }

    /**
     * Plays scrolling starting now; now moves to the last step. Wheel-driven scrolling also shows
     * as a WHEEL sample at the pointer.
     */
    void scroll(List<ScrollStep> steps, boolean wheel) {
        for (ScrollStep step : steps) {
            scroll.add(new ScrollStep(now + step.tMs(), step.dx(), step.dy()));
            if (wheel) {
                mouse.add(new MouseSample(now + step.tMs(), x, y, MouseKind.WHEEL));
            }
        }
        if (!steps.isEmpty()) {
            now += steps.get(steps.size() - 1).tMs();
        }
    }

    List<MouseSample> mouse() {
        List<MouseSample> sorted = new ArrayList<>(mouse);
        sorted.sort(Comparator.comparingInt(MouseSample::t));
        return sorted;
    }

    List<KeySample> keys() {
        List<KeySample> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt(KeySample::t));
        return sorted;
    }

    List<ScrollStep> scroll() {
        List<ScrollStep> sorted = new ArrayList<>(scroll);
        sorted.sort(Comparator.comparingInt(ScrollStep::tMs));
        return sorted;
    }

    List<PageVisit> pages() {
        return List.copyOf(pages);
    }
}
