package io.telltale.evaluation;

import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording's pointer track cut into mouse actions, as the Balabit mouse-dynamics literature
 * counts evidence (Antal &amp; Egyed-Zsigmond 2019, "Intrusion detection using mouse dynamics",
 * IET Biometrics: mouse move, point-and-click and drag-and-drop actions). Our definition: an
 * action is a run of pointer samples that ends
 *
 * <ul>
 *   <li>at a button release: a movement ending in a click (point-and-click), or a press, a
 *       movement with the button held and its release (drag-and-drop); or
 *   <li>before a pause of more than {@link #PAUSE_MS} without any sample: a movement that ended
 *       without a click (mouse move).
 * </ul>
 *
 * A run of fewer than {@link #MIN_SAMPLES} samples is no action (a stray sample or a lone click
 * with no movement) and is left out of the count, but its samples stay in the unit it falls in.
 */
public final class MouseActions {

    /** A gap without samples longer than this ends a mouse-move action. */
    public static final int PAUSE_MS = 10_000;
    /** Samples an action needs (a click alone is two). */
    public static final int MIN_SAMPLES = 4;

    private MouseActions() {}

    /** Sample index ranges {@code [from, to)} of the recording's actions, in time order. */
    public static List<int[]> of(Recording r) {
        List<int[]> actions = new ArrayList<>();
        int[] t = r.mouseT();
        byte[] kind = r.mouseKind();
        int start = 0;
        for (int i = 0; i < t.length; i++) {
            if (i > start && t[i] - t[i - 1] > PAUSE_MS) {
                close(actions, start, i);
                start = i;
            }
            if (kind[i] == MouseKind.UP.code()) {
                close(actions, start, i + 1);
                start = i + 1;
            }
        }
        close(actions, start, t.length);
        return actions;
    }

    private static void close(List<int[]> actions, int from, int to) {
        if (to - from >= MIN_SAMPLES) {
            actions.add(new int[] {from, to});
        }
    }
}
