package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Summary of a time-ordered run of scroll events: interval and step-size moments, first and last time. */
final class ScrollRhythm extends TimeOrderedRun<ScrollRhythm> {

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

    void resetToSample(long t, int dx, int dy) {
        events = 1;
        interval.clear();
        delta.clear();
        delta.add(Kinematics.length(dx, dy));
        pauses = 0;
        firstT = lastT = t;
    }

    @Override
    boolean isEmpty() {
        return events == 0;
    }

    @Override
    void stitchEdgesOf(ScrollRhythm later) {
        long gap = later.firstT - lastT;
        if (gap <= MAX_INTERVAL_MS) {
            interval.add(gap);
            if (gap > PAUSE_MS) {
                pauses++;
            }
        }
    }

    @Override
    void addInteriorOf(ScrollRhythm other) {
        events += other.events;
        interval.merge(other.interval);
        delta.merge(other.delta);
        pauses += other.pauses;
    }

    @Override
    ScrollRhythm newEmpty() {
        return new ScrollRhythm();
    }

    @Override
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
