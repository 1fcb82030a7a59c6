package io.telltale.core.features;

import io.telltale.core.wire.KeyClass;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Summary of a time-ordered run of key events (classes only, never key values): dwell (keyup
 * minus the matching keydown, matched first-in-first-out per key class, since the class is all we
 * know of a key) and flight (interval between successive keydowns). Edge state: the first and last
 * keydown time, keydowns still held at the end (a few per class), and keyups at the start that
 * found no keydown in the run (matched against the previous run's held keys when stitched).
 *
 * <p>Limit: a key held across a batch boundary while another key of the same class is pressed
 * and released in the next batch is matched differently than in one batch would be.
 */
final class KeystrokeRhythm extends TimeOrderedRun<KeystrokeRhythm> {

    /**
     * A key held longer than this is not typing (a held modifier, a lost keyup). Typical dwell
     * times are 50-200 ms (Dhakal et al. 2018, "Observations on typing from 136 million
     * keystrokes", the Aalto data set); 2 s keeps every plausible typing hold.
     */
    static final long MAX_DWELL_MS = 2000;

    /**
     * A gap between keydowns longer than this is a thinking or reading pause, not typing rhythm;
     * leaving those out keeps the pauses between sentences from dominating the flight statistics.
     */
    static final long MAX_FLIGHT_MS = 2000;

    /** Held keydowns kept per class; more than four keys of one class held at once is not typing. */
    static final int MAX_HELD_PER_CLASS = 4;

    /** Unmatched keyups at the start of a run kept for matching against the previous run. */
    static final int MAX_PENDING_KEYUPS = 8;

    static final int CLASSES = KeyClass.values().length;
    private static final int LETTER = KeyClass.LETTER.code();
    private static final int SPACE = KeyClass.SPACE.code();

    long events;
    long keydowns;
    final RunningMoments dwell = new RunningMoments();
    final RunningMoments flight = new RunningMoments();
    // shape of the distributions (binary form v3): skewness of dwell and flight, spread of log flight
    final SkewMoments dwellShape = new SkewMoments();
    final SkewMoments flightShape = new SkewMoments();
    final RunningMoments logFlight = new RunningMoments();
    // word structure (binary form v6): log flight between letters, and from a space to a letter
    // (the next word begins); a script that draws every interval alike has no difference there
    final RunningMoments withinWordLogFlight = new RunningMoments();
    final RunningMoments wordStartLogFlight = new RunningMoments();
    // the tail of the intervals (binary form v8): a script's jitter around one interval has none
    final OctaveHistogram flightOctaves = new OctaveHistogram();
    int firstKeydownClass;
    int lastKeydownClass;
    boolean hasKeydown;
    long firstKeydownT;
    long lastKeydownT;
    final int[] heldCount = new int[CLASSES];
    final long[][] heldSince = new long[CLASSES][MAX_HELD_PER_CLASS];
    int pendingKeyups;
    final int[] pendingKeyupClass = new int[MAX_PENDING_KEYUPS];
    final long[] pendingKeyupT = new long[MAX_PENDING_KEYUPS];

    private static final KeystrokeRhythm EMPTY = new KeystrokeRhythm();

    void resetToSample(long t, boolean down, int keyClass) {
        copyFrom(EMPTY);
        events = 1;
        firstT = lastT = t;
        int cls = keyClass >= 0 && keyClass < CLASSES ? keyClass : KeyClass.OTHER.code();
        if (down) {
            keydowns = 1;
            hasKeydown = true;
            firstKeydownT = lastKeydownT = t;
            firstKeydownClass = lastKeydownClass = cls;
            heldCount[cls] = 1;
            heldSince[cls][0] = t;
        } else {
            pendingKeyups = 1;
            pendingKeyupClass[0] = cls;
            pendingKeyupT[0] = t;
        }
    }

    @Override
    boolean isEmpty() {
        return events == 0;
    }

    /**
     * Overlapping runs (duplicate or interleaved batches): keep the held keys of both (newest win)
     * and drop the other's pending keyups.
     */
    @Override
    void absorbEdgesOf(KeystrokeRhythm other) {
        holdAllOf(other);
        if (other.hasKeydown) {
            if (!hasKeydown || other.firstKeydownT < firstKeydownT) {
                firstKeydownT = other.firstKeydownT;
                firstKeydownClass = other.firstKeydownClass;
            }
            if (!hasKeydown || other.lastKeydownT > lastKeydownT) {
                lastKeydownT = other.lastKeydownT;
                lastKeydownClass = other.lastKeydownClass;
            }
            hasKeydown = true;
        }
    }

    @Override
    void stitchEdgesOf(KeystrokeRhythm later) {
        if (hasKeydown && later.hasKeydown) {
            addFlight(later.firstKeydownT - lastKeydownT, lastKeydownClass, later.firstKeydownClass);
        }
        for (int i = 0; i < later.pendingKeyups; i++) {
            int cls = later.pendingKeyupClass[i];
            long t = later.pendingKeyupT[i];
            if (!release(cls, t) && pendingKeyups < MAX_PENDING_KEYUPS) {
                pendingKeyupClass[pendingKeyups] = cls;
                pendingKeyupT[pendingKeyups] = t;
                pendingKeyups++;
            }
        }
        holdAllOf(later);
        if (later.hasKeydown) {
            if (!hasKeydown) {
                firstKeydownT = later.firstKeydownT;
                firstKeydownClass = later.firstKeydownClass;
            }
            lastKeydownT = later.lastKeydownT;
            lastKeydownClass = later.lastKeydownClass;
            hasKeydown = true;
        }
    }

    @Override
    void addInteriorOf(KeystrokeRhythm other) {
        events += other.events;
        keydowns += other.keydowns;
        dwell.merge(other.dwell);
        flight.merge(other.flight);
        dwellShape.merge(other.dwellShape);
        flightShape.merge(other.flightShape);
        logFlight.merge(other.logFlight);
        withinWordLogFlight.merge(other.withinWordLogFlight);
        wordStartLogFlight.merge(other.wordStartLogFlight);
        flightOctaves.merge(other.flightOctaves);
    }

    private void addFlight(long gap, int fromClass, int toClass) {
        if (gap >= 0 && gap <= MAX_FLIGHT_MS) {
            flight.add(gap);
            flightShape.add(gap);
            double log = Math.log(Math.max(gap, 1));
            logFlight.add(log);
            flightOctaves.add(gap);
            if (toClass == LETTER && fromClass == LETTER) {
                withinWordLogFlight.add(log);
            } else if (toClass == LETTER && fromClass == SPACE) {
                wordStartLogFlight.add(log);
            }
        }
    }

    /** Matches a keyup to the oldest non-stale held key of its class; false when there is none. */
    private boolean release(int cls, long t) {
        long[] since = heldSince[cls];
        while (heldCount[cls] > 0 && t - since[0] > MAX_DWELL_MS) {
            removeOldest(cls);
        }
        if (heldCount[cls] == 0) {
            return false;
        }
        long down = since[0];
        removeOldest(cls);
        if (t >= down) {
            dwell.add(t - down);
            dwellShape.add(t - down);
        }
        return true;
    }

    private void removeOldest(int cls) {
        long[] since = heldSince[cls];
        System.arraycopy(since, 1, since, 0, MAX_HELD_PER_CLASS - 1);
        heldCount[cls]--;
    }

    private void holdAllOf(KeystrokeRhythm other) {
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < other.heldCount[c]; i++) {
                hold(c, other.heldSince[c][i]);
            }
        }
    }

    private void hold(int cls, long t) {
        if (heldCount[cls] == MAX_HELD_PER_CLASS) {
            removeOldest(cls);
        }
        heldSince[cls][heldCount[cls]++] = t;
    }

    @Override
    KeystrokeRhythm newEmpty() {
        return new KeystrokeRhythm();
    }

    @Override
    void copyFrom(KeystrokeRhythm o) {
        events = o.events;
        keydowns = o.keydowns;
        dwell.copyFrom(o.dwell);
        flight.copyFrom(o.flight);
        dwellShape.copyFrom(o.dwellShape);
        flightShape.copyFrom(o.flightShape);
        logFlight.copyFrom(o.logFlight);
        withinWordLogFlight.copyFrom(o.withinWordLogFlight);
        wordStartLogFlight.copyFrom(o.wordStartLogFlight);
        flightOctaves.copyFrom(o.flightOctaves);
        firstKeydownClass = o.firstKeydownClass;
        lastKeydownClass = o.lastKeydownClass;
        firstT = o.firstT;
        lastT = o.lastT;
        hasKeydown = o.hasKeydown;
        firstKeydownT = o.firstKeydownT;
        lastKeydownT = o.lastKeydownT;
        for (int c = 0; c < CLASSES; c++) {
            heldCount[c] = o.heldCount[c];
            System.arraycopy(o.heldSince[c], 0, heldSince[c], 0, MAX_HELD_PER_CLASS);
        }
        pendingKeyups = o.pendingKeyups;
        System.arraycopy(o.pendingKeyupClass, 0, pendingKeyupClass, 0, MAX_PENDING_KEYUPS);
        System.arraycopy(o.pendingKeyupT, 0, pendingKeyupT, 0, MAX_PENDING_KEYUPS);
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, events);
        if (events == 0) {
            return;
        }
        BinaryForm.writeVarLong(out, keydowns);
        dwell.writeTo(out);
        flight.writeTo(out);
        BinaryForm.writeVarLong(out, firstT);
        BinaryForm.writeVarLong(out, lastT - firstT);
        out.writeBoolean(hasKeydown);
        if (hasKeydown) {
            BinaryForm.writeVarLong(out, firstKeydownT - firstT);
            BinaryForm.writeVarLong(out, lastKeydownT - firstT);
        }
        for (int c = 0; c < CLASSES; c++) {
            out.writeByte(heldCount[c]);
            for (int i = 0; i < heldCount[c]; i++) {
                BinaryForm.writeVarLong(out, heldSince[c][i] - firstT);
            }
        }
        out.writeByte(pendingKeyups);
        for (int i = 0; i < pendingKeyups; i++) {
            out.writeByte(pendingKeyupClass[i]);
            BinaryForm.writeVarLong(out, pendingKeyupT[i] - firstT);
        }
    }

    void readFrom(DataInput in) throws IOException {
        copyFrom(EMPTY);
        events = BinaryForm.readVarLong(in);
        if (events == 0) {
            return;
        }
        keydowns = BinaryForm.readVarLong(in);
        dwell.readFrom(in);
        flight.readFrom(in);
        firstT = BinaryForm.readVarLong(in);
        lastT = firstT + BinaryForm.readVarLong(in);
        hasKeydown = in.readBoolean();
        if (hasKeydown) {
            firstKeydownT = firstT + BinaryForm.readVarLong(in);
            lastKeydownT = firstT + BinaryForm.readVarLong(in);
        }
        for (int c = 0; c < CLASSES; c++) {
            heldCount[c] = in.readUnsignedByte();
            if (heldCount[c] > MAX_HELD_PER_CLASS) {
                throw new IOException("held keys out of range: " + heldCount[c]);
            }
            for (int i = 0; i < heldCount[c]; i++) {
                heldSince[c][i] = firstT + BinaryForm.readVarLong(in);
            }
        }
        pendingKeyups = in.readUnsignedByte();
        if (pendingKeyups > MAX_PENDING_KEYUPS) {
            throw new IOException("pending keyups out of range: " + pendingKeyups);
        }
        for (int i = 0; i < pendingKeyups; i++) {
            pendingKeyupClass[i] = in.readUnsignedByte() % CLASSES;
            pendingKeyupT[i] = firstT + BinaryForm.readVarLong(in);
        }
    }

    /** The distribution-shape state added in binary form v3, written after the rest of the run. */
    void writeShapeTo(DataOutput out) throws IOException {
        dwellShape.writeTo(out);
        flightShape.writeTo(out);
        logFlight.writeTo(out);
    }

    void readShapeFrom(DataInput in) throws IOException {
        dwellShape.readFrom(in);
        flightShape.readFrom(in);
        logFlight.readFrom(in);
    }

    /**
     * The word-structure state added in binary form v6, written after the pointer grid: the
     * classes of the first and last keydown (to classify the flight that straddles a run boundary)
     * and the log flights within words and into a word.
     */
    void writeWordStructureTo(DataOutput out) throws IOException {
        out.writeByte(firstKeydownClass);
        out.writeByte(lastKeydownClass);
        withinWordLogFlight.writeTo(out);
        wordStartLogFlight.writeTo(out);
    }

    void readWordStructureFrom(DataInput in) throws IOException {
        firstKeydownClass = in.readUnsignedByte() % CLASSES;
        lastKeydownClass = in.readUnsignedByte() % CLASSES;
        withinWordLogFlight.readFrom(in);
        wordStartLogFlight.readFrom(in);
    }

    /** The interval histogram added in binary form v8, written after the word structure. */
    void writeTailTo(DataOutput out) throws IOException {
        flightOctaves.writeTo(out);
    }

    void readTailFrom(DataInput in) throws IOException {
        flightOctaves.readFrom(in);
    }

    /**
     * A run read from a form before v6 does not know the classes of its edge keydowns: a flight
     * straddling its boundary is then left out of the word structure rather than misfiled.
     */
    void forgetEdgeClasses() {
        firstKeydownClass = KeyClass.OTHER.code();
        lastKeydownClass = KeyClass.OTHER.code();
    }
}
