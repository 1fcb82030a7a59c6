package io.telltale.core.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The pointer on a canonical time grid: its position at every multiple of {@link #GRID_MS} epoch
 * ms while it moves, interpolated between the two moves around that instant, so that the shape
 * measured here means the same whether the capture sent a move every 16 ms (a browser at 60 Hz)
 * or every 110 ms (a remote-desktop recording). Measures on raw samples (path residual, turning
 * angles) change with the sampling rate: the raw path residual's AUC is 0.86 and 0.99 in the
 * capture-only comparisons of docs/evaluation.md.
 *
 * <p>A grid instant belongs to the pair of consecutive moves {@code (t0, t1]} around it, and only
 * when the two are at most {@link MouseMotion#STROKE_BREAK_MS} apart (one movement segment); so a
 * run's grid points depend only on its own moves, and the ones between two runs on their facing
 * moves. Edge state: the first and last move, and the first and last three grid points of the
 * segments open at either end (a speed peak needs four consecutive points), so that two runs are
 * stitched into exactly the summary of the concatenated run, as in {@link MouseMotion}.
 */
final class PointerGrid extends TimeOrderedRun<PointerGrid> {

    /**
     * Grid spacing. Balabit's slow remote-desktop sessions report a move every ~95-125 ms, a
     * browser every ~16 ms; at this spacing each step holds about two slow samples. Measured with
     * the capture-artefact check of docs/evaluation.md (the same DELBOT people at browser capture
     * vs re-sampled at Balabit's; fast vs slow Balabit sessions): at 100 ms the grid residual still
     * told captures apart (AUC 0.28 and 0.31) and the sub-movement rate did (0.29 and 0.04); at
     * 200 ms 0.40 and 0.47, 0.45 and 0.43.
     */
    static final long GRID_MS = 200;

    /**
     * Grid points are kept to this fraction of a CSS px: moves are whole px, and at 1/16 px a point
     * is written as a small offset from the run's first or last move (form 11: about 4 bytes a point
     * where a pair of doubles took 16). Rounded where the point is made, so every split and round
     * trip sees the same value.
     */
    static final double LATTICE_PER_PX = 16;

    /**
     * A grid speed is a peak (the top of a sub-movement) when it exceeds both neighbours by this
     * share: integer pixels alone make a constant-speed line's grid speeds differ by a few percent.
     */
    static final double PEAK_MARGIN = 0.10;

    /** A grid step of at most this many px is the pointer at rest: it starts no sub-movement. */
    static final double REST_STEP_PX = 1.0;

    /**
     * A movement's end slows into its target when its last full grid step is at most this share
     * of the step before. People home in on a target (Fitts; Meyer et al.'s corrective
     * sub-movements): in a whole Balabit session, a median of two thirds of aimed movement ends do,
     * against a quarter of ghost-cursor's Bezier paths, whose points are evenly spaced in the curve
     * parameter and reach the target at speed (evaluation/README.md, "Homing").
     */
    static final double DECELERATING_SHARE = 0.7;

    /** The step before the last must be a movement of at least this many px for the end to be graded. */
    static final double END_MOVING_PX = 4.0;

    /**
     * A movement is aimed when its grid chord is at least this share of its grid path: a drawn
     * circle or a scribble ends where it pleases, not on a target.
     */
    static final double AIMED_SHARE = 0.7;

    static final byte END_UNRESOLVED = 0;
    static final byte END_UNGRADED = 1;
    static final byte END_STEADY = 2;
    static final byte END_DECELERATING = 3;

    /**
     * Scratch for windows around a boundary; not state, never serialized. Made on the first stitch,
     * as {@link MouseMotion}'s: a grid read only to be scored never stitches.
     */
    private BoundaryWindow boundaryWindow;

    // ---- interior
    long steps;
    long movingSteps;
    final RunningMoments speed = new RunningMoments();
    double pathSum;
    double residualSum;
    double secondDiffSquares;
    long secondDiffs;
    double secondDiffLagProducts;
    long secondDiffPairs;
    long speedPeaks;

    // ---- movement ends (form 7): a movement is the moves between two pauses longer than
    // MouseMotion.STROKE_BREAK_MS or presses (form 10); its end is graded when it is aimed (its grid
    // chord at least AIMED_SHARE of its grid path) and its step before the last full one is a movement
    long endsGraded;
    long endsDecelerating;

    // ---- edges
    long moves;
    long firstMoveT;
    int firstMoveX;
    int firstMoveY;
    long lastMoveT;
    int lastMoveX;
    int lastMoveY;
    boolean brokenInside;
    final GridEdge firstPoints = new GridEdge();
    final GridEdge lastPoints = new GridEdge();
    /**
     * The leading movement when it ended inside the run ({@link #moveBroken}): how its end
     * tested ({@link #END_UNRESOLVED} while it has fewer than three grid points, all of them in
     * {@link #firstPoints}), its last grid point and its grid path. Its start is known only once
     * nothing can come before it: when stitched after a pause, or when the features are read.
     */
    byte leadEnd = END_UNRESOLVED;
    float leadEndX;
    float leadEndY;
    float leadPath;
    /** Grid path of the trailing movement (of the run's one movement when not {@link #moveBroken}). */
    float trailPath;
    /** First grid point of the trailing movement when {@link #moveBroken}, once it has one. */
    boolean hasTrailStart;
    float trailStartX;
    float trailStartY;

    // ---- presses (form 10): a press ends a movement as a pause does (a click is where an aimed
    // movement ends), while the grid segment, whose steps do not stop for it, goes on
    /** A movement ended inside the run, at a pause or a press; {@link #brokenInside} is a pause only. */
    boolean moveBroken;
    /** Of {@link #firstPoints}, how many are the leading movement's (read when {@link #moveBroken}). */
    int leadPoints;
    /** Of {@link #lastPoints}, how many are the trailing movement's. */
    int trailPoints;
    /** A press came before the run's first move; a run of presses alone has both flags. */
    boolean leadPress;
    /** A press came after the run's last move. */
    boolean trailPress;

    /** Resets to the run of one move. */
    void resetToMove(long t, int x, int y) {
        copyFrom(EMPTY);
        moves = 1;
        firstT = lastT = firstMoveT = lastMoveT = t;
        firstMoveX = lastMoveX = x;
        firstMoveY = lastMoveY = y;
    }

    /** Resets to the run of one press: it moves nothing, it ends the movement it comes after. */
    void resetToPress(long t) {
        copyFrom(EMPTY);
        firstT = lastT = t;
        leadPress = trailPress = true;
    }

    private static final PointerGrid EMPTY = new PointerGrid();

    @Override
    boolean isEmpty() {
        return moves == 0 && !leadPress;
    }

    @Override
    void addInteriorOf(PointerGrid other) {
        steps += other.steps;
        movingSteps += other.movingSteps;
        speed.merge(other.speed);
        pathSum += other.pathSum;
        residualSum += other.residualSum;
        secondDiffSquares += other.secondDiffSquares;
        secondDiffs += other.secondDiffs;
        secondDiffLagProducts += other.secondDiffLagProducts;
        secondDiffPairs += other.secondDiffPairs;
        speedPeaks += other.speedPeaks;
        endsGraded += other.endsGraded;
        endsDecelerating += other.endsDecelerating;
    }

    @Override
    void stitchEdgesOf(PointerGrid later) {
        if (moves == 0) {
            // presses alone, then later: later with a press before its first move
            long first = firstT;
            copyFrom(later);
            firstT = first;
            leadPress = true;
            return;
        }
        if (later.moves == 0) {
            trailPress = true;
            return;
        }
        long gap = later.firstMoveT - lastMoveT;
        if (gap > MouseMotion.STROKE_BREAK_MS) {
            endTrailingMovement();
            startAfterBreak(later);
            lastPoints.copyFrom(later.lastPoints);
            brokenInside = true;
        } else {
            joinSegmentsAcross(later, trailPress || later.leadPress);
        }
        lastMoveT = later.lastMoveT;
        lastMoveX = later.lastMoveX;
        lastMoveY = later.lastMoveY;
        moves += later.moves;
        trailPress = later.trailPress;
    }

    /** How many of {@link #firstPoints} are the leading movement's. */
    private int leadPointCount() {
        return moveBroken ? leadPoints : firstPoints.count;
    }

    /**
     * A pause or a press ends the trailing movement. After an earlier end in this run its start is
     * known and its end is graded now; otherwise it is the run's leading movement, whose start may
     * lie in a run before this one, so how its end tested is kept for then.
     */
    private void endTrailingMovement() {
        endTrailingMovement(trailPoints < GridEdge.SIZE ? END_UNRESOLVED : endOf(lastPoints),
                trailPoints == 0 ? 0f : (float) lastPoints.x[lastPoints.count - 1],
                trailPoints == 0 ? 0f : (float) lastPoints.y[lastPoints.count - 1], trailPath);
    }

    /** As above, for a trailing movement that ends as {@code end} at {@code (endX, endY)} after {@code path}. */
    private void endTrailingMovement(byte end, float endX, float endY, float path) {
        endTrailingMovement(end, endX, endY, path, firstPoints.count);
    }

    /** @param leadPointCount when it is the leading movement: how many of {@link #firstPoints} are its */
    private void endTrailingMovement(byte end, float endX, float endY, float path, int leadPointCount) {
        if (moveBroken) {
            if (hasTrailStart) {
                grade(end, trailStartX, trailStartY, endX, endY, path);
            }
        } else {
            leadEnd = end;
            leadEndX = endX;
            leadEndY = endY;
            leadPath = path;
            leadPoints = Math.min(GridEdge.SIZE, leadPointCount);
            moveBroken = true;
        }
    }

    /**
     * {@code later} starts after a pause or a press: its leading movement starts with its first grid
     * point (the instants before it, around the press, belong to no movement), so an ended one is graded.
     */
    private void startAfterBreak(PointerGrid later) {
        if (later.moveBroken) {
            if (later.firstPoints.count > 0) {
                grade(later.leadEnd, (float) later.firstPoints.x[0], (float) later.firstPoints.y[0],
                        later.leadEndX, later.leadEndY, later.leadPath);
            }
            hasTrailStart = later.hasTrailStart;
            trailStartX = later.trailStartX;
            trailStartY = later.trailStartY;
        } else {
            hasTrailStart = later.firstPoints.count > 0;
            trailStartX = hasTrailStart ? (float) later.firstPoints.x[0] : 0f;
            trailStartY = hasTrailStart ? (float) later.firstPoints.y[0] : 0f;
        }
        trailPath = later.trailPath;
        trailPoints = later.trailPoints;
    }

    /** How a movement whose last three grid points are {@code last} ends (the caller knows it has three). */
    private static byte endOf(GridEdge last) {
        return endOf(last.x[0], last.y[0], last.x[1], last.y[1], last.x[2], last.y[2]);
    }

    private static byte endOf(double x0, double y0, double x1, double y1, double x2, double y2) {
        double before = Math.hypot(x1 - x0, y1 - y0);
        if (before < END_MOVING_PX) {
            return END_UNGRADED;
        }
        return Math.hypot(x2 - x1, y2 - y1) <= DECELERATING_SHARE * before ? END_DECELERATING : END_STEADY;
    }

    private void grade(byte end, float startX, float startY, float endX, float endY, float path) {
        if (isAimedEnd(end, startX, startY, endX, endY, path)) {
            endsGraded++;
            if (end == END_DECELERATING) {
                endsDecelerating++;
            }
        }
    }

    private static boolean isAimedEnd(byte end, float startX, float startY, float endX, float endY, float path) {
        return (end == END_STEADY || end == END_DECELERATING) && path > 0
                && Math.hypot(endX - startX, endY - startY) >= AIMED_SHARE * path;
    }

    /**
     * The share of graded movement ends that slow into their end, the leading movement's among them
     * when it ended in the run: read for the features, when nothing can come before the run any
     * more. NaN with fewer than {@code minEnds} graded.
     */
    double homingShare(int minEnds) {
        boolean lead = moveBroken && firstPoints.count > 0 && isAimedEnd(leadEnd, (float) firstPoints.x[0],
                (float) firstPoints.y[0], leadEndX, leadEndY, leadPath);
        long graded = endsGraded + (lead ? 1 : 0);
        long decelerating = endsDecelerating + (lead && leadEnd == END_DECELERATING ? 1 : 0);
        return graded >= minEnds ? (double) decelerating / graded : Double.NaN;
    }

    /**
     * The segment continues across the boundary: the grid instants between the facing moves, then
     * every term whose window holds a point of either side and one not of the same side.
     */
    private void joinSegmentsAcross(PointerGrid later, boolean pressed) {
        if (boundaryWindow == null) {
            boundaryWindow = new BoundaryWindow();
        }
        double[] x = boundaryWindow.x;
        double[] y = boundaryWindow.y;
        int[] side = boundaryWindow.side;
        int n = 0;
        for (int i = 0; i < lastPoints.count; i++, n++) {
            x[n] = lastPoints.x[i];
            y[n] = lastPoints.y[i];
            side[n] = -1;
        }
        int boundaryFrom = n;
        long dt = later.firstMoveT - lastMoveT;
        for (long g = Math.floorDiv(lastMoveT, GRID_MS) * GRID_MS + GRID_MS; g <= later.firstMoveT; g += GRID_MS) {
            double share = (double) (g - lastMoveT) / dt;
            x[n] = onLattice(lastMoveX + share * (later.firstMoveX - lastMoveX));
            y[n] = onLattice(lastMoveY + share * (later.firstMoveY - lastMoveY));
            side[n++] = 0;
        }
        int boundaryTo = n;
        for (int i = 0; i < later.firstPoints.count; i++, n++) {
            x[n] = later.firstPoints.x[i];
            y[n] = later.firstPoints.y[i];
            side[n] = 1;
        }
        float boundaryPath = 0f;
        for (int i = 1; i < n; i++) {
            if (newWindow(side, i - 1, i)) {
                boundaryPath += (float) addStep(x[i] - x[i - 1], y[i] - y[i - 1]);
            }
            if (i >= 2 && newWindow(side, i - 2, i)) {
                addSecondDifference(x, y, i);
            }
            if (i >= 3 && newWindow(side, i - 3, i)) {
                addSecondDifferencePair(x, y, i);
                addPeakTest(x, y, i);
            }
        }
        if (pressed) {
            // the press ends the trailing movement at this run's last grid point
            endTrailingMovement();
            startAfterBreak(later);
        } else {
            joinMovementsAcross(later, x, y, boundaryFrom, boundaryTo, boundaryPath);
        }
        if (!brokenInside) {
            for (int i = boundaryFrom; i < n; i++) {
                firstPoints.offerFirst(x[i], y[i]);
            }
        }
        if (later.brokenInside) {
            lastPoints.copyFrom(later.lastPoints);
            brokenInside = true;
        } else {
            for (int i = boundaryFrom; i < boundaryTo; i++) {
                lastPoints.offerLast(x[i], y[i]);
            }
            for (int i = 0; i < later.lastPoints.count; i++) {
                lastPoints.offerLast(later.lastPoints.x[i], later.lastPoints.y[i]);
            }
        }
    }

    /**
     * The trailing movement continues into {@code later}'s leading one; {@code x, y} are every grid
     * point near the boundary (this run's last, the instants between from {@code boundaryFrom} to
     * {@code boundaryTo}, the later run's first), of which the joined movement's are from
     * {@code boundaryFrom - trailPoints} to {@code boundaryTo} plus the later run's leading ones.
     */
    private void joinMovementsAcross(PointerGrid later, double[] x, double[] y, int boundaryFrom, int boundaryTo,
            float boundaryPath) {
        int movementFrom = boundaryFrom - trailPoints;
        int between = boundaryTo - boundaryFrom;
        int laterLead = later.leadPointCount();
        if (moveBroken && !hasTrailStart && movementFrom < boundaryTo + laterLead) {
            hasTrailStart = true;
            trailStartX = (float) x[movementFrom];
            trailStartY = (float) y[movementFrom];
        }
        if (!later.moveBroken) {
            trailPath = trailPath + boundaryPath + later.trailPath;
            trailPoints = Math.min(GridEdge.SIZE, trailPoints + between + later.trailPoints);
            return;
        }
        // the joined movement ends inside the later run
        byte end = later.leadEnd;
        float endX = later.leadEndX;
        float endY = later.leadEndY;
        int movementTo = boundaryTo + laterLead;
        if (end == END_UNRESOLVED && movementTo - movementFrom >= GridEdge.SIZE) {
            int n = movementTo;
            end = endOf(x[n - 3], y[n - 3], x[n - 2], y[n - 2], x[n - 1], y[n - 1]);
            endX = (float) x[n - 1];
            endY = (float) y[n - 1];
        }
        endTrailingMovement(end, endX, endY, trailPath + boundaryPath + later.leadPath,
                firstPoints.count + between + laterLead);
        hasTrailStart = later.hasTrailStart;
        trailStartX = later.trailStartX;
        trailStartY = later.trailStartY;
        trailPath = later.trailPath;
        trailPoints = later.trailPoints;
    }

    /** A window was counted before unless all its points lie on one side of the boundary. */
    private static boolean newWindow(int[] side, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (side[i] == 0 || side[i] != side[from]) {
                return true;
            }
        }
        return false;
    }

    /** {@code v} to the nearest multiple of 1 / {@link #LATTICE_PER_PX}: exact in a double and in a float. */
    static double onLattice(double v) {
        return Math.rint(v * LATTICE_PER_PX) / LATTICE_PER_PX;
    }

    /** Counts a grid step; its length. */
    private double addStep(double dx, double dy) {
        double length = Math.hypot(dx, dy);
        steps++;
        if (length > REST_STEP_PX) {
            movingSteps++;
        }
        speed.add(length / GRID_MS);
        pathSum += length;
        return length;
    }

    private void addSecondDifference(double[] x, double[] y, int i) {
        double ax = x[i] - 2 * x[i - 1] + x[i - 2];
        double ay = y[i] - 2 * y[i - 1] + y[i - 2];
        residualSum += Math.hypot(ax, ay) / 2;
        secondDiffSquares += ax * ax + ay * ay;
        secondDiffs++;
    }

    private void addSecondDifferencePair(double[] x, double[] y, int i) {
        double ax = x[i] - 2 * x[i - 1] + x[i - 2];
        double ay = y[i] - 2 * y[i - 1] + y[i - 2];
        double bx = x[i - 1] - 2 * x[i - 2] + x[i - 3];
        double by = y[i - 1] - 2 * y[i - 2] + y[i - 3];
        secondDiffLagProducts += ax * bx + ay * by;
        secondDiffPairs++;
    }

    /** The middle of three consecutive grid steps is a speed peak: a sub-movement's top. */
    private void addPeakTest(double[] x, double[] y, int i) {
        double before = Math.hypot(x[i - 2] - x[i - 3], y[i - 2] - y[i - 3]);
        double middle = Math.hypot(x[i - 1] - x[i - 2], y[i - 1] - y[i - 2]);
        double after = Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
        if (middle > REST_STEP_PX && middle > (1 + PEAK_MARGIN) * Math.max(before, after)) {
            speedPeaks++;
        }
    }

    @Override
    PointerGrid newEmpty() {
        return new PointerGrid();
    }

    @Override
    void copyFrom(PointerGrid o) {
        steps = o.steps;
        movingSteps = o.movingSteps;
        speed.copyFrom(o.speed);
        pathSum = o.pathSum;
        residualSum = o.residualSum;
        secondDiffSquares = o.secondDiffSquares;
        secondDiffs = o.secondDiffs;
        secondDiffLagProducts = o.secondDiffLagProducts;
        secondDiffPairs = o.secondDiffPairs;
        speedPeaks = o.speedPeaks;
        endsGraded = o.endsGraded;
        endsDecelerating = o.endsDecelerating;
        firstT = o.firstT;
        lastT = o.lastT;
        moves = o.moves;
        firstMoveT = o.firstMoveT;
        firstMoveX = o.firstMoveX;
        firstMoveY = o.firstMoveY;
        lastMoveT = o.lastMoveT;
        lastMoveX = o.lastMoveX;
        lastMoveY = o.lastMoveY;
        brokenInside = o.brokenInside;
        firstPoints.copyFrom(o.firstPoints);
        lastPoints.copyFrom(o.lastPoints);
        leadEnd = o.leadEnd;
        leadEndX = o.leadEndX;
        leadEndY = o.leadEndY;
        leadPath = o.leadPath;
        trailPath = o.trailPath;
        hasTrailStart = o.hasTrailStart;
        trailStartX = o.trailStartX;
        trailStartY = o.trailStartY;
        moveBroken = o.moveBroken;
        leadPoints = o.leadPoints;
        trailPoints = o.trailPoints;
        leadPress = o.leadPress;
        trailPress = o.trailPress;
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, moves);
        if (moves == 0) {
            out.writeBoolean(leadPress); // a run of presses alone
            if (leadPress) {
                BinaryForm.writeVarLong(out, firstT);
                BinaryForm.writeVarLong(out, lastT - firstT);
            }
            return;
        }
        BinaryForm.writeVarLong(out, steps);
        BinaryForm.writeVarLong(out, movingSteps);
        speed.writeTo(out);
        out.writeDouble(pathSum);
        out.writeDouble(residualSum);
        out.writeDouble(secondDiffSquares);
        BinaryForm.writeVarLong(out, secondDiffs);
        out.writeDouble(secondDiffLagProducts);
        BinaryForm.writeVarLong(out, secondDiffPairs);
        BinaryForm.writeVarLong(out, speedPeaks);
        BinaryForm.writeVarLong(out, firstT);
        BinaryForm.writeVarLong(out, lastT - firstT);
        BinaryForm.writeVarLong(out, firstMoveT - firstT);
        BinaryForm.writeVarInt(out, firstMoveX);
        BinaryForm.writeVarInt(out, firstMoveY);
        BinaryForm.writeVarLong(out, lastMoveT - firstT);
        BinaryForm.writeVarInt(out, lastMoveX);
        BinaryForm.writeVarInt(out, lastMoveY);
        out.writeBoolean(brokenInside);
        out.writeByte((moveBroken ? 1 : 0) | (leadPress ? 2 : 0) | (trailPress ? 4 : 0)
                | (moveBroken ? leadPoints << 3 : 0) | trailPoints << 5);
        firstPoints.writeTo(out, firstMoveX, firstMoveY);
        lastPoints.writeTo(out, lastMoveX, lastMoveY);
        BinaryForm.writeVarLong(out, endsGraded);
        BinaryForm.writeVarLong(out, endsDecelerating);
        out.writeByte(leadEnd | (hasTrailStart ? 0x10 : 0));
        if (moveBroken) {
            out.writeFloat(leadEndX);
            out.writeFloat(leadEndY);
            out.writeFloat(leadPath);
        }
        out.writeFloat(trailPath);
        if (hasTrailStart) {
            out.writeFloat(trailStartX);
            out.writeFloat(trailStartY);
        }
    }

    /**
     * Reads the binary form of accumulator version {@code version}: before 7 without movement ends,
     * before 10 without presses (a movement then ended at pauses only).
     */
    void readFrom(DataInput in, int version) throws IOException {
        copyFrom(EMPTY);
        moves = BinaryForm.readVarLong(in);
        if (moves == 0) {
            if (version >= 10 && in.readBoolean()) {
                firstT = BinaryForm.readVarLong(in);
                lastT = firstT + BinaryForm.readVarLong(in);
                leadPress = trailPress = true;
            }
            return;
        }
        steps = BinaryForm.readVarLong(in);
        movingSteps = BinaryForm.readVarLong(in);
        speed.readFrom(in);
        pathSum = in.readDouble();
        residualSum = in.readDouble();
        secondDiffSquares = in.readDouble();
        secondDiffs = BinaryForm.readVarLong(in);
        secondDiffLagProducts = in.readDouble();
        secondDiffPairs = BinaryForm.readVarLong(in);
        speedPeaks = BinaryForm.readVarLong(in);
        firstT = BinaryForm.readVarLong(in);
        lastT = firstT + BinaryForm.readVarLong(in);
        firstMoveT = firstT + BinaryForm.readVarLong(in);
        firstMoveX = BinaryForm.readVarInt(in);
        firstMoveY = BinaryForm.readVarInt(in);
        lastMoveT = firstT + BinaryForm.readVarLong(in);
        lastMoveX = BinaryForm.readVarInt(in);
        lastMoveY = BinaryForm.readVarInt(in);
        brokenInside = in.readBoolean();
        int presses = version >= 10 ? in.readUnsignedByte() : 0;
        firstPoints.readFrom(in, firstMoveX, firstMoveY, version);
        lastPoints.readFrom(in, lastMoveX, lastMoveY, version);
        if (version >= 10) {
            moveBroken = (presses & 1) != 0;
            leadPress = (presses & 2) != 0;
            trailPress = (presses & 4) != 0;
            leadPoints = (presses >> 3) & 3;
            trailPoints = (presses >> 5) & 3;
            if (moveBroken && leadPoints > firstPoints.count || trailPoints > lastPoints.count || brokenInside && !moveBroken) {
                throw new IOException("movement edges out of range: " + presses);
            }
        } else {
            // movements ended at pauses only: the leading and trailing movements are the segments
            moveBroken = brokenInside;
            leadPoints = firstPoints.count;
            trailPoints = lastPoints.count;
        }
        if (version < 7) {
            return; // no movement ends: counted from here on
        }
        endsGraded = BinaryForm.readVarLong(in);
        endsDecelerating = BinaryForm.readVarLong(in);
        int flags = in.readUnsignedByte();
        leadEnd = (byte) (flags & 0x0f);
        hasTrailStart = (flags & 0x10) != 0;
        if (leadEnd > END_DECELERATING) {
            throw new IOException("movement end code " + leadEnd);
        }
        if (moveBroken) {
            leadEndX = in.readFloat();
            leadEndY = in.readFloat();
            leadPath = in.readFloat();
        }
        trailPath = in.readFloat();
        if (hasTrailStart) {
            trailStartX = in.readFloat();
            trailStartY = in.readFloat();
        }
    }

    /** Up to three grid points at one end of a run, in time order. */
    static final class GridEdge {
        static final int SIZE = 3;
        int count;
        final double[] x = new double[SIZE];
        final double[] y = new double[SIZE];

        /** For the leading edge: keeps the first three offered. */
        void offerFirst(double px, double py) {
            if (count < SIZE) {
                x[count] = px;
                y[count] = py;
                count++;
            }
        }

        /** For the trailing edge: keeps the last three offered. */
        void offerLast(double px, double py) {
            if (count == SIZE) {
                System.arraycopy(x, 1, x, 0, SIZE - 1);
                System.arraycopy(y, 1, y, 0, SIZE - 1);
                count--;
            }
            x[count] = px;
            y[count] = py;
            count++;
        }

        void copyFrom(GridEdge o) {
            count = o.count;
            System.arraycopy(o.x, 0, x, 0, SIZE);
            System.arraycopy(o.y, 0, y, 0, SIZE);
        }

        /** The points as offsets from {@code (refX, refY)} in lattice steps (form 11). */
        void writeTo(DataOutput out, int refX, int refY) throws IOException {
            out.writeByte(count);
            for (int i = 0; i < count; i++) {
                BinaryForm.writeVarLong(out, Math.round((x[i] - refX) * LATTICE_PER_PX));
                BinaryForm.writeVarLong(out, Math.round((y[i] - refY) * LATTICE_PER_PX));
            }
        }

        /** Before form 11 the points were doubles off the lattice: they are put on it. */
        void readFrom(DataInput in, int refX, int refY, int version) throws IOException {
            count = in.readUnsignedByte();
            if (count > SIZE) {
                throw new IOException("grid edge of " + count + " points");
            }
            for (int i = 0; i < count; i++) {
                if (version >= 11) {
                    x[i] = refX + BinaryForm.readVarLong(in) / LATTICE_PER_PX;
                    y[i] = refY + BinaryForm.readVarLong(in) / LATTICE_PER_PX;
                } else {
                    x[i] = onLattice(in.readDouble());
                    y[i] = onLattice(in.readDouble());
                }
            }
        }
    }

    /** Grid points on both sides of a boundary and the instants between the facing moves. */
    private static final class BoundaryWindow {
        final double[] x = new double[2 * GridEdge.SIZE + 3];
        final double[] y = new double[2 * GridEdge.SIZE + 3];
        final int[] side = new int[2 * GridEdge.SIZE + 3];
    }
}
