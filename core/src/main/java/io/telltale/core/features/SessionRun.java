package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The summary of a run of batches with consecutive client sequence numbers
 * ({@code firstSequence..lastSequence}): one time-ordered stretch of the session with edge state
 * at both ends. Two runs are stitched exactly when one's sequence follows the other's.
 */
final class SessionRun {
    long firstSequence;
    long lastSequence;
    final MouseMotion mouse = new MouseMotion();
    final KeystrokeRhythm keys = new KeystrokeRhythm();
    final ScrollRhythm scroll = new ScrollRhythm();
    final TouchContacts touch = new TouchContacts();
    final PointerGrid grid = new PointerGrid();
    final PressTravel pressTravel = new PressTravel();

    boolean overlaps(SessionRun other) {
        return firstSequence <= other.lastSequence && other.firstSequence <= lastSequence;
    }

    /** True when {@code later}'s batches directly follow this run's. */
    boolean isFollowedBy(SessionRun later) {
        return lastSequence != Long.MAX_VALUE && lastSequence + 1 == later.firstSequence;
    }

    /**
     * Folds in a run that follows or overlaps this one. Each modality orders the two by time:
     * stitched when one ends before the other starts, otherwise combined without stitching.
     */
    void merge(SessionRun other) {
        mouse.merge(other.mouse);
        keys.merge(other.keys);
        scroll.merge(other.scroll);
        touch.merge(other.touch);
        grid.merge(other.grid);
        pressTravel.merge(other.pressTravel);
        widenSequences(other);
    }

    /** Folds in a run not known to be adjacent: moments add up, nothing is computed across the gap. */
    void absorb(SessionRun other) {
        mouse.absorbOverlapping(other.mouse);
        keys.absorbOverlapping(other.keys);
        scroll.absorbOverlapping(other.scroll);
        touch.absorbOverlapping(other.touch);
        grid.absorbOverlapping(other.grid);
        pressTravel.absorbOverlapping(other.pressTravel);
        widenSequences(other);
    }

    private void widenSequences(SessionRun other) {
        firstSequence = Math.min(firstSequence, other.firstSequence);
        lastSequence = Math.max(lastSequence, other.lastSequence);
    }

    long firstT() {
        return Math.min(Math.min(mouse.firstT, keys.firstT), Math.min(scroll.firstT, touch.firstT));
    }

    long lastT() {
        return Math.max(Math.max(mouse.lastT, keys.lastT), Math.max(scroll.lastT, touch.lastT));
    }

    SessionRun copy() {
        SessionRun copy = new SessionRun();
        copy.firstSequence = firstSequence;
        copy.lastSequence = lastSequence;
        copy.mouse.copyFrom(mouse);
        copy.keys.copyFrom(keys);
        copy.scroll.copyFrom(scroll);
        copy.touch.copyFrom(touch);
        copy.grid.copyFrom(grid);
        copy.pressTravel.copyFrom(pressTravel);
        return copy;
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, firstSequence);
        BinaryForm.writeVarLong(out, lastSequence - firstSequence);
        mouse.writeTo(out);
        keys.writeTo(out);
        scroll.writeTo(out);
        touch.writeTo(out);
        mouse.writeShapeTo(out);
        keys.writeShapeTo(out);
        grid.writeTo(out);
        keys.writeWordStructureTo(out);
        keys.writeTailTo(out);
        pressTravel.writeTo(out);
    }

    /**
     * @param version the accumulator's binary form: before 3 there is no shape state, before 4 no
     *     pointer grid, before 6 no word structure of typing, before 7 no movement ends, before 8 no
     *     histogram of key intervals (they stay empty); before 9 pending clicks carry their times,
     *     before 10 the pointer grid has no presses, before 11 no travel before presses (graded from then on)
     */
    static SessionRun readFrom(DataInput in, int version) throws IOException {
        SessionRun run = new SessionRun();
        run.firstSequence = BinaryForm.readVarLong(in);
        run.lastSequence = run.firstSequence + BinaryForm.readVarLong(in);
        run.mouse.readFrom(in, version);
        run.keys.readFrom(in);
        run.scroll.readFrom(in);
        run.touch.readFrom(in);
        if (version >= 3) {
            run.mouse.readShapeFrom(in);
            run.keys.readShapeFrom(in);
        }
        if (version >= 4) {
            run.grid.readFrom(in, version);
        }
        if (version >= 6) {
            run.keys.readWordStructureFrom(in);
        } else {
            run.keys.forgetEdgeClasses();
        }
        if (version >= 8) {
            run.keys.readTailFrom(in);
        }
        if (version >= 11) {
            run.pressTravel.readFrom(in, run.grid);
        } else {
            run.pressTravel.takeEdgesOf(run.grid);
        }
        return run;
    }
}
