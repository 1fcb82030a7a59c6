package io.telltale.core.wire;

/** Scroll samples of one batch: {@code t} ms since batch start, page scroll deltas in CSS pixels. */
public record ScrollTrack(int[] t, int[] dx, int[] dy) {
    public static final ScrollTrack EMPTY = new ScrollTrack(new int[0], new int[0], new int[0]);

    public int size() {
        return t.length;
    }
}
