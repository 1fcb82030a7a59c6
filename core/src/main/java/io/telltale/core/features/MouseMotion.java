package io.telltale.core.features;

import io.telltale.core.wire.MouseKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Summary of a time-ordered run of mouse samples, in O(1) space: running moments of everything
 * measured inside the run, plus edge state at both ends so that two runs that follow each other
 * can be stitched into exactly the summary of the concatenated run.
 *
 * <p>Edge state: the first and last move, the first and last two speed samples of the open strokes
 * at either end (acceleration needs two, jerk three consecutive speed samples, so two on each side
 * plus the boundary segment cover every window that straddles a boundary), the first and last
 * non-zero segment direction (for turning angles), the first and last inter-sample gap (for
 * identical-interval runs), the leading and trailing open stroke, and clicks whose approach or
 * teleport test needs a pointer position from before the run.
 *
 * <p>A run is folded sample by sample by stitching a one-sample run onto it ({@link #append}), so
 * the sequential and the merged paths are the same code.
 */
final class MouseMotion extends TimeOrderedRun<MouseMotion> {

    /**
     * A gap between mouse samples longer than this ends a stroke. The Balabit mouse-dynamics
     * challenge literature segments "actions" at pauses of roughly 300 ms or more and at button
     * events (Antal &amp; Egyed-Zsigmond 2019, "Intrusion detection using mouse dynamics").
     */
    static final long STROKE_BREAK_MS = 300;

    /**
     * A gap inside a stroke longer than this is a pause (the pointer stopped, then moved on).
     * Browsers fire mousemove only while the pointer moves, at the frame rate (~16 ms at 60 Hz);
     * 150 ms also stays above the ~110 ms sampling interval of the slow Balabit remote-desktop
     * sessions, so a slow capture is not mistaken for pausing.
     */
    static final long PAUSE_MS = 150;

    /** A move of at most this many CSS px is a micro-move: hand tremor or a correction. */
    static final double MICRO_MOVE_PX = 2.0;

    /** A stroke needs this many samples for its geometry (a chord/path ratio of 2 points is always 1). */
    static final int MIN_STROKE_POINTS = 3;

    /** A stroke needs this much path, in CSS px, for its geometry: shorter ones are jitter. */
    static final double MIN_STROKE_PATH_PX = 20.0;

    /** Bins of the turning-angle histogram over [-pi, pi): 30 degrees each. */
    static final int TURN_BINS = 12;

    /**
     * A click is approached when the last move before it ended at most this far, in CSS px, from
     * the click, however long the pointer then rested there: people read, then click (in Balabit
     * 10.1% of presses come more than a second after the last move, every one of them where it
     * stopped: evaluation's PeopleTail). A human's last mousemove lands on or next to the press
     * point; the margin allows for ~9 Hz captures where the last sample lags.
     */
    static final double APPROACH_RADIUS_PX = 25.0;

    /** A press farther than this, in CSS px, from the previous pointer position is a teleport. */
    static final double TELEPORT_PX = 50.0;

    /** Clicks before the first move of a run kept for the approach test against the previous run. */
    static final int MAX_PENDING_CLICKS = 4;

    static final int PRESS_DOWN = 0;
    static final int PRESS_CLICK = 1;

    private static final double TURN_BIN_WIDTH = 2 * Math.PI / TURN_BINS;

    /**
     * Scratch for the windows around a boundary; not state, never serialized. Made on the first
     * stitch: a run read from its binary form only to be scored (the window's firing) never
     * stitches, and allocating it with every run was a measurable part of reading one.
     */
    private BoundaryWindows boundaryWindows;

    // ---- interior: moments and counts
    long events;
    long moves;
    final RunningMoments speed = new RunningMoments();
    final RunningMoments acceleration = new RunningMoments();
    final RunningMoments jerk = new RunningMoments();
    final RunningMoments interval = new RunningMoments();
    final RunningMoments completedStraightness = new RunningMoments();
    long pauses;
    long intervalPairs;
    long identicalIntervals;
    long movedSegments;
    long microMoves;
    long turns;
    double absTurnSum;
    double pathSum;
    final long[] turnHistogram = new long[TURN_BINS];
    final long[] presses = new long[2];
    final long[] pressesWithoutApproach = new long[2];
    final long[] teleportChecks = new long[2];
    final long[] teleports = new long[2];
    // shape (binary form v3): second differences of positions inside strokes
    double residualSum;
    double secondDiffSquares;
    double secondDiffLagProducts;
    long secondDiffs;
    long secondDiffPairs;

    // ---- edges
    int firstPointerX;
    int firstPointerY;
    int lastPointerX;
    int lastPointerY;
    /** Press kind of the first sample when it is a press whose teleport test is pending, else -1. */
    int pendingTeleportKind = -1;
    int pendingClicks;
    final int[] pendingClickX = new int[MAX_PENDING_CLICKS];
    final int[] pendingClickY = new int[MAX_PENDING_CLICKS];
    final int[] pendingClickKind = new int[MAX_PENDING_CLICKS];

    long firstMoveT;
    int firstMoveX;
    int firstMoveY;
    long lastMoveT;
    int lastMoveX;
    int lastMoveY;
    boolean anyButton;
    boolean leadingButton;
    boolean trailingButton;
    boolean brokenInside;
    final Stroke leading = new Stroke();
    final Stroke trailing = new Stroke();
    long firstGap = -1;
    long lastGap = -1;
    final SpeedEdge firstSpeeds = new SpeedEdge();
    final SpeedEdge lastSpeeds = new SpeedEdge();
    final PointEdge firstPoints = new PointEdge();
    final PointEdge lastPoints = new PointEdge();
    boolean hasFirstDir;
    int firstDirX;
    int firstDirY;
    boolean hasLastDir;
    int lastDirX;
    int lastDirY;

    /** Resets to the run of one sample. */
    void resetToSample(long t, int x, int y, int kindCode) {
        clear();
        events = 1;
        firstT = t;
        lastT = t;
        firstPointerX = lastPointerX = x;
        firstPointerY = lastPointerY = y;
        if (kindCode == MouseKind.MOVE.code()) {
            moves = 1;
            firstMoveT = lastMoveT = t;
            firstMoveX = lastMoveX = x;
            firstMoveY = lastMoveY = y;
            leading.startAt(x, y);
            firstPoints.startAt(x, y);
            lastPoints.startAt(x, y);
            return;
        }
        boolean button = kindCode == MouseKind.DOWN.code()
                || kindCode == MouseKind.UP.code()
                || kindCode == MouseKind.CLICK.code();
        anyButton = leadingButton = trailingButton = button;
        int press = pressIndex(kindCode);
        if (press >= 0) {
            presses[press] = 1;
            pendingTeleportKind = press;
            pendingClicks = 1;
            pendingClickX[0] = x;
            pendingClickY[0] = y;
            pendingClickKind[0] = press;
        }
    }

    static int pressIndex(int kindCode) {
        if (kindCode == MouseKind.DOWN.code()) {
            return PRESS_DOWN;
        }
        return kindCode == MouseKind.CLICK.code() ? PRESS_CLICK : -1;
    }

    private void clear() {
        copyFrom(EMPTY);
    }

    private static final MouseMotion EMPTY = new MouseMotion();

    @Override
    boolean isEmpty() {
        return events == 0;
    }

    /** Of two overlapping runs, the one that starts first keeps its edges. */
    @Override
    void mergeOverlapping(MouseMotion other) {
        if (firstT <= other.firstT) {
            absorbOverlapping(other);
        } else {
            MouseMotion combined = other.copy();
            combined.absorbOverlapping(this);
            copyFrom(combined);
        }
    }

    @Override
    void stitchEdgesOf(MouseMotion later) {
        resolveClicksOf(later);
        joinMoves(later);
        lastPointerX = later.lastPointerX;
        lastPointerY = later.lastPointerY;
    }

    /**
     * Overlapping runs (a duplicate or interleaved batch): this run keeps its edges, the other's
     * open strokes count as completed and its pending clicks as unapproached.
     */
    @Override
    void absorbEdgesOf(MouseMotion other) {
        finishStroke(other.leading);
        if (other.brokenInside) {
            finishStroke(other.trailing);
        }
        for (int i = 0; i < other.pendingClicks; i++) {
            pressesWithoutApproach[other.pendingClickKind[i]]++;
        }
    }

    @Override
    void addInteriorOf(MouseMotion other) {
        events += other.events;
        speed.merge(other.speed);
        acceleration.merge(other.acceleration);
        jerk.merge(other.jerk);
        interval.merge(other.interval);
        completedStraightness.merge(other.completedStraightness);
        pauses += other.pauses;
        intervalPairs += other.intervalPairs;
        identicalIntervals += other.identicalIntervals;
        movedSegments += other.movedSegments;
        microMoves += other.microMoves;
        turns += other.turns;
        absTurnSum += other.absTurnSum;
        pathSum += other.pathSum;
        for (int i = 0; i < TURN_BINS; i++) {
            turnHistogram[i] += other.turnHistogram[i];
        }
        for (int k = 0; k < 2; k++) {
            presses[k] += other.presses[k];
            pressesWithoutApproach[k] += other.pressesWithoutApproach[k];
            teleportChecks[k] += other.teleportChecks[k];
            teleports[k] += other.teleports[k];
        }
        residualSum += other.residualSum;
        secondDiffSquares += other.secondDiffSquares;
        secondDiffLagProducts += other.secondDiffLagProducts;
        secondDiffs += other.secondDiffs;
        secondDiffPairs += other.secondDiffPairs;
    }

    private void resolveClicksOf(MouseMotion later) {
        if (later.pendingTeleportKind >= 0) {
            int kind = later.pendingTeleportKind;
            teleportChecks[kind]++;
            if (distance(lastPointerX, lastPointerY, later.firstPointerX, later.firstPointerY) > TELEPORT_PX) {
                teleports[kind]++;
            }
        }
        for (int i = 0; i < later.pendingClicks; i++) {
            int kind = later.pendingClickKind[i];
            if (moves > 0) {
                boolean approached = distance(lastMoveX, lastMoveY, later.pendingClickX[i], later.pendingClickY[i])
                        <= APPROACH_RADIUS_PX;
                if (!approached) {
                    pressesWithoutApproach[kind]++;
                }
            } else if (pendingClicks < MAX_PENDING_CLICKS) {
                pendingClickX[pendingClicks] = later.pendingClickX[i];
                pendingClickY[pendingClicks] = later.pendingClickY[i];
                pendingClickKind[pendingClicks] = kind;
                pendingClicks++;
            } else {
                // More presses before any move than we keep: none of them can have been approached
                // by a move inside this run; the one before it is not consulted (documented limit).
                pressesWithoutApproach[kind]++;
            }
        }
    }

    private void joinMoves(MouseMotion later) {
        if (later.moves == 0) {
            anyButton |= later.anyButton;
            trailingButton |= later.anyButton;
            if (moves == 0) {
                leadingButton = anyButton;
            }
            return;
        }
        if (moves == 0) {
            boolean buttonBefore = anyButton;
            copyMoveEdgesFrom(later);
            leadingButton = buttonBefore || later.leadingButton;
            anyButton = buttonBefore || later.anyButton;
            return;
        }
        long gap = later.firstMoveT - lastMoveT;
        if (gap <= STROKE_BREAK_MS) {
            interval.add(gap);
            if (gap > PAUSE_MS) {
                pauses++;
            }
            countIdentical(lastGap, gap);
            countIdentical(gap, later.firstGap);
        }
        boolean strokeBreak = trailingButton || later.leadingButton || gap > STROKE_BREAK_MS;
        if (strokeBreak) {
            if (brokenInside) {
                finishStroke(trailing); // without a break inside, this run's stroke stays the leading open one
            }
            if (later.brokenInside) {
                finishStroke(later.leading);
                trailing.copyFrom(later.trailing);
            } else {
                trailing.copyFrom(later.leading);
            }
            brokenInside = true;
            lastSpeeds.copyFrom(later.lastSpeeds);
            lastPoints.copyFrom(later.lastPoints);
            hasLastDir = later.hasLastDir;
            lastDirX = later.lastDirX;
            lastDirY = later.lastDirY;
        } else {
            joinStrokesAcross(later, gap);
        }
        firstGap = moves >= 2 ? firstGap : gap;
        lastGap = later.moves >= 2 ? later.lastGap : gap;
        lastMoveT = later.lastMoveT;
        lastMoveX = later.lastMoveX;
        lastMoveY = later.lastMoveY;
        moves += later.moves;
        anyButton |= later.anyButton;
        trailingButton = later.trailingButton;
    }

    private void countIdentical(long previousGap, long gap) {
        if (previousGap >= 0 && previousGap <= STROKE_BREAK_MS && gap >= 0 && gap <= STROKE_BREAK_MS) {
            intervalPairs++;
            if (previousGap == gap) {
                identicalIntervals++;
            }
        }
    }

    /** The boundary segment continues one stroke: add every term whose window includes it. */
    private void joinStrokesAcross(MouseMotion later, long dt) {
        int dx = later.firstMoveX - lastMoveX;
        int dy = later.firstMoveY - lastMoveY;
        double length = Kinematics.length(dx, dy);
        pathSum += length;
        boolean moved = dx != 0 || dy != 0;
        if (moved) {
            movedSegments++;
            if (length <= MICRO_MOVE_PX) {
                microMoves++;
            }
            if (hasLastDir) {
                addTurn(lastDirX, lastDirY, dx, dy);
            }
            if (later.hasFirstDir) {
                addTurn(dx, dy, later.firstDirX, later.firstDirY);
            }
        } else if (hasLastDir && later.hasFirstDir) {
            addTurn(lastDirX, lastDirY, later.firstDirX, later.firstDirY);
        }

        // Speed samples around the boundary: up to two before, the boundary one, up to two after.
        BoundaryWindows windows = boundaryWindows();
        double[] v = windows.speed;
        long[] twiceMid = windows.twiceMid;
        int[] side = windows.speedSide;
        int n = 0;
        for (int i = 0; i < lastSpeeds.count; i++, n++) {
            v[n] = lastSpeeds.speed[i];
            twiceMid[n] = lastSpeeds.twiceMidT[i];
            side[n] = -1;
        }
        boolean boundarySpeed = dt > 0;
        double boundaryV = boundarySpeed ? length / dt : 0.0;
        long boundaryTwiceMid = lastMoveT + later.firstMoveT;
        if (boundarySpeed) {
            speed.add(boundaryV);
            v[n] = boundaryV;
            twiceMid[n] = boundaryTwiceMid;
            side[n++] = 0;
        }
        for (int i = 0; i < later.firstSpeeds.count; i++, n++) {
            v[n] = later.firstSpeeds.speed[i];
            twiceMid[n] = later.firstSpeeds.twiceMidT[i];
            side[n] = 1;
        }
        // a window is new unless all its samples lie on one side (those were counted there)
        for (int i = 1; i < n; i++) {
            if (!(side[i - 1] == side[i] && side[i] != 0)) {
                acceleration.add(Math.abs(Kinematics.acceleration(v[i - 1], twiceMid[i - 1], v[i], twiceMid[i])));
            }
        }
        for (int i = 2; i < n; i++) {
            if (!(side[i - 2] == side[i - 1] && side[i - 1] == side[i] && side[i] != 0)) {
                jerk.add(Math.abs(Kinematics.jerk(
                        v[i - 2], twiceMid[i - 2], v[i - 1], twiceMid[i - 1], v[i], twiceMid[i])));
            }
        }

        addSecondDifferencesAcross(later);

        // Speed, point and direction edges of the combined run.
        if (!brokenInside) {
            for (int i = 0; i < later.firstPoints.count; i++) {
                firstPoints.offerFirst(later.firstPoints.x[i], later.firstPoints.y[i]);
            }
            if (boundarySpeed) {
                firstSpeeds.offerFirst(boundaryV, boundaryTwiceMid);
            }
            for (int i = 0; i < later.firstSpeeds.count; i++) {
                firstSpeeds.offerFirst(later.firstSpeeds.speed[i], later.firstSpeeds.twiceMidT[i]);
            }
            if (!hasFirstDir) {
                if (moved) {
                    setFirstDir(dx, dy);
                } else if (later.hasFirstDir) {
                    setFirstDir(later.firstDirX, later.firstDirY);
                }
            }
        }
        if (later.brokenInside) {
            lastSpeeds.copyFrom(later.lastSpeeds);
            lastPoints.copyFrom(later.lastPoints);
        } else {
            for (int i = 0; i < later.lastPoints.count; i++) {
                lastPoints.offerLast(later.lastPoints.x[i], later.lastPoints.y[i]);
            }
            if (boundarySpeed) {
                lastSpeeds.offerLast(boundaryV, boundaryTwiceMid);
            }
            for (int i = 0; i < later.lastSpeeds.count; i++) {
                lastSpeeds.offerLast(later.lastSpeeds.speed[i], later.lastSpeeds.twiceMidT[i]);
            }
        }
        if (later.brokenInside || later.hasLastDir) {
            hasLastDir = later.hasLastDir;
            lastDirX = later.lastDirX;
            lastDirY = later.lastDirY;
        } else if (moved) {
            hasLastDir = true;
            lastDirX = dx;
            lastDirY = dy;
        }

        // Strokes: this run's trailing stroke, the boundary segment and the later run's leading one.
        // (extended in place: the fold appends one-point runs and must not allocate per sample)
        Stroke joined = trailingStroke();
        joined.extendBy(later.leading, length);
        if (brokenInside && later.brokenInside) {
            finishStroke(joined);
            trailing.copyFrom(later.trailing);
        } else if (later.brokenInside) {
            trailing.copyFrom(later.trailing);
            brokenInside = true;
        }
    }

    /**
     * Second differences {@code p[i+1] - 2 p[i] + p[i-1]} of positions (twice a sample's distance
     * from the midpoint of its neighbours) whose three points straddle the boundary, and products of
     * consecutive ones whose four points do: from up to three points on either side.
     */
    private void addSecondDifferencesAcross(MouseMotion later) {
        BoundaryWindows windows = boundaryWindows();
        int[] x = windows.x;
        int[] y = windows.y;
        int[] side = windows.pointSide;
        int n = 0;
        for (int i = 0; i < lastPoints.count; i++, n++) {
            x[n] = lastPoints.x[i];
            y[n] = lastPoints.y[i];
            side[n] = -1;
        }
        for (int i = 0; i < later.firstPoints.count; i++, n++) {
            x[n] = later.firstPoints.x[i];
            y[n] = later.firstPoints.y[i];
            side[n] = 1;
        }
        for (int i = 2; i < n; i++) {
            int ax = x[i] - 2 * x[i - 1] + x[i - 2];
            int ay = y[i] - 2 * y[i - 1] + y[i - 2];
            if (side[i - 2] != side[i]) {
                residualSum += Kinematics.length(ax, ay) / 2;
                secondDiffSquares += (double) ax * ax + (double) ay * ay;
                secondDiffs++;
            }
            if (i >= 3 && side[i - 3] != side[i]) {
                int bx = x[i - 1] - 2 * x[i - 2] + x[i - 3];
                int by = y[i - 1] - 2 * y[i - 2] + y[i - 3];
                secondDiffLagProducts += (double) ax * bx + (double) ay * by;
                secondDiffPairs++;
            }
        }
    }

    private void setFirstDir(int dx, int dy) {
        hasFirstDir = true;
        firstDirX = dx;
        firstDirY = dy;
    }

    private void addTurn(int ax, int ay, int bx, int by) {
        double angle = Math.atan2((double) ax * by - (double) ay * bx, (double) ax * bx + (double) ay * by);
        int bin = (int) Math.floor((angle + Math.PI) / TURN_BIN_WIDTH);
        turnHistogram[Math.floorMod(bin, TURN_BINS)]++;
        absTurnSum += Math.abs(angle);
        turns++;
    }

    private Stroke trailingStroke() {
        return brokenInside ? trailing : leading;
    }

    private void finishStroke(Stroke stroke) {
        if (stroke.hasGeometry()) {
            completedStraightness.add(stroke.straightness());
        }
    }

    private void copyMoveEdgesFrom(MouseMotion other) {
        moves = other.moves;
        firstMoveT = other.firstMoveT;
        firstMoveX = other.firstMoveX;
        firstMoveY = other.firstMoveY;
        lastMoveT = other.lastMoveT;
        lastMoveX = other.lastMoveX;
        lastMoveY = other.lastMoveY;
        trailingButton = other.trailingButton;
        brokenInside = other.brokenInside;
        leading.copyFrom(other.leading);
        trailing.copyFrom(other.trailing);
        firstGap = other.firstGap;
        lastGap = other.lastGap;
        firstSpeeds.copyFrom(other.firstSpeeds);
        lastSpeeds.copyFrom(other.lastSpeeds);
        firstPoints.copyFrom(other.firstPoints);
        lastPoints.copyFrom(other.lastPoints);
        hasFirstDir = other.hasFirstDir;
        firstDirX = other.firstDirX;
        firstDirY = other.firstDirY;
        hasLastDir = other.hasLastDir;
        lastDirX = other.lastDirX;
        lastDirY = other.lastDirY;
    }

    /** Straightness of completed strokes plus the open ones at either end, without mutating. */
    RunningMoments straightnessIncludingOpenStrokes() {
        RunningMoments all = new RunningMoments();
        all.copyFrom(completedStraightness);
        if (moves > 0) {
            if (leading.hasGeometry()) {
                all.add(leading.straightness());
            }
            if (brokenInside && trailing.hasGeometry()) {
                all.add(trailing.straightness());
            }
        }
        return all;
    }

    long strokesWithGeometry() {
        return straightnessIncludingOpenStrokes().count();
    }

    /** The press kind features are measured on: mousedown when the capture reports it, else click. */
    int countedPressKind() {
        return presses[PRESS_DOWN] > 0 ? PRESS_DOWN : PRESS_CLICK;
    }

    long pressesWithoutApproachIncludingPending(int kind) {
        long count = pressesWithoutApproach[kind];
        for (int i = 0; i < pendingClicks; i++) {
            if (pendingClickKind[i] == kind) {
                count++; // no move before it in the whole session
            }
        }
        return count;
    }

    double directionEntropyBits() {
        if (turns == 0) {
            return Double.NaN;
        }
        double entropy = 0.0;
        for (long binCount : turnHistogram) {
            if (binCount > 0) {
                double p = (double) binCount / turns;
                entropy -= p * Math.log(p);
            }
        }
        return entropy / Math.log(2);
    }

    private BoundaryWindows boundaryWindows() {
        if (boundaryWindows == null) {
            boundaryWindows = new BoundaryWindows();
        }
        return boundaryWindows;
    }

    /** Speed samples and points on both sides of a boundary, from the edge state of the two runs. */
    private static final class BoundaryWindows {
        final double[] speed = new double[5];
        final long[] twiceMid = new long[5];
        final int[] speedSide = new int[5];
        final int[] x = new int[2 * PointEdge.SIZE];
        final int[] y = new int[2 * PointEdge.SIZE];
        final int[] pointSide = new int[2 * PointEdge.SIZE];
    }

    static double distance(int x1, int y1, int x2, int y2) {
        return Kinematics.length((long) x2 - x1, (long) y2 - y1);
    }

    @Override
    MouseMotion newEmpty() {
        return new MouseMotion();
    }

    @Override
    void copyFrom(MouseMotion o) {
        events = o.events;
        moves = o.moves;
        speed.copyFrom(o.speed);
        acceleration.copyFrom(o.acceleration);
        jerk.copyFrom(o.jerk);
        interval.copyFrom(o.interval);
        completedStraightness.copyFrom(o.completedStraightness);
        pauses = o.pauses;
        intervalPairs = o.intervalPairs;
        identicalIntervals = o.identicalIntervals;
        movedSegments = o.movedSegments;
        microMoves = o.microMoves;
        turns = o.turns;
        absTurnSum = o.absTurnSum;
        pathSum = o.pathSum;
        System.arraycopy(o.turnHistogram, 0, turnHistogram, 0, TURN_BINS);
        System.arraycopy(o.presses, 0, presses, 0, 2);
        System.arraycopy(o.pressesWithoutApproach, 0, pressesWithoutApproach, 0, 2);
        System.arraycopy(o.teleportChecks, 0, teleportChecks, 0, 2);
        System.arraycopy(o.teleports, 0, teleports, 0, 2);
        residualSum = o.residualSum;
        secondDiffSquares = o.secondDiffSquares;
        secondDiffLagProducts = o.secondDiffLagProducts;
        secondDiffs = o.secondDiffs;
        secondDiffPairs = o.secondDiffPairs;
        firstT = o.firstT;
        lastT = o.lastT;
        firstPointerX = o.firstPointerX;
        firstPointerY = o.firstPointerY;
        lastPointerX = o.lastPointerX;
        lastPointerY = o.lastPointerY;
        pendingTeleportKind = o.pendingTeleportKind;
        pendingClicks = o.pendingClicks;
        System.arraycopy(o.pendingClickX, 0, pendingClickX, 0, MAX_PENDING_CLICKS);
        System.arraycopy(o.pendingClickY, 0, pendingClickY, 0, MAX_PENDING_CLICKS);
        System.arraycopy(o.pendingClickKind, 0, pendingClickKind, 0, MAX_PENDING_CLICKS);
        anyButton = o.anyButton;
        leadingButton = o.leadingButton;
        copyMoveEdgesFrom(o);
    }

    void writeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, events);
        if (events == 0) {
            return;
        }
        BinaryForm.writeVarLong(out, moves);
        speed.writeTo(out);
        acceleration.writeTo(out);
        jerk.writeTo(out);
        interval.writeTo(out);
        completedStraightness.writeTo(out);
        BinaryForm.writeVarLong(out, pauses);
        BinaryForm.writeVarLong(out, intervalPairs);
        BinaryForm.writeVarLong(out, identicalIntervals);
        BinaryForm.writeVarLong(out, movedSegments);
        BinaryForm.writeVarLong(out, microMoves);
        BinaryForm.writeVarLong(out, turns);
        out.writeDouble(absTurnSum);
        out.writeDouble(pathSum);
        for (long binCount : turnHistogram) {
            BinaryForm.writeVarLong(out, binCount);
        }
        for (int k = 0; k < 2; k++) {
            BinaryForm.writeVarLong(out, presses[k]);
            BinaryForm.writeVarLong(out, pressesWithoutApproach[k]);
            BinaryForm.writeVarLong(out, teleportChecks[k]);
            BinaryForm.writeVarLong(out, teleports[k]);
        }
        BinaryForm.writeVarLong(out, firstT);
        BinaryForm.writeVarLong(out, lastT - firstT);
        BinaryForm.writeVarInt(out, firstPointerX);
        BinaryForm.writeVarInt(out, firstPointerY);
        BinaryForm.writeVarInt(out, lastPointerX);
        BinaryForm.writeVarInt(out, lastPointerY);
        BinaryForm.writeVarInt(out, pendingTeleportKind);
        BinaryForm.writeVarInt(out, pendingClicks);
        for (int i = 0; i < pendingClicks; i++) {
            BinaryForm.writeVarInt(out, pendingClickX[i]);
            BinaryForm.writeVarInt(out, pendingClickY[i]);
            BinaryForm.writeVarInt(out, pendingClickKind[i]);
        }
        out.writeByte((anyButton ? 1 : 0) | (leadingButton ? 2 : 0) | (trailingButton ? 4 : 0)
                | (brokenInside ? 8 : 0) | (hasFirstDir ? 16 : 0) | (hasLastDir ? 32 : 0));
        if (moves == 0) {
            return;
        }
        BinaryForm.writeVarLong(out, firstMoveT - firstT);
        BinaryForm.writeVarInt(out, firstMoveX);
        BinaryForm.writeVarInt(out, firstMoveY);
        BinaryForm.writeVarLong(out, lastMoveT - firstT);
        BinaryForm.writeVarInt(out, lastMoveX);
        BinaryForm.writeVarInt(out, lastMoveY);
        leading.writeTo(out);
        if (brokenInside) {
            trailing.writeTo(out);
        }
        BinaryForm.writeVarLong(out, firstGap);
        BinaryForm.writeVarLong(out, lastGap);
        firstSpeeds.writeTo(out, firstT);
        lastSpeeds.writeTo(out, firstT);
        BinaryForm.writeVarInt(out, firstDirX);
        BinaryForm.writeVarInt(out, firstDirY);
        BinaryForm.writeVarInt(out, lastDirX);
        BinaryForm.writeVarInt(out, lastDirY);
    }

    /**
     * Reads what {@link #writeTo} wrote into a new run (whose fields are the empty run's already).
     *
     * @param version the accumulator's binary form: before 9 each pending click carries its time
     */
    void readFrom(DataInput in, int version) throws IOException {
        events = BinaryForm.readVarLong(in);
        if (events == 0) {
            return;
        }
        moves = BinaryForm.readVarLong(in);
        speed.readFrom(in);
        acceleration.readFrom(in);
        jerk.readFrom(in);
        interval.readFrom(in);
        completedStraightness.readFrom(in);
        pauses = BinaryForm.readVarLong(in);
        intervalPairs = BinaryForm.readVarLong(in);
        identicalIntervals = BinaryForm.readVarLong(in);
        movedSegments = BinaryForm.readVarLong(in);
        microMoves = BinaryForm.readVarLong(in);
        turns = BinaryForm.readVarLong(in);
        absTurnSum = in.readDouble();
        pathSum = in.readDouble();
        for (int i = 0; i < TURN_BINS; i++) {
            turnHistogram[i] = BinaryForm.readVarLong(in);
        }
        for (int k = 0; k < 2; k++) {
            presses[k] = BinaryForm.readVarLong(in);
            pressesWithoutApproach[k] = BinaryForm.readVarLong(in);
            teleportChecks[k] = BinaryForm.readVarLong(in);
            teleports[k] = BinaryForm.readVarLong(in);
        }
        firstT = BinaryForm.readVarLong(in);
        lastT = firstT + BinaryForm.readVarLong(in);
        firstPointerX = BinaryForm.readVarInt(in);
        firstPointerY = BinaryForm.readVarInt(in);
        lastPointerX = BinaryForm.readVarInt(in);
        lastPointerY = BinaryForm.readVarInt(in);
        pendingTeleportKind = BinaryForm.readVarInt(in);
        pendingClicks = BinaryForm.readVarInt(in);
        if (pendingClicks < 0 || pendingClicks > MAX_PENDING_CLICKS) {
            throw new IOException("pending clicks out of range: " + pendingClicks);
        }
        for (int i = 0; i < pendingClicks; i++) {
            if (version < 9) {
                BinaryForm.readVarLong(in); // the click's time, which forms before 9 kept
            }
            pendingClickX[i] = BinaryForm.readVarInt(in);
            pendingClickY[i] = BinaryForm.readVarInt(in);
            pendingClickKind[i] = BinaryForm.readVarInt(in);
        }
        int flags = in.readUnsignedByte();
        anyButton = (flags & 1) != 0;
        leadingButton = (flags & 2) != 0;
        trailingButton = (flags & 4) != 0;
        brokenInside = (flags & 8) != 0;
        hasFirstDir = (flags & 16) != 0;
        hasLastDir = (flags & 32) != 0;
        if (moves == 0) {
            return;
        }
        firstMoveT = firstT + BinaryForm.readVarLong(in);
        firstMoveX = BinaryForm.readVarInt(in);
        firstMoveY = BinaryForm.readVarInt(in);
        lastMoveT = firstT + BinaryForm.readVarLong(in);
        lastMoveX = BinaryForm.readVarInt(in);
        lastMoveY = BinaryForm.readVarInt(in);
        leading.readFrom(in);
        if (brokenInside) {
            trailing.readFrom(in);
        }
        firstGap = BinaryForm.readVarLong(in);
        lastGap = BinaryForm.readVarLong(in);
        firstSpeeds.readFrom(in, firstT);
        lastSpeeds.readFrom(in, firstT);
        firstDirX = BinaryForm.readVarInt(in);
        firstDirY = BinaryForm.readVarInt(in);
        lastDirX = BinaryForm.readVarInt(in);
        lastDirY = BinaryForm.readVarInt(in);
    }

    /** The shape state added in binary form v3, written after the rest of the run. */
    void writeShapeTo(DataOutput out) throws IOException {
        BinaryForm.writeVarLong(out, secondDiffs);
        BinaryForm.writeVarLong(out, secondDiffPairs);
        if (secondDiffs > 0 || secondDiffPairs > 0) {
            out.writeDouble(residualSum);
            out.writeDouble(secondDiffSquares);
            out.writeDouble(secondDiffLagProducts);
        }
        if (moves > 0) {
            firstPoints.writeTo(out);
            lastPoints.writeTo(out);
        }
    }

    /** Reads what {@link #writeShapeTo} wrote, after {@link #readFrom}. */
    void readShapeFrom(DataInput in) throws IOException {
        secondDiffs = BinaryForm.readVarLong(in);
        secondDiffPairs = BinaryForm.readVarLong(in);
        if (secondDiffs > 0 || secondDiffPairs > 0) {
            residualSum = in.readDouble();
            secondDiffSquares = in.readDouble();
            secondDiffLagProducts = in.readDouble();
        }
        if (moves > 0) {
            firstPoints.readFrom(in);
            lastPoints.readFrom(in);
        }
    }

    /** An open stroke at an edge of a run: where it starts and ends, how many samples, how much path. */
    static final class Stroke {
        int startX;
        int startY;
        int endX;
        int endY;
        long points;
        double path;

        void startAt(int x, int y) {
            startX = endX = x;
            startY = endY = y;
            points = 1;
            path = 0.0;
        }

        /** Appends {@code next}, joined to this stroke's end by a segment of {@code gapLength} px. */
        void extendBy(Stroke next, double gapLength) {
            path = path + gapLength + next.path;
            points += next.points;
            endX = next.endX;
            endY = next.endY;
        }

        boolean hasGeometry() {
            return points >= MIN_STROKE_POINTS && path >= MIN_STROKE_PATH_PX;
        }

        /** Chord over path; at most 1 (integer rounding can make the chord a hair longer). */
        double straightness() {
            return Math.min(1.0, distance(startX, startY, endX, endY) / path);
        }

        void copyFrom(Stroke o) {
            startX = o.startX;
            startY = o.startY;
            endX = o.endX;
            endY = o.endY;
            points = o.points;
            path = o.path;
        }

        void writeTo(DataOutput out) throws IOException {
            BinaryForm.writeVarInt(out, startX);
            BinaryForm.writeVarInt(out, startY);
            BinaryForm.writeVarInt(out, endX);
            BinaryForm.writeVarInt(out, endY);
            BinaryForm.writeVarLong(out, points);
            out.writeDouble(path);
        }

        void readFrom(DataInput in) throws IOException {
            startX = BinaryForm.readVarInt(in);
            startY = BinaryForm.readVarInt(in);
            endX = BinaryForm.readVarInt(in);
            endY = BinaryForm.readVarInt(in);
            points = BinaryForm.readVarLong(in);
            path = in.readDouble();
        }
    }

    /** Up to two speed samples at one edge of a stroke, oldest first, with twice their mid time. */
    static final class SpeedEdge {
        int count;
        final double[] speed = new double[2];
        final long[] twiceMidT = new long[2];

        /** For the leading edge: keeps the first two offered. */
        void offerFirst(double v, long twiceMid) {
            if (count < 2) {
                speed[count] = v;
                twiceMidT[count] = twiceMid;
                count++;
            }
        }

        /** For the trailing edge: keeps the last two offered. */
        void offerLast(double v, long twiceMid) {
            if (count == 2) {
                speed[0] = speed[1];
                twiceMidT[0] = twiceMidT[1];
                count = 1;
            }
            speed[count] = v;
            twiceMidT[count] = twiceMid;
            count++;
        }

        void copyFrom(SpeedEdge o) {
            count = o.count;
            speed[0] = o.speed[0];
            speed[1] = o.speed[1];
            twiceMidT[0] = o.twiceMidT[0];
            twiceMidT[1] = o.twiceMidT[1];
        }

        void writeTo(DataOutput out, long base) throws IOException {
            out.writeByte(count);
            for (int i = 0; i < count; i++) {
                out.writeDouble(speed[i]);
                BinaryForm.writeVarLong(out, twiceMidT[i] - 2 * base);
            }
        }

        void readFrom(DataInput in, long base) throws IOException {
            count = in.readUnsignedByte();
            if (count > 2) {
                throw new IOException("speed edge count out of range: " + count);
            }
            for (int i = 0; i < count; i++) {
                speed[i] = in.readDouble();
                twiceMidT[i] = 2 * base + BinaryForm.readVarLong(in);
            }
        }
    }

    /** Up to three positions at one edge of a stroke, oldest first: second differences and their lag need them. */
    static final class PointEdge {
        static final int SIZE = 3;
        int count;
        final int[] x = new int[SIZE];
        final int[] y = new int[SIZE];

        void startAt(int px, int py) {
            count = 1;
            x[0] = px;
            y[0] = py;
        }

        /** For the leading edge: keeps the first three offered. */
        void offerFirst(int px, int py) {
            if (count < SIZE) {
                x[count] = px;
                y[count] = py;
                count++;
            }
        }

        /** For the trailing edge: keeps the last three offered. */
        void offerLast(int px, int py) {
            if (count == SIZE) {
                System.arraycopy(x, 1, x, 0, SIZE - 1);
                System.arraycopy(y, 1, y, 0, SIZE - 1);
                count--;
            }
            x[count] = px;
            y[count] = py;
            count++;
        }

        void copyFrom(PointEdge o) {
            count = o.count;
            System.arraycopy(o.x, 0, x, 0, SIZE);
            System.arraycopy(o.y, 0, y, 0, SIZE);
        }

        void writeTo(DataOutput out) throws IOException {
            out.writeByte(count);
            for (int i = 0; i < count; i++) {
                BinaryForm.writeVarInt(out, x[i]);
                BinaryForm.writeVarInt(out, y[i]);
            }
        }

        void readFrom(DataInput in) throws IOException {
            count = in.readUnsignedByte();
            if (count > SIZE) {
                throw new IOException("point edge count out of range: " + count);
            }
            for (int i = 0; i < count; i++) {
                x[i] = BinaryForm.readVarInt(in);
                y[i] = BinaryForm.readVarInt(in);
            }
        }
    }
}
