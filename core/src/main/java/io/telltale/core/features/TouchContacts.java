package io.telltale.core.features;

import io.telltale.core.wire.TouchPhase;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Summary of a time-ordered run of touch samples, one contact at a time (START .. END/CANCEL):
 * contact duration and path moments, and radius and force moments over every sample that reports
 * them. Edge state: the fragment before the run's first START (the continuation of a contact
 * begun earlier) and the contact still open at the end.
 *
 * <p>A START while a contact is open abandons the open one (a second finger, or a lost END);
 * samples outside any contact are counted but measure nothing.
 */
final class TouchContacts extends TimeOrderedRun<TouchContacts> {

    /** What a run is before its first sample; copied from so a reset allocates nothing. */
    private static final TouchContacts EMPTY = new TouchContacts();

    long events;
    final RunningMoments duration = new RunningMoments();
    final RunningMoments movement = new RunningMoments();
    final RunningMoments radius = new RunningMoments();
    final RunningMoments force = new RunningMoments();

    boolean hasLead;
    int leadFirstX;
    int leadFirstY;
    int leadLastX;
    int leadLastY;
    double leadPath;
    boolean leadEnded;
    long leadEndT;
    boolean hasStart;
    boolean hasOpen;
    long openStartT;
    int openLastX;
    int openLastY;
    double openPath;

    void resetToSample(long t, int x, int y, int phase, float radiusOrNaN, float forceOrNaN) {
        copyFrom(EMPTY);
        events = 1;
        firstT = lastT = t;
        if (radiusOrNaN > 0 && Float.isFinite(radiusOrNaN)) {
            radius.add(radiusOrNaN);
        }
        if (forceOrNaN > 0 && Float.isFinite(forceOrNaN)) {
            force.add(forceOrNaN);
        }
        if (phase == TouchPhase.START.code()) {
            hasStart = true;
            hasOpen = true;
            openStartT = t;
            openLastX = x;
            openLastY = y;
        } else {
            hasLead = true;
            leadFirstX = leadLastX = x;
            leadFirstY = leadLastY = y;
            leadEnded = phase == TouchPhase.END.code() || phase == TouchPhase.CANCEL.code();
            leadEndT = t;
        }
    }

    @Override
    boolean isEmpty() {
        return events == 0;
    }

    @Override
    void stitchEdgesOf(TouchContacts later) {
        boolean leadOpenThrough = !hasStart && hasLead && !leadEnded;
        if (later.hasLead && (hasOpen || leadOpenThrough)) {
            int tailX = hasOpen ? openLastX : leadLastX;
            int tailY = hasOpen ? openLastY : leadLastY;
            double path = (hasOpen ? openPath : leadPath)
                    + MouseMotion.distance(tailX, tailY, later.leadFirstX, later.leadFirstY)
                    + later.leadPath;
            if (hasOpen) {
                if (later.leadEnded) {
                    duration.add(later.leadEndT - openStartT);
                    movement.add(path);
                    hasOpen = false;
                } else {
                    openPath = path;
                    openLastX = later.leadLastX;
                    openLastY = later.leadLastY;
                }
            } else {
                leadPath = path;
                leadLastX = later.leadLastX;
                leadLastY = later.leadLastY;
                leadEnded = later.leadEnded;
                leadEndT = later.leadEndT;
            }
        }
        if (later.hasStart) {
            hasStart = true;
            hasOpen = later.hasOpen;
            openStartT = later.openStartT;
            openLastX = later.openLastX;
            openLastY = later.openLastY;
            openPath = later.openPath;
        }
    }

    @Override
    void addInteriorOf(TouchContacts other) {
        events += other.events;
        duration.merge(other.duration);
        movement.merge(other.movement);
        radius.merge(other.radius);
        force.merge(other.force);
    }

    @Override
    TouchContacts newEmpty() {
        return new TouchContacts();
    }

    @Override
    void copyFrom(TouchContacts o) {
        events = o.events;
        duration.copyFrom(o.duration);
        movement.copyFrom(o.movement);
        radius.copyFrom(o.radius);
        force.copyFrom(o.force);
        firstT = o.firstT;
        lastT = o.lastT;
        hasLead = o.hasLead;
        leadFirstX = o.leadFirstX;
        leadFirstY = o.leadFirstY;
        leadLastX = o.leadLastX;
        leadLastY = o.leadLastY;
        leadPath = o.leadPath;
        leadEnded = o.leadEnded;
        leadEndT = o.leadEndT;
        hasStart = o.hasStart;
        hasOpen = o.hasOpen;
        openStartT = o.openStartT;
        openLastX = o.openLastX;
        openLastY = o.openLastY;
        openPath = o.openPath;
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, events);
        if (events == 0) {
            return;
        }
        duration.writeTo(out);
        movement.writeTo(out);
        radius.writeTo(out);
        force.writeTo(out);
        BinaryForm.writeVarLong(out, firstT);
        BinaryForm.writeVarLong(out, lastT - firstT);
        out.writeByte((hasLead ? 1 : 0) | (leadEnded ? 2 : 0) | (hasStart ? 4 : 0) | (hasOpen ? 8 : 0));
        if (hasLead) {
            BinaryForm.writeVarInt(out, leadFirstX);
            BinaryForm.writeVarInt(out, leadFirstY);
            BinaryForm.writeVarInt(out, leadLastX);
            BinaryForm.writeVarInt(out, leadLastY);
            out.writeDouble(leadPath);
            BinaryForm.writeVarLong(out, leadEndT - firstT);
        }
        if (hasOpen) {
            BinaryForm.writeVarLong(out, openStartT - firstT);
            BinaryForm.writeVarInt(out, openLastX);
            BinaryForm.writeVarInt(out, openLastY);
            out.writeDouble(openPath);
        }
    }

    void readFrom(DataInput in) throws IOException {
        copyFrom(new TouchContacts());
        events = BinaryForm.readVarLong(in);
        if (events == 0) {
            return;
        }
        duration.readFrom(in);
        movement.readFrom(in);
        radius.readFrom(in);
        force.readFrom(in);
        firstT = BinaryForm.readVarLong(in);
        lastT = firstT + BinaryForm.readVarLong(in);
        int flags = in.readUnsignedByte();
        hasLead = (flags & 1) != 0;
        leadEnded = (flags & 2) != 0;
        hasStart = (flags & 4) != 0;
        hasOpen = (flags & 8) != 0;
        if (hasLead) {
            leadFirstX = BinaryForm.readVarInt(in);
            leadFirstY = BinaryForm.readVarInt(in);
            leadLastX = BinaryForm.readVarInt(in);
            leadLastY = BinaryForm.readVarInt(in);
            leadPath = in.readDouble();
            leadEndT = firstT + BinaryForm.readVarLong(in);
        }
        if (hasOpen) {
            openStartT = firstT + BinaryForm.readVarLong(in);
            openLastX = BinaryForm.readVarInt(in);
            openLastY = BinaryForm.readVarInt(in);
            openPath = in.readDouble();
        }
    }
}
