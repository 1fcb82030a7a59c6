package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Count, mean and sum of squared deviations of a stream of values, updated with Welford's method
 * and merged with Chan et al.'s pairwise formula ("Updating formulae and a pairwise algorithm for
 * computing sample variances", 1979), so that two summaries of disjoint parts of a stream combine
 * into the summary of the whole without keeping the values.
 */
final class RunningMoments {

    private static final RunningMoments EMPTY = new RunningMoments();
    private long count;
    private double mean;
    private double squaredDeviations;

    void add(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
    }

    void merge(RunningMoments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(other);
            return;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / total;
        squaredDeviations += other.squaredDeviations + delta * delta * ((double) count * other.count / total);
        count = total;
    }

    /** Forgets everything, as a new instance would, without allocating one. */
    void clear() {
        copyFrom(EMPTY);
    }

    void copyFrom(RunningMoments other) {
        count = other.count;
        mean = other.mean;
        squaredDeviations = other.squaredDeviations;
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Population standard deviation. */
    double std() {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0.0, squaredDeviations / count));
    }

    /**
     * Standard deviation over mean; NaN below {@code minCount} values or when the mean is zero,
     * where a ratio would claim a precision the data does not have.
     */
    double coefficientOfVariation(long minCount) {
        if (count < minCount || count == 0 || !(mean > 0.0)) {
            return Double.NaN;
        }
        return std() / mean;
    }

    double meanIfAtLeast(long minCount) {
        return count >= minCount && count > 0 ? mean : Double.NaN;
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, count);
        if (count > 0) {
            out.writeDouble(mean);
            out.writeDouble(squaredDeviations);
        }
    }

    void readFrom(DataInput in) throws IOException {
        count = BinaryForm.readVarLong(in);
        if (count > 0) {
            mean = in.readDouble();
            squaredDeviations = in.readDouble();
        } else {
            mean = 0.0;
            squaredDeviations = 0.0;
        }
    }
}
