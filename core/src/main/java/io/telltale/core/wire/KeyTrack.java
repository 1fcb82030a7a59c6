package io.telltale.core.wire;

/**
 * Keystroke timing of one batch, columnar: {@code t} ms since batch start, {@code down} true for
 * keydown and false for keyup, {@code keyClass} a {@link KeyClass#code()}. Never the key value.
 */
public record KeyTrack(int[] t, boolean[] down, byte[] keyClass) {
    public static final KeyTrack EMPTY = new KeyTrack(new int[0], new boolean[0], new byte[0]);

    public int size() {
        return t.length;
    }
}
