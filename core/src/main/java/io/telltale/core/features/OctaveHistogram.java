package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Counts of intervals in quarter-octave bins (bin {@code b} holds {@code [2^(b/4), 2^((b+1)/4))}
 * ms; 0 and 1 ms share bin 0), up to {@link #MAX_MS}. Counts add, so two histograms of disjoint
 * parts of a stream merge exactly into the histogram of the whole, in any order. It gives what
 * moments cannot: the median, and the share of intervals far above it, unmoved by a few long
 * pauses. The bins are allocated on the first interval; a histogram that never saw one costs a
 * reference and one byte in the binary form.
 */
final class OctaveHistogram {

    /** Bins per octave: a bin spans a ratio of 2^(1/4), about 1.19. */
    static final int BINS_PER_OCTAVE = 4;
    /** The longest interval counted, ms (12 octaves). */
    static final long MAX_MS = 4095;
    static final int BINS = 12 * BINS_PER_OCTAVE;

    private int[] bins;
    private long count;

    /** Bin of an interval of {@code ms} (clamped to [0, {@link #MAX_MS}]). */
    static int binOf(long ms) {
        long clamped = Math.max(1, Math.min(MAX_MS, ms));
        // floor(4 * log2(ms)) exactly: the integer part from the leading bit, the quarter by comparing ms^4 with 2^(4k+q)
        int octave = 63 - Long.numberOfLeadingZeros(clamped);
        long fourth = clamped * clamped * clamped * clamped;
        int quarter = 0;
        while (quarter < BINS_PER_OCTAVE - 1 && fourth >= 1L << (BINS_PER_OCTAVE * octave + quarter + 1)) {
            quarter++;
        }
        return octave * BINS_PER_OCTAVE + quarter;
    }

    void add(long ms) {
        if (bins == null) {
            bins = new int[BINS];
        }
        bins[binOf(ms)]++;
        count++;
    }

    long count() {
        return count;
    }

    void merge(OctaveHistogram other) {
        if (other.count == 0) {
            return;
        }
        if (bins == null) {
            bins = new int[BINS];
        }
        for (int b = 0; b < BINS; b++) {
            bins[b] += other.bins[b];
        }
        count += other.count;
    }

    void copyFrom(OctaveHistogram other) {
        count = other.count;
        if (other.count == 0) {
            if (bins != null) {
                Arrays.fill(bins, 0);
            }
            return;
        }
        if (bins == null) {
            bins = new int[BINS];
        }
        System.arraycopy(other.bins, 0, bins, 0, BINS);
    }

    /**
     * The share of intervals at least twice the median, NaN when empty. The median is placed
     * inside its bin by rank (intervals spread evenly over a bin's log range), and twice it falls
     * at the same place one octave up, so the bin there counts in part.
     */
    double shareAtLeastTwiceMedian() {
        if (count == 0) {
            return Double.NaN;
        }
        double half = count / 2.0;
        long below = 0;
        int m = 0;
        while (below + bins[m] < half) {
            below += bins[m];
            m++;
        }
        double placeInBin = (half - below) / bins[m];
        int twice = m + BINS_PER_OCTAVE;
        if (twice >= BINS) {
            return 0;
        }
        double above = bins[twice] * (1 - placeInBin);
        for (int b = twice + 1; b < BINS; b++) {
            above += bins[b];
        }
        return above / count;
    }

    /** Sparse: the number of non-empty bins, then each one's index and count. */
    void writeTo(DataOutput out) throws IOException {
        int nonEmpty = 0;
        for (int b = 0; count > 0 && b < BINS; b++) {
            nonEmpty += bins[b] > 0 ? 1 : 0;
        }
        out.writeByte(nonEmpty);
        for (int b = 0; nonEmpty > 0 && b < BINS; b++) {
            if (bins[b] > 0) {
                out.writeByte(b);
                BinaryForm.writeVarInt(out, bins[b]);
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        copyFrom(EMPTY);
        int nonEmpty = in.readUnsignedByte();
        if (nonEmpty > BINS) {
            throw new IOException("histogram bins out of range: " + nonEmpty);
        }
        for (int i = 0; i < nonEmpty; i++) {
            int b = in.readUnsignedByte();
            int n = BinaryForm.readVarInt(in);
            if (b >= BINS || n <= 0) {
                throw new IOException("histogram bin out of range: " + b + " holding " + n);
            }
            if (bins == null) {
                bins = new int[BINS];
            }
            bins[b] += n;
            count += n;
        }
    }

    private static final OctaveHistogram EMPTY = new OctaveHistogram();
}
