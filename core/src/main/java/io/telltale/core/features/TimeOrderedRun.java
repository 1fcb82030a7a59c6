package io.telltale.core.features;

/**
 * Summary of a time-ordered run of one modality's samples ({@link MouseMotion},
 * {@link KeystrokeRhythm}, {@link ScrollRhythm}, {@link TouchContacts}): moments and counts of
 * its interior plus the edge state at both ends.
 *
 * <p>Batches of a session arrive late, out of order and sometimes twice, so two runs are merged
 * exactly when one ends before the other starts (stitched: every term that spans the boundary is
 * computed from the edge state) and approximately when they overlap in time (the interiors add
 * up, nothing is computed across). The same {@link #append} folds a run sample by sample, so the
 * sequential and the merged paths are one code path.
 */
abstract class TimeOrderedRun<R extends TimeOrderedRun<R>> {

    /** Time of the first sample; {@code Long.MAX_VALUE} when empty. Each subclass copies and serializes it. */
    long firstT = Long.MAX_VALUE;

    /** Time of the last sample; {@code Long.MIN_VALUE} when empty. */
    long lastT = Long.MIN_VALUE;

    abstract boolean isEmpty();

    /** A new empty run of the same kind. */
    abstract R newEmpty();

    final R copy() {
        R copy = newEmpty();
        copy.copyFrom(self());
        return copy;
    }

    abstract void copyFrom(R other);

    /** Adds the other run's moments and counts, which do not depend on what lies next to them. */
    abstract void addInteriorOf(R other);

    /**
     * Computes the terms that span the boundary to {@code later} from the two runs' facing edges,
     * and takes over {@code later}'s trailing edge state. Called after {@link #addInteriorOf} and
     * before {@link #lastT} moves to {@code later}'s.
     */
    abstract void stitchEdgesOf(R later);

    /**
     * Folds in what an overlapping run's edge state still tells once nothing can be stitched.
     * By default it tells nothing: this run keeps its edges and the other's are dropped.
     */
    void absorbEdgesOf(R other) {
    }

    /** Folds in a summary of any part of the session: stitched when ordered, combined when overlapping. */
    final void merge(R other) {
        if (other.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(other);
        } else if (lastT <= other.firstT) {
            append(other);
        } else if (other.lastT <= firstT) {
            R combined = other.copy();
            combined.append(self());
            copyFrom(combined);
        } else {
            mergeOverlapping(other);
        }
    }

    /** The last step of {@link #merge} when the two runs overlap in time. */
    void mergeOverlapping(R other) {
        absorbOverlapping(other);
    }

    /** Stitches {@code later}, which starts at or after this run's last sample, onto the end. */
    final void append(R later) {
        if (later.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(later);
            return;
        }
        addInteriorOf(later);
        stitchEdgesOf(later);
        lastT = later.lastT;
    }

    /** Combines a run that overlaps this one in time or is not adjacent to it: nothing is computed across. */
    final void absorbOverlapping(R other) {
        if (other.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(other);
            return;
        }
        addInteriorOf(other);
        absorbEdgesOf(other);
        firstT = Math.min(firstT, other.firstT);
        lastT = Math.max(lastT, other.lastT);
    }

    @SuppressWarnings("unchecked")
    private R self() {
        return (R) this;
    }
}
