package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Whether the pointer was still moving when a button went down: how far the press is from where
 * the pointer was {@link #LOOKBACK_MS} before it. People slow into a target and settle on it before
 * they press (Fitts; the last corrective sub-movement): in Balabit the median press is 4 px
 * from where the pointer was 200 ms earlier. A script that presses the moment its path arrives
 * (ghost-cursor, WindMouse, a move-then-click of Playwright or Selenium) presses while moving
 * (evaluation/README.md, "Clicks while moving").
 *
 * <p>Where the pointer was is taken at the lookback instant rounded down to a multiple of
 * {@link #TICK_MS} epoch ms: interpolated between the moves around that tick when both came before
 * the press and at most {@link MouseMotion#STROKE_BREAK_MS} apart (as the pointer grid does, so a
 * capture that reports a move every 100 ms reads as one that reports every 16 ms), else where the
 * last move before it left the pointer. A run's trailing edge then needs the pointer only at the
 * few ticks a press after the run can look back to. A press whose tick comes before the run's
 * first move is pending until a run before it is stitched on; one still pending when the features
 * are read has nothing known before it and is not graded. Two runs are stitched into exactly the
 * summary of the concatenated run, except that a run keeps at most {@link #MAX_PENDING} pending
 * presses (more presses than that within its first quarter second go ungraded).
 */
final class PressTravel extends TimeOrderedRun<PressTravel> {

    /** How long before the press the pointer's position is taken. */
    static final long LOOKBACK_MS = 200;

    /** Lookback instants are rounded down to multiples of this. */
    static final long TICK_MS = 25;

    /**
     * A press farther than this from where the pointer was {@link #LOOKBACK_MS} before was made
     * while moving. Balabit's presses: median 4 px, three quarters within 10 px; ghost-cursor's
     * median 42 px (evaluation's PressesWhileMoving).
     */
    static final double MOVING_PX = 10.0;

    /** Presses awaiting a run before this one; more are not graded. */
    static final int MAX_PENDING = 8;

    /**
     * Ticks a press after the run can look back to: the one at or before its last move and those
     * up to {@link #LOOKBACK_MS} before it.
     */
    static final int TICKS = (int) (LOOKBACK_MS / TICK_MS) + 1;

    private static final PressTravel EMPTY = new PressTravel();

    // ---- interior
    long graded;
    long moving;

    // ---- edges
    boolean hasMove;
    long firstMoveT;
    int firstMoveX;
    int firstMoveY;
    long lastMoveT;
    int lastMoveX;
    int lastMoveY;
    /**
     * Where the pointer was at the ticks {@code T0 - k * TICK_MS} ({@code T0} the tick at or before
     * the last move), on the grid's 1/16 px lattice, for {@code k} below {@code knownTicks}: the
     * ticks at or after the run's first move.
     */
    int knownTicks;
    final double[] tickX = new double[TICKS];
    final double[] tickY = new double[TICKS];
    /** Presses whose tick comes before the run's first move, in time order. */
    int pending;
    final long[] pendingT = new long[MAX_PENDING];
    final int[] pendingX = new int[MAX_PENDING];
    final int[] pendingY = new int[MAX_PENDING];
    /** Whether the run's first move came before the pending press: the move after its tick, then. */
    final boolean[] pendingAfterMove = new boolean[MAX_PENDING];

    /** Resets to the run of one move. */
    void resetToMove(long t, int x, int y) {
        copyFrom(EMPTY);
        firstT = lastT = t;
        hasMove = true;
        firstMoveT = lastMoveT = t;
        firstMoveX = lastMoveX = x;
        firstMoveY = lastMoveY = y;
        if (tickAtOrBefore(t) == t) {
            knownTicks = 1;
            tickX[0] = x;
            tickY[0] = y;
        }
    }

    /** Resets to the run of one press at {@code (x, y)}: it waits for the pointer's position before it. */
    void resetToPress(long t, int x, int y) {
        copyFrom(EMPTY);
        firstT = lastT = t;
        pending = 1;
        pendingT[0] = t;
        pendingX[0] = x;
        pendingY[0] = y;
    }

    static long tickAtOrBefore(long t) {
        return Math.floorDiv(t, TICK_MS) * TICK_MS;
    }

    static long lookbackTick(long pressT) {
        return tickAtOrBefore(pressT - LOOKBACK_MS);
    }

    @Override
    boolean isEmpty() {
        return !hasMove && pending == 0 && graded == 0;
    }

    @Override
    PressTravel newEmpty() {
        return new PressTravel();
    }

    @Override
    void copyFrom(PressTravel o) {
        firstT = o.firstT;
        lastT = o.lastT;
        graded = o.graded;
        moving = o.moving;
        takeMovesOf(o);
        pending = o.pending;
        System.arraycopy(o.pendingT, 0, pendingT, 0, MAX_PENDING);
        System.arraycopy(o.pendingX, 0, pendingX, 0, MAX_PENDING);
        System.arraycopy(o.pendingY, 0, pendingY, 0, MAX_PENDING);
        System.arraycopy(o.pendingAfterMove, 0, pendingAfterMove, 0, MAX_PENDING);
    }

    @Override
    void addInteriorOf(PressTravel other) {
        graded += other.graded;
        moving += other.moving;
    }

    @Override
    void stitchEdgesOf(PressTravel later) {
        if (!hasMove) {
            // nothing here to look back to: later's pending presses wait behind this run's
            for (int i = 0; i < later.pending; i++) {
                addPending(later.pendingT[i], later.pendingX[i], later.pendingY[i], later.pendingAfterMove[i]);
            }
            takeMovesOf(later);
            return;
        }
        for (int i = 0; i < later.pending; i++) {
            long tick = lookbackTick(later.pendingT[i]);
            int k = tickIndex(tick);
            int x = later.pendingX[i];
            int y = later.pendingY[i];
            if (k < 0) {
                // after this run's last move: towards later's first move if it came before the press
                if (later.pendingAfterMove[i] && later.firstMoveT - lastMoveT <= MouseMotion.STROKE_BREAK_MS) {
                    grade(x, y, between(tick, lastMoveX, later.firstMoveX, later),
                            between(tick, lastMoveY, later.firstMoveY, later));
                } else {
                    grade(x, y, lastMoveX, lastMoveY);
                }
            } else if (k < knownTicks) {
                grade(x, y, tickX[k], tickY[k]);
            } else {
                // before this run's first move as well; this run's moves all came before the press
                addPending(later.pendingT[i], x, y, true);
            }
        }
        if (later.hasMove) {
            extendTicksOf(later);
            lastMoveT = later.lastMoveT;
            lastMoveX = later.lastMoveX;
            lastMoveY = later.lastMoveY;
        }
    }

    /**
     * Takes over {@code later}'s ticks, and fills those before its first move with where the pointer
     * was then: between this run's last move and later's first, or at this run's ticks.
     */
    private void extendTicksOf(PressTravel later) {
        long laterTop = tickAtOrBefore(later.lastMoveT);
        int shift = (int) Math.min(TICKS, (laterTop - tickAtOrBefore(lastMoveT)) / TICK_MS);
        boolean joined = later.firstMoveT - lastMoveT <= MouseMotion.STROKE_BREAK_MS;
        // later's own ticks, then this run's moved down by shift, as far as those reach
        int known = Math.max(later.knownTicks, Math.min(TICKS, knownTicks + shift));
        // this run's tick k - shift becomes tick k; k < shift lies after this run's last move.
        // Descending, so that no tick of this run is overwritten before it is read.
        for (int k = known - 1; k >= later.knownTicks; k--) {
            if (k >= shift) {
                tickX[k] = tickX[k - shift];
                tickY[k] = tickY[k - shift];
            } else {
                long tick = laterTop - k * TICK_MS;
                tickX[k] = joined ? between(tick, lastMoveX, later.firstMoveX, later) : lastMoveX;
                tickY[k] = joined ? between(tick, lastMoveY, later.firstMoveY, later) : lastMoveY;
            }
        }
        System.arraycopy(later.tickX, 0, tickX, 0, later.knownTicks);
        System.arraycopy(later.tickY, 0, tickY, 0, later.knownTicks);
        knownTicks = known;
    }

    /**
     * The coordinate {@code from} (this run's last move's) or {@code to} (later's first move's) moves
     * through: its value at {@code tick}, between the two moves, on the lattice.
     */
    private double between(long tick, int from, int to, PressTravel later) {
        double share = (double) (tick - lastMoveT) / (later.firstMoveT - lastMoveT);
        return PointerGrid.onLattice(from + share * (to - from));
    }

    /** {@code o}'s moves and ticks become the run's (when it has none of its own, or is a copy). */
    private void takeMovesOf(PressTravel o) {
        hasMove = o.hasMove;
        firstMoveT = o.firstMoveT;
        firstMoveX = o.firstMoveX;
        firstMoveY = o.firstMoveY;
        lastMoveT = o.lastMoveT;
        lastMoveX = o.lastMoveX;
        lastMoveY = o.lastMoveY;
        knownTicks = o.knownTicks;
        System.arraycopy(o.tickX, 0, tickX, 0, TICKS);
        System.arraycopy(o.tickY, 0, tickY, 0, TICKS);
    }

    /**
     * Which of the run's ticks {@code tick} is: -1 after the tick at or before the last move, else
     * {@code k} for {@code T0 - k * TICK_MS}. A press after the run looks back to a tick at most
     * {@link #TICKS} - 1 before {@code T0}.
     */
    private int tickIndex(long tick) {
        long top = tickAtOrBefore(lastMoveT);
        return tick > top ? -1 : (int) Math.min(Integer.MAX_VALUE, (top - tick) / TICK_MS);
    }

    private void addPending(long t, int x, int y, boolean afterMove) {
        if (pending < MAX_PENDING) {
            pendingT[pending] = t;
            pendingX[pending] = x;
            pendingY[pending] = y;
            pendingAfterMove[pending] = afterMove;
            pending++;
        }
    }

    private void grade(int pressX, int pressY, double wasX, double wasY) {
        graded++;
        if (Math.hypot(pressX - wasX, pressY - wasY) > MOVING_PX) {
            moving++;
        }
    }

    /**
     * The known ticks a press after the run can still look back to: those at or after the lookback
     * tick of the run's last sample.
     */
    private int reachableTicks() {
        if (!hasMove) {
            return 0;
        }
        return (int) Math.max(0, Math.min(knownTicks, (tickAtOrBefore(lastMoveT) - lookbackTick(lastT)) / TICK_MS + 1));
    }

    /**
     * The counts, the reachable ticks (as lattice steps from the last move) and the pending presses;
     * not the times and the first and last move, which are the pointer grid's of the same run (both
     * see the same moves and presses), see {@link #readFrom}.
     */
    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, graded);
        BinaryForm.writeVarLong(out, moving);
        int reachable = reachableTicks();
        out.writeByte(reachable | pending << 4);
        for (int k = 0; k < reachable; k++) {
            BinaryForm.writeVarLong(out, Math.round((tickX[k] - lastMoveX) * PointerGrid.LATTICE_PER_PX));
            BinaryForm.writeVarLong(out, Math.round((tickY[k] - lastMoveY) * PointerGrid.LATTICE_PER_PX));
        }
        if (pending > 0) {
            int afterMove = 0;
            for (int i = 0; i < pending; i++) {
                afterMove |= pendingAfterMove[i] ? 1 << i : 0;
            }
            out.writeByte(afterMove);
            for (int i = 0; i < pending; i++) {
                BinaryForm.writeVarLong(out, pendingT[i] - firstT);
                BinaryForm.writeVarInt(out, pendingX[i]);
                BinaryForm.writeVarInt(out, pendingY[i]);
            }
        }
    }

    /** Reads {@link #writeTo}'s form, the times and the first and last move taken from {@code grid}, read before. */
    void readFrom(DataInput in, PointerGrid grid) throws IOException {
        takeEdgesOf(grid);
        graded = BinaryForm.readVarLong(in);
        moving = BinaryForm.readVarLong(in);
        int flags = in.readUnsignedByte();
        knownTicks = flags & 0x0f;
        pending = flags >> 4;
        if (knownTicks > TICKS || pending > MAX_PENDING || moving > graded || knownTicks > 0 && !hasMove) {
            throw new IOException("press travel edges out of range: " + flags);
        }
        for (int k = 0; k < knownTicks; k++) {
            tickX[k] = lastMoveX + BinaryForm.readVarLong(in) / PointerGrid.LATTICE_PER_PX;
            tickY[k] = lastMoveY + BinaryForm.readVarLong(in) / PointerGrid.LATTICE_PER_PX;
        }
        if (pending > 0) {
            int afterMove = in.readUnsignedByte();
            for (int i = 0; i < pending; i++) {
                pendingAfterMove[i] = (afterMove & 1 << i) != 0;
                pendingT[i] = firstT + BinaryForm.readVarLong(in);
                pendingX[i] = BinaryForm.readVarInt(in);
                pendingY[i] = BinaryForm.readVarInt(in);
            }
        }
    }

    /**
     * Starts from the pointer grid's times and moves and nothing else: for a run read from a form
     * before 11, whose presses are graded from here on.
     */
    void takeEdgesOf(PointerGrid grid) {
        copyFrom(EMPTY);
        if (!grid.isEmpty()) {
            firstT = grid.firstT;
            lastT = grid.lastT;
        }
        hasMove = grid.moves > 0;
        if (hasMove) {
            firstMoveT = grid.firstMoveT;
            firstMoveX = grid.firstMoveX;
            firstMoveY = grid.firstMoveY;
            lastMoveT = grid.lastMoveT;
            lastMoveX = grid.lastMoveX;
            lastMoveY = grid.lastMoveY;
        }
    }
}
