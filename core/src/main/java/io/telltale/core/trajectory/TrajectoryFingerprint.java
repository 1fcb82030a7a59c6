package io.telltale.core.trajectory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A session's mouse-trajectory fingerprint: the {@link #MAX_SHAPES} smallest of the shape hashes
 * of its complete strokes ({@link StrokeShapes}), a bottom-k sketch. Bottom-k keeps it bounded and
 * mergeable in any order — the union's smallest k are the smallest k of the parts' smallest k — and
 * consistent: a shape two sessions share is kept by both unless either has k smaller ones. Two
 * sessions replaying the same recorded movement share many shapes; two people almost never share
 * one (docs/cross-session-patterns.md measures both). 31 bits are plenty: two sets of 32 random
 * hashes share one by chance with probability about 5e-7, and a match needs several.
 *
 * <p>Not thread-safe.
 */
public final class TrajectoryFingerprint {

    /** Shapes kept per session: 4 bytes each in state, 8 hex digits each on the final risk score. */
    public static final int MAX_SHAPES = 32;

    private final int[] shapes = new int[MAX_SHAPES];
    private int size;

    public TrajectoryFingerprint() {}

    /** Adds one shape hash; a duplicate, or one larger than every kept one in a full sketch, changes nothing. */
    public void add(int shape) {
        int at = Arrays.binarySearch(shapes, 0, size, shape);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (insert >= MAX_SHAPES) {
            return;
        }
        int moved = Math.min(size, MAX_SHAPES - 1) - insert;
        System.arraycopy(shapes, insert, shapes, insert + 1, moved);
        shapes[insert] = shape;
        size = Math.min(size + 1, MAX_SHAPES);
    }

    public void merge(TrajectoryFingerprint other) {
        for (int i = 0; i < other.size; i++) {
            add(other.shapes[i]);
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The kept shape hashes, ascending. */
    public int[] shapes() {
        return Arrays.copyOf(shapes, size);
    }

    /** The kept shapes as 8 hex digits each, ascending: the wire form. */
    public List<String> toHex() {
        List<String> hex = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            hex.add(HexFormat.of().toHexDigits(shapes[i]));
        }
        return hex;
    }

    /** How many shapes two sessions share. */
    public int shared(TrajectoryFingerprint other) {
        int n = 0;
        for (int i = 0, j = 0; i < size && j < other.size; ) {
            int c = Integer.compare(shapes[i], other.shapes[j]);
            if (c == 0) {
                n++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    public TrajectoryFingerprint copy() {
        TrajectoryFingerprint copy = new TrajectoryFingerprint();
        System.arraycopy(shapes, 0, copy.shapes, 0, size);
        copy.size = size;
        return copy;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(size);
        for (int i = 0; i < size; i++) {
            out.writeInt(shapes[i]);
        }
    }

    public static TrajectoryFingerprint readFrom(DataInput in) throws IOException {
        int n = in.readUnsignedByte();
        if (n > MAX_SHAPES) {
            throw new IOException("trajectory fingerprint of " + n + " shapes, more than " + MAX_SHAPES);
        }
        TrajectoryFingerprint f = new TrajectoryFingerprint();
        for (int i = 0; i < n; i++) {
            f.add(in.readInt());
        }
        return f;
    }
}
