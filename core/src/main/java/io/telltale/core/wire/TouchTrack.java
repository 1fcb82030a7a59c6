package io.telltale.core.wire;

/**
 * Touch samples of one batch: {@code t} ms since batch start, integer CSS pixels, a
 * {@link TouchPhase#code()} per sample. {@code radius} (CSS px) and {@code force} (0..1) are
 * {@code null} when the browser does not report them; otherwise as long as {@code t}.
 */
public record TouchTrack(int[] t, int[] x, int[] y, byte[] phase, float[] radius, float[] force) {
    public static final TouchTrack EMPTY =
            new TouchTrack(new int[0], new int[0], new int[0], new byte[0], null, null);

    public int size() {
        return t.length;
    }
}
