package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Count, mean and the second and third central moment sums of a stream of values, merged with
 * Pébay's pairwise formulas ("Formulas for robust, one-pass parallel computation of covariances
 * and arbitrary-order statistical moments", Sandia report SAND2008-6212), so two summaries of
 * disjoint parts of a stream combine exactly into the summary of the whole. It gives the
 * skewness: human key intervals are right-skewed (a long tail of hesitations), intervals drawn
 * from a Gaussian or uniform jitter are symmetric.
 */
final class SkewMoments {

    private long count;
    private double mean;
    private double m2;
    private double m3;

    void add(double value) {
        long n = count + 1;
        double delta = value - mean;
        double deltaN = delta / n;
        double term = delta * deltaN * count;
        m3 += term * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term;
        mean += deltaN;
        count = n;
    }

    void merge(SkewMoments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(other);
            return;
        }
        double na = count;
        double nb = other.count;
        double n = na + nb;
        double delta = other.mean - mean;
        m3 += other.m3 + delta * delta * delta * na * nb * (na - nb) / (n * n)
                + 3 * delta * (na * other.m2 - nb * m2) / n;
        m2 += other.m2 + delta * delta * na * nb / n;
        mean += delta * nb / n;
        count += other.count;
    }

    void clear() {
        count = 0;
        mean = 0;
        m2 = 0;
        m3 = 0;
    }

    void copyFrom(SkewMoments other) {
        count = other.count;
        mean = other.mean;
        m2 = other.m2;
        m3 = other.m3;
    }

    long count() {
        return count;
    }

    /** Sample skewness g1 = sqrt(n) m3 / m2^1.5; NaN below {@code minCount} values or without spread. */
    double skewness(long minCount) {
        if (count < minCount || !(m2 > 0)) {
            return Double.NaN;
        }
        return Math.sqrt(count) * m3 / Math.pow(m2, 1.5);
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, count);
        if (count > 0) {
            out.writeDouble(mean);
            out.writeDouble(m2);
            out.writeDouble(m3);
        }
    }

    void readFrom(DataInput in) throws IOException {
        clear();
        count = BinaryForm.readVarLong(in);
        if (count < 0) {
            throw new IOException("negative count: " + count);
        }
        if (count > 0) {
            mean = in.readDouble();
            m2 = in.readDouble();
            m3 = in.readDouble();
        }
    }
}
