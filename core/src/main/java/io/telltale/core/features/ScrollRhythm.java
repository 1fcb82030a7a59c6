package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Summary of a time-ordered run of scroll events: interval and step-size moments, first and last time. */
final class ScrollRhythm {

    /**
     * A gap between scroll events longer than this is a reading pause. Wheel and touchpad scroll
     * events inside one gesture come every few tens of ms (frame-rate and wheel-notch cadence).
     */
    static final long PAUSE_MS = 500;

    /** Gaps longer than this are the user away, not scroll rhythm, and are not measured at all. */
    static final long MAX_INTERVAL_MS = 10_000;

    long events;
    final RunningMoments interval = new RunningMoments();
    final RunningMoments delta = new RunningMoments();
    long pauses;
    long firstT = Long.MAX_VALUE;
    long lastT = Long.MIN_VALUE;

    void resetToSample(long t, int dx, int dy) {
        events = 1;
        interval.copyFrom(new RunningMoments());
        delta.copyFrom(new RunningMoments());
        delta.add(Math.hypot(dx, dy));
        pauses = 0;
        firstT = lastT = t;
    }

    boolean isEmpty() {
        return events == 0;
    }

    void merge(ScrollRhythm other) {
        if (other.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(other);
        } else if (lastT <= other.firstT) {
            append(other);
        } else if (other.lastT <= firstT) {
            ScrollRhythm combined = other.copy();
            combined.append(this);
            copyFrom(combined);
        } else {
            absorbOverlapping(other);
        }
    }

    /** Combines a run that overlaps this one in time or is not adjacent to it: nothing is computed across. */
    void absorbOverlapping(ScrollRhythm other) {
        if (other.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(other);
            return;
        }
        // Overlapping runs: moments add up, no interval is measured across them.
        addInteriorOf(other);
        firstT = Math.min(firstT, other.firstT);
        lastT = Math.max(lastT, other.lastT);
    }

    void append(ScrollRhythm later) {
        if (later.isEmpty()) {
            return;
        }
        if (isEmpty()) {
            copyFrom(later);
            return;
        }
        addInteriorOf(later);
        long gap = later.firstT - lastT;
        if (gap <= MAX_INTERVAL_MS) {
            interval.add(gap);
            if (gap > PAUSE_MS) {
                pauses++;
            }
        }
        lastT = later.lastT;
    }

    private void addInteriorOf(ScrollRhythm other) {
        events += other.events;
        interval.merge(other.interval);
        delta.merge(other.delta);
        pauses += other.pauses;
    }

    ScrollRhythm copy() {
        ScrollRhythm copy = new ScrollRhythm();
        copy.copyFrom(this);
        return copy;
    }

    void copyFrom(ScrollRhythm o) {
        events = o.events;
        interval.copyFrom(o.interval);
        delta.copyFrom(o.delta);
        pauses = o.pauses;
        firstT = o.firstT;
        lastT = o.lastT;
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, events);
        if (events == 0) {
            return;
        }
        interval.writeTo(out);
        delta.writeTo(out);
        BinaryForm.writeVarLong(out, pauses);
        BinaryForm.writeVarLong(out, firstT);
        BinaryForm.writeVarLong(out, lastT - firstT);
    }

    void readFrom(DataInput in) throws IOException {
        events = BinaryForm.readVarLong(in);
        if (events == 0) {
            copyFrom(new ScrollRhythm());
            return;
        }
        interval.readFrom(in);
        delta.readFrom(in);
        pauses = BinaryForm.readVarLong(in);
        firstT = BinaryForm.readVarLong(in);
        lastT = firstT + BinaryForm.readVarLong(in);
    }
}
