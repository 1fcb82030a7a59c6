package io.telltale.core.wire;

/**
 * Mouse samples of one batch, columnar. {@code t} is ms since the batch start, {@code x}/{@code y}
 * integer CSS pixels in the viewport, {@code kind} a {@link MouseKind#code()} per sample.
 */
public record MouseTrack(int[] t, int[] x, int[] y, byte[] kind) {
    public static final MouseTrack EMPTY = new MouseTrack(new int[0], new int[0], new int[0], new byte[0]);

    public int size() {
        return t.length;
    }
}
