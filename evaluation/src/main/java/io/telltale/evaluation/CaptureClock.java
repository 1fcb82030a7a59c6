package io.telltale.evaluation;

import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When one source's capture reports the pointer: the sequences of intervals between consecutive
 * moves of its people while they move (gaps up to {@link #MAX_IN_MOTION_GAP_MS}), kept in their
 * recorded order so that bursts and coalescing patterns survive.
 *
 * <p>{@link #resample} replays another session's pointer through this capture: ticks follow one of
 * the recorded interval sequences from a random point, and at each tick the pointer is where the
 * other session last put it (sample and hold, integer px); a tick where it has not moved reports
 * nothing, as neither a browser nor an RDP client sends a move without movement. Button events
 * carry their own position and time, as every capture reports them. After this a score can only
 * use how the pointer moves, not how it was sampled.
 */
public final class CaptureClock {

    /** Longer gaps are the person stopping, not the capture's rhythm (the stroke break of core). */
    static final int MAX_IN_MOTION_GAP_MS = 300;
    /** Sequences shorter than this say little about a capture's rhythm. */
    static final int MIN_SEQUENCE = 20;

    private final String source;
    private final List<int[]> sequences;
    private final long intervals;

    private CaptureClock(String source, List<int[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no in-motion intervals for capture " + source);
        }
        this.source = source;
        this.sequences = sequences;
        this.intervals = sequences.stream().mapToLong(s -> s.length).sum();
    }

    /** The capture rhythm of these (normalised) recordings. */
    public static CaptureClock of(String source, List<Recording> recordings) {
        List<int[]> sequences = new ArrayList<>();
        for (Recording r : recordings) {
            int[] t = r.mouseT();
            byte[] kind = r.mouseKind();
            int[] gaps = new int[t.length];
            int n = 0;
            int previous = -1;
            for (int i = 0; i < t.length; i++) {
                if (kind[i] != MouseKind.MOVE.code()) {
                    continue;
                }
                if (previous >= 0) {
                    int gap = t[i] - t[previous];
                    if (gap > 0 && gap <= MAX_IN_MOTION_GAP_MS) {
                        gaps[n++] = gap;
                    }
                }
                previous = i;
            }
            if (n >= MIN_SEQUENCE) {
                sequences.add(java.util.Arrays.copyOf(gaps, n));
            }
        }
        return new CaptureClock(source, sequences);
    }

    public String source() {
        return source;
    }

    /** Median in-motion interval, ms: the capture's nominal rate. */
    public int medianIntervalMs() {
        int[] histogram = new int[MAX_IN_MOTION_GAP_MS + 1];
        for (int[] s : sequences) {
            for (int gap : s) {
                histogram[gap]++;
            }
        }
        long seen = 0;
        for (int gap = 0; gap < histogram.length; gap++) {
            seen += histogram[gap];
            if (2 * seen >= intervals) {
                return gap;
            }
        }
        return MAX_IN_MOTION_GAP_MS;
    }

    /** The session's pointer as this capture would have reported it; keys and device untouched. */
    public Recording resample(Recording r, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] t = r.mouseT();
        int[] x = r.mouseX();
        int[] y = r.mouseY();
        byte[] kind = r.mouseKind();
        if (t.length == 0) {
            return r;
        }
        int[] sequence = sequences.get(random.nextInt(sequences.size()));
        int position = random.nextInt(sequence.length);

        List<int[]> out = new ArrayList<>(t.length);
        int lastX = Integer.MIN_VALUE;
        int lastY = Integer.MIN_VALUE;
        // The capture's clock runs free of the pointer: its first tick falls somewhere in an interval.
        long tick = t[0] - random.nextInt(Math.max(1, sequence[position]));
        int i = 0; // next input sample not yet taken into the held position
        int heldX = x[0];
        int heldY = y[0];
        int end = t[t.length - 1];
        while (i < t.length || tick <= end) {
            // Button events strictly before the next tick are reported at their own time and place.
            while (i < t.length && t[i] <= tick) {
                heldX = x[i];
                heldY = y[i];
                if (kind[i] != MouseKind.MOVE.code()) {
                    out.add(new int[] {t[i], x[i], y[i], kind[i]});
                    lastX = x[i];
                    lastY = y[i];
                }
                i++;
            }
            if (tick >= t[0] && (heldX != lastX || heldY != lastY)) {
                out.add(new int[] {(int) tick, heldX, heldY, MouseKind.MOVE.code()});
                lastX = heldX;
                lastY = heldY;
            }
            if (i >= t.length && tick > end) {
                break;
            }
            if (i < t.length && heldX == lastX && heldY == lastY && t[i] - tick > MAX_IN_MOTION_GAP_MS) {
                // The pointer rests until t[i]: skip ahead by whole intervals of the clock (no reports).
                while (tick + sequence[position] < t[i]) {
                    tick += sequence[position];
                    position = (position + 1) % sequence.length;
                }
            }
            tick += sequence[position];
            position++;
            if (position == sequence.length) {
                sequence = sequences.get(random.nextInt(sequences.size()));
                position = 0;
            }
        }
        out.sort(java.util.Comparator.comparingInt(s -> s[0]));
        int n = out.size();
        int[] nt = new int[n];
        int[] nx = new int[n];
        int[] ny = new int[n];
        byte[] nk = new byte[n];
        for (int j = 0; j < n; j++) {
            int[] s = out.get(j);
            nt[j] = s[0];
            nx[j] = s[1];
            ny[j] = s[2];
            nk[j] = (byte) s[3];
        }
        return r.withMouse(nt, nx, ny, nk);
    }
}
