package io.telltale.evaluation;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one normalisation every source goes through before features, datasets and generated bots
 * alike, so that no source differs from another by how its numbers were written down:
 *
 * <ol>
 *   <li>times are rounded to integer ms and ordered (stably: same-ms events keep their order);
 *   <li>positions are rounded to integer CSS pixels;
 *   <li>event-rate policy, what a browser's {@code mousemove} delivers: at most one move per ms
 *       (a burst of moves stamped the same ms keeps its last position, as a browser coalescing
 *       them into one event would), and no move that does not move (the pointer must change
 *       position since the previous sample). Button events are always kept, with their position;
 *   <li>wheel notches are dropped from the pointer track: only Balabit has them, without deltas,
 *       and scrolling is not evaluated here;
 *   <li>keys become a key class at keydown and keyup; a row whose keyup precedes its keydown is
 *       dropped (the key value is never kept).
 * </ol>
 *
 * Every dropped or merged sample is counted in {@link DropCounts} so the report can say how many.
 */
public final class Normalisation {

    private Normalisation() {}

    /** A pointer sample as a source wrote it: ms (any resolution), CSS px (any resolution). */
    public record RawMouse(double tMs, double x, double y, MouseKind kind) {}

    /** One key press as a source wrote it: keydown and keyup ms, and the key's class. */
    public record RawKey(double downMs, double upMs, KeyClass keyClass) {}

    /**
     * @param startEpochMs epoch ms that the (relative) raw times count from; raw times may also be
     *                     epoch ms with {@code startEpochMs == 0}, they are re-based on the first
     */
    public static Recording normalise(
            String source, String family, boolean bot, String userId, String sessionId, long startEpochMs,
            List<RawMouse> mouse, List<RawKey> keys, DeviceInfo device, String userAgent, DropCounts drops) {
        long origin = Long.MAX_VALUE;
        for (RawMouse m : mouse) {
            origin = Math.min(origin, Math.round(m.tMs()));
        }
        for (RawKey k : keys) {
            origin = Math.min(origin, Math.round(k.downMs()));
        }
        if (origin == Long.MAX_VALUE) {
            origin = 0;
        }

        List<long[]> samples = new ArrayList<>(mouse.size());
        for (RawMouse m : mouse) {
            if (m.kind() == MouseKind.WHEEL) {
                drops.add(source, "wheel notch (not a pointer sample)");
                continue;
            }
            samples.add(new long[] {Math.round(m.tMs()) - origin, Math.round(m.x()), Math.round(m.y()), m.kind().code()});
        }
        samples.sort(Comparator.comparingLong(s -> s[0]));
        int n = 0;
        long[][] kept = new long[samples.size()][];
        for (long[] s : samples) {
            boolean move = s[3] == MouseKind.MOVE.code();
            if (move && n > 0) {
                long[] previous = kept[n - 1];
                if (previous[3] == MouseKind.MOVE.code() && previous[0] == s[0]) {
                    drops.add(source, "move in the same ms as the previous move (coalesced)");
                    kept[n - 1] = s;
                    if (n > 1 && kept[n - 2][1] == s[1] && kept[n - 2][2] == s[2]) {
                        // the coalesced move ends where the sample before it was: no movement left
                        n--;
                        drops.add(source, "move without movement");
                    }
                    continue;
                }
                if (previous[1] == s[1] && previous[2] == s[2]) {
                    drops.add(source, "move without movement");
                    continue;
                }
            }
            kept[n++] = s;
        }
        int[] t = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.toIntExact(kept[i][0]);
            x[i] = (int) kept[i][1];
            y[i] = (int) kept[i][2];
            kind[i] = (byte) kept[i][3];
        }

        List<long[]> keyEvents = new ArrayList<>(2 * keys.size());
        for (RawKey k : keys) {
            long down = Math.round(k.downMs()) - origin;
            long up = Math.round(k.upMs()) - origin;
            if (up < down) {
                drops.add(source, "key released before pressed");
                continue;
            }
            keyEvents.add(new long[] {down, 1, k.keyClass().code()});
            keyEvents.add(new long[] {up, 0, k.keyClass().code()});
        }
        keyEvents.sort(Comparator.comparingLong(e -> e[0]));
        int[] kt = new int[keyEvents.size()];
        boolean[] kd = new boolean[keyEvents.size()];
        byte[] kc = new byte[keyEvents.size()];
        for (int i = 0; i < kt.length; i++) {
            long[] e = keyEvents.get(i);
            kt[i] = Math.toIntExact(e[0]);
            kd[i] = e[1] == 1;
            kc[i] = (byte) e[2];
        }
        return new Recording(source, family, bot, userId, sessionId, startEpochMs + origin, t, x, y, kind, kt, kd, kc,
                device, userAgent);
    }
}
