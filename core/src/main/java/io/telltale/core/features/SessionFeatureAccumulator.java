package io.telltale.core.features;

import io.telltale.core.session.DeviceFingerprint;
import io.telltale.core.trajectory.StrokeShapes;
import io.telltale.core.trajectory.TrajectoryFingerprint;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.ScrollTrack;
import io.telltale.core.wire.SessionContext;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.TouchTrack;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The running behavioural summary of one session, folded from its telemetry batches in any order,
 * in O(1) space: no raw event is kept. Each modality is a summary of a time-ordered run of samples
 * with edge state at both ends ({@link MouseMotion}, {@link KeystrokeRhythm}, {@link ScrollRhythm},
 * {@link TouchContacts}); {@link #add} summarises the batch alone and {@link #merge}s it in.
 *
 * <p>Adjacency comes from the client sequence number: the accumulator keeps the session as a few
 * runs of consecutive batches ({@link SessionRun}). A batch or accumulator whose sequences directly
 * follow (or precede) a run is stitched onto it: every term whose window straddles the boundary
 * (the boundary segment's speed, the accelerations and jerks around it, turning angles, the
 * interval before and after, a stroke continuing across, a click whose approaching move was in
 * the earlier batch, a key released in the later batch) is computed from the edge state, so the
 * result equals that of one batch holding both, whatever the arrival order or merge grouping.
 * Within a stitch each modality is ordered by time; if the two overlap in time, or their sequence
 * ranges overlap (a duplicated batch, a client that does not number its batches), the moments are
 * added and nothing is computed across them. Runs separated by a batch not yet seen stay apart
 * until it arrives; {@link #features()} combines them without stitching. Beyond {@link #MAX_RUNS}
 * (batches lost for good) the two runs closest in sequence are joined as if adjacent.
 *
 * <p>Not thread-safe; one instance per session window, as Flink uses accumulators.
 */
public final class SessionFeatureAccumulator {

    /**
     * First byte of the binary form. 11 added the pointer's travel before presses (a press made
     * while still moving); 10 added presses to the pointer grid (a press ends a movement
     * for the homing share); 9 dropped the times of clicks awaiting their approach test (a click is
     * approached however long the pointer rested); 8 added the histogram of key intervals; 7 the
     * pointer grid's movement ends; 6 the word structure of typing (log flights within words and
     * into a word); 5 the trajectory fingerprint; 4 the pointer grid; 3 the shape state (path
     * residuals, key-interval skewness); 2 the session context. 1 to 10 are still read: what they lack is unknown, NaN, empty (the trajectory
     * fingerprint) or counted from then on (movement ends, key intervals in the histogram).
     */
    static final int FORMAT_VERSION = 11;

    /** Speed samples (segments with positive duration, inside strokes) needed for speed statistics. */
    public static final int MIN_SPEED_SAMPLES = 20;
    /** Steps of the 200 ms pointer grid needed for its features: two seconds of movement. */
    public static final int MIN_GRID_STEPS = 10;
    /** Aimed movement ends needed for the share that slows into its end. */
    static final int MIN_MOVEMENT_ENDS = 8;
    /** Acceleration (or jerk) samples needed for their coefficient of variation. */
    public static final int MIN_DERIVATIVE_SAMPLES = 20;
    /** Strokes with enough geometry needed for the mean straightness. */
    public static final int MIN_STROKES = 3;
    /**
     * Strokes needed for the spread of straightness: the SD of three or four values says little. At
     * three, people in 60 s of Balabit whose few strokes were all straight scored as high as 0.806
     * (evaluation/README.md, "Straightness spread: eight strokes").
     */
    static final int MIN_STROKES_FOR_SPREAD = 8;
    /** Turning angles needed for curvature and direction entropy: fewer fill too few of 12 bins. */
    public static final int MIN_TURNS = 20;
    /** Inter-sample intervals (or moved segments) needed for pause, micro-move and interval features. */
    public static final int MIN_MOUSE_INTERVALS = 20;
    /**
     * Presses needed for click approach and teleport shares: with fewer, one odd press swings the
     * share by a third or more (a DELBOT touchpad recording with 3 presses read as 100 %).
     */
    public static final int MIN_CLICKS = 5;
    /**
     * {@link Feature#CLICK_WHILE_MOVING_SHARE}'s rule, for tools that measure it per press: the
     * pointer this many ms before the press, that instant rounded down to {@link #PRESS_TICK_MS},
     * interpolated between the moves around it when they are at most {@link #STROKE_BREAK_MS} apart.
     */
    public static final long PRESS_LOOKBACK_MS = PressTravel.LOOKBACK_MS;
    public static final long PRESS_TICK_MS = PressTravel.TICK_MS;
    /** A longer pause between moves breaks a stroke; shorter ones are interpolated across. */
    public static final long STROKE_BREAK_MS = MouseMotion.STROKE_BREAK_MS;
    /** Dwell or flight samples needed for keystroke rhythm: roughly one short word plus spaces. */
    public static final int MIN_KEY_SAMPLES = 10;
    /**
     * Flights from a space into a word needed to compare them with the flights inside words: five
     * words. Fewer leave the comparison to chance (its SD for a script is about sqrt(1/n) SDs).
     */
    public static final int MIN_WORD_STARTS = 5;
    /**
     * Key intervals needed for the share of long ones. Fewer still give a bound, only a loose one:
     * it cannot fall below 0.04 before 65 intervals.
     */
    static final int MIN_TAIL_INTERVALS = 20;
    /** z of the one-sided 95% Wilson bounds on shares: of long key intervals, of presses made while moving. */
    private static final double SHARE_BOUND_Z = 1.645;
    /** Scroll intervals needed for scroll rhythm. */
    public static final int MIN_SCROLL_INTERVALS = 10;
    /** Completed touch contacts needed for contact duration and movement. */
    public static final int MIN_TOUCH_CONTACTS = 3;
    /** Touch samples reporting radius (or force) needed for its coefficient of variation. */
    public static final int MIN_TOUCH_SAMPLES = 10;

    /**
     * Separate runs kept while batches between them are missing. Batches of one tab arrive nearly in
     * order; more than a few holes at once means they were lost, and waiting buys nothing.
     */
    static final int MAX_RUNS = 4;

    private long batches;
    private String userId;
    private long userIdAt = Long.MIN_VALUE;
    /** Where the session came from, as of the batch that started last ({@link #contextAt}). */
    private SessionContext context = SessionContext.UNKNOWN;
    private long contextAt = Long.MIN_VALUE;
    /** Disjoint runs of consecutive batches, ordered by sequence. */
    private final List<SessionRun> runs = new ArrayList<>(1);
    private final DeviceTells device = new DeviceTells();
    /** Shapes of the complete strokes, for finding replayed trajectories across sessions; bounded. */
    private TrajectoryFingerprint trajectory = new TrajectoryFingerprint();

    public SessionFeatureAccumulator() {}

    /** Folds one batch in; batches may come in any order. Samples within a track are taken in time order. */
    public void add(TelemetryBatch batch) {
        batches++;
        if (batch.userId() != null && (userId == null || batch.startedAt() >= userIdAt)) {
            userId = batch.userId();
            userIdAt = batch.startedAt();
        }
        if (batch.startedAt() >= contextAt) {
            context = new SessionContext(batch.route(), batch.clientIp(), batch.userAgent(),
                    DeviceFingerprint.of(batch.userAgent(), batch.device()));
            contextAt = batch.startedAt();
        }
        device.observe(batch.device(), batch.userAgent());
        StrokeShapes.fold(batch, trajectory);
        SessionRun run = new SessionRun();
        run.firstSequence = batch.sequence();
        run.lastSequence = batch.sequence();
        foldMouse(batch.startedAt(), batch.mouse(), run.mouse, run.grid, run.pressTravel);
        foldKeys(batch.startedAt(), batch.keys(), run.keys);
        foldScroll(batch.startedAt(), batch.scroll(), run.scroll);
        foldTouch(batch.startedAt(), batch.touch(), run.touch);
        insert(run);
    }

    /** Adds a run, stitching it to every run it follows, precedes or overlaps. */
    private void insert(SessionRun run) {
        SessionRun joined = run;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < runs.size(); i++) {
                SessionRun existing = runs.get(i);
                if (existing.overlaps(joined) || existing.isFollowedBy(joined) || joined.isFollowedBy(existing)) {
                    runs.remove(i);
                    existing.merge(joined);
                    joined = existing;
                    changed = true;
                    break;
                }
            }
        }
        int at = 0;
        while (at < runs.size() && runs.get(at).firstSequence < joined.firstSequence) {
            at++;
        }
        runs.add(at, joined);
        if (runs.size() > MAX_RUNS) {
            int closest = 0;
            for (int i = 1; i + 1 < runs.size(); i++) {
                if (runs.get(i + 1).firstSequence - runs.get(i).lastSequence
                        < runs.get(closest + 1).firstSequence - runs.get(closest).lastSequence) {
                    closest = i;
                }
            }
            SessionRun later = runs.remove(closest + 1);
            runs.get(closest).merge(later);
        }
    }

    private static void foldMouse(long base, MouseTrack track, MouseMotion into, PointerGrid grid, PressTravel travel) {
        int n = minLength(track.t().length, track.x().length, track.y().length, track.kind().length);
        int[] order = timeOrder(track.t(), n);
        MouseMotion sample = new MouseMotion();
        PointerGrid move = new PointerGrid();
        PressTravel step = new PressTravel();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long t = base + track.t()[i];
            sample.resetToSample(t, track.x()[i], track.y()[i], track.kind()[i]);
            into.append(sample);
            if (track.kind()[i] == MouseKind.MOVE.code()) {
                move.resetToMove(t, track.x()[i], track.y()[i]);
                grid.append(move);
                step.resetToMove(t, track.x()[i], track.y()[i]);
                travel.append(step);
            } else if (track.kind()[i] == MouseKind.DOWN.code()) {
                move.resetToPress(t);
                grid.append(move);
                step.resetToPress(t, track.x()[i], track.y()[i]);
                travel.append(step);
            }
        }
    }

    private static void foldKeys(long base, KeyTrack track, KeystrokeRhythm into) {
        int n = minLength(track.t().length, track.down().length, track.keyClass().length, Integer.MAX_VALUE);
        int[] order = timeOrder(track.t(), n);
        KeystrokeRhythm sample = new KeystrokeRhythm();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sample.resetToSample(base + track.t()[i], track.down()[i], track.keyClass()[i]);
            into.append(sample);
        }
    }

    private static void foldScroll(long base, ScrollTrack track, ScrollRhythm into) {
        int n = minLength(track.t().length, track.dx().length, track.dy().length, Integer.MAX_VALUE);
        int[] order = timeOrder(track.t(), n);
        ScrollRhythm sample = new ScrollRhythm();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sample.resetToSample(base + track.t()[i], track.dx()[i], track.dy()[i]);
            into.append(sample);
        }
    }

    private static void foldTouch(long base, TouchTrack track, TouchContacts into) {
        int n = minLength(track.t().length, track.x().length, track.y().length, track.phase().length);
        float[] radius = track.radius() != null && track.radius().length >= n ? track.radius() : null;
        float[] force = track.force() != null && track.force().length >= n ? track.force() : null;
        int[] order = timeOrder(track.t(), n);
        TouchContacts sample = new TouchContacts();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            sample.resetToSample(base + track.t()[i], track.x()[i], track.y()[i], track.phase()[i],
                    radius == null ? Float.NaN : radius[i], force == null ? Float.NaN : force[i]);
            into.append(sample);
        }
    }

    private static int minLength(int a, int b, int c, int d) {
        return Math.min(Math.min(a, b), Math.min(c, d));
    }

    /** Indices in time order, stable for equal times; the identity when already sorted (the usual case). */
    private static int[] timeOrder(int[] t, int n) {
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (i > 0 && t[i] < t[i - 1]) {
                sorted = false;
            }
        }
        if (!sorted) {
            // insertion sort: stable, and batches are short and nearly sorted
            for (int i = 1; i < n; i++) {
                int current = order[i];
                int j = i - 1;
                while (j >= 0 && t[order[j]] > t[current]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = current;
            }
        }
        return order;
    }

    /** Folds another accumulator of the same session in (Flink merges them when session windows merge). */
    public void merge(SessionFeatureAccumulator other) {
        fold(other, false);
    }

    /**
     * {@link #merge}, taking over {@code other}'s runs instead of copying them: for an accumulator
     * that is not used again, as the session window's are (a batch's own, and one read from state).
     * Copying the runs was 6 % of the session thread's profile (docs/benchmarks.md).
     */
    public void mergeConsuming(SessionFeatureAccumulator other) {
        fold(other, true);
        other.runs.clear();
    }

    private void fold(SessionFeatureAccumulator other, boolean takeRuns) {
        batches += other.batches;
        if (other.userId != null && (userId == null || other.userIdAt >= userIdAt)) {
            userId = other.userId;
            userIdAt = other.userIdAt;
        }
        if (other.contextAt >= contextAt) {
            context = other.context;
            contextAt = other.contextAt;
        }
        for (SessionRun run : other.runs) {
            insert(takeRuns ? run : run.copy());
        }
        device.merge(other.device);
        trajectory.merge(other.trajectory);
    }

    public EventCounts counts() {
        return countsOf(whole());
    }

    /** All runs as one summary; runs apart are combined without stitching. */
    private SessionRun whole() {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        SessionRun whole = new SessionRun();
        for (SessionRun run : runs) {
            whole.absorb(run);
        }
        return whole;
    }

    private EventCounts countsOf(SessionRun run) {
        MouseMotion mouse = run.mouse;
        long clicks = Math.max(mouse.presses[MouseMotion.PRESS_DOWN], mouse.presses[MouseMotion.PRESS_CLICK]);
        return new EventCounts(batches, mouse.events, mouse.strokesWithGeometry(), clicks,
                run.keys.events, run.scroll.events, run.touch.events);
    }

    /** The latest non-null user id seen, by batch start time; null if none. */
    /** Where the session came from, as of its latest batch. */
    public SessionContext context() {
        return context;
    }

    public String userId() {
        return userId;
    }

    /** The session's trajectory fingerprint so far. */
    public TrajectoryFingerprint trajectory() {
        return trajectory.copy();
    }

    /** Epoch ms of the earliest interaction sample, {@link Long#MAX_VALUE} when there is none. */
    public long firstEventTime() {
        long first = Long.MAX_VALUE;
        for (SessionRun run : runs) {
            first = Math.min(first, run.firstT());
        }
        return first;
    }

    /** Epoch ms of the latest interaction sample, {@link Long#MIN_VALUE} when there is none. */
    public long lastEventTime() {
        long last = Long.MIN_VALUE;
        for (SessionRun run : runs) {
            last = Math.max(last, run.lastT());
        }
        return last;
    }

    /** The feature vector of what has been seen so far; does not change the accumulator. */
    public SessionFeatures features() {
        SessionRun whole = whole();
        MouseMotion mouse = whole.mouse;
        KeystrokeRhythm keys = whole.keys;
        ScrollRhythm scroll = whole.scroll;
        TouchContacts touch = whole.touch;
        SessionFeatures.Builder f = SessionFeatures.builder(countsOf(whole));

        f.set(Feature.MOUSE_SPEED_MEAN, mouse.speed.meanIfAtLeast(MIN_SPEED_SAMPLES));
        f.set(Feature.MOUSE_SPEED_CV, mouse.speed.coefficientOfVariation(MIN_SPEED_SAMPLES));
        f.set(Feature.MOUSE_ACCELERATION_CV, mouse.acceleration.coefficientOfVariation(MIN_DERIVATIVE_SAMPLES));
        f.set(Feature.MOUSE_JERK_CV, mouse.jerk.coefficientOfVariation(MIN_DERIVATIVE_SAMPLES));

        RunningMoments straightness = mouse.straightnessIncludingOpenStrokes();
        if (straightness.count() >= MIN_STROKES) {
            f.set(Feature.MOUSE_STRAIGHTNESS_MEAN, straightness.mean());
        }
        if (straightness.count() >= MIN_STROKES_FOR_SPREAD) {
            f.set(Feature.MOUSE_STRAIGHTNESS_STD, straightness.std());
        }
        if (mouse.turns >= MIN_TURNS && mouse.pathSum > 0) {
            f.set(Feature.MOUSE_CURVATURE_MEAN, mouse.absTurnSum / mouse.pathSum);
            f.set(Feature.MOUSE_DIRECTION_ENTROPY, mouse.directionEntropyBits());
        }
        if (mouse.secondDiffs >= MIN_SPEED_SAMPLES && mouse.pathSum > 0) {
            f.set(Feature.MOUSE_PATH_RESIDUAL, mouse.residualSum / mouse.pathSum);
        }
        if (mouse.secondDiffPairs >= MIN_SPEED_SAMPLES && mouse.secondDiffSquares > 0) {
            f.set(Feature.MOUSE_RESIDUAL_AUTOCORRELATION, (mouse.secondDiffLagProducts / mouse.secondDiffPairs)
                    / (mouse.secondDiffSquares / mouse.secondDiffs));
        }
        PointerGrid grid = whole.grid;
        f.set(Feature.MOUSE_GRID_SPEED_CV, grid.speed.coefficientOfVariation(MIN_GRID_STEPS));
        if (grid.secondDiffs >= MIN_GRID_STEPS && grid.pathSum > 0) {
            f.set(Feature.MOUSE_GRID_RESIDUAL, grid.residualSum / grid.pathSum);
        }
        if (grid.secondDiffPairs >= MIN_GRID_STEPS && grid.secondDiffSquares > 0) {
            f.set(Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION, (grid.secondDiffLagProducts / grid.secondDiffPairs)
                    / (grid.secondDiffSquares / grid.secondDiffs));
        }
        if (grid.movingSteps >= MIN_GRID_STEPS) {
            f.set(Feature.MOUSE_SUBMOVEMENT_RATE,
                    grid.speedPeaks / (grid.movingSteps * (PointerGrid.GRID_MS / 1000.0)));
        }
        f.set(Feature.MOUSE_HOMING_SHARE, grid.homingShare(MIN_MOVEMENT_ENDS));
        long intervals = mouse.interval.count();
        if (intervals >= MIN_MOUSE_INTERVALS) {
            f.set(Feature.MOUSE_PAUSE_SHARE, (double) mouse.pauses / intervals);
            f.set(Feature.MOUSE_INTERVAL_CV, mouse.interval.coefficientOfVariation(MIN_MOUSE_INTERVALS));
        }
        if (mouse.intervalPairs >= MIN_MOUSE_INTERVALS) {
            f.set(Feature.MOUSE_IDENTICAL_INTERVAL_SHARE, (double) mouse.identicalIntervals / mouse.intervalPairs);
        }
        if (mouse.movedSegments >= MIN_MOUSE_INTERVALS) {
            f.set(Feature.MOUSE_MICRO_MOVE_SHARE, (double) mouse.microMoves / mouse.movedSegments);
        }
        int press = mouse.countedPressKind();
        long presses = mouse.presses[press];
        if (presses >= MIN_CLICKS) {
            f.set(Feature.CLICK_NO_APPROACH_SHARE,
                    (double) mouse.pressesWithoutApproachIncludingPending(press) / presses);
        }
        if (mouse.teleportChecks[press] >= MIN_CLICKS) {
            f.set(Feature.MOUSE_TELEPORT_SHARE, (double) mouse.teleports[press] / mouse.teleportChecks[press]);
        }
        PressTravel travel = whole.pressTravel;
        if (travel.graded >= MIN_CLICKS) {
            f.set(Feature.CLICK_WHILE_MOVING_SHARE,
                    wilsonLowerBound((double) travel.moving / travel.graded, travel.graded, SHARE_BOUND_Z));
        }

        f.set(Feature.KEY_DWELL_MEAN, keys.dwell.meanIfAtLeast(MIN_KEY_SAMPLES));
        f.set(Feature.KEY_DWELL_CV, keys.dwell.coefficientOfVariation(MIN_KEY_SAMPLES));
        f.set(Feature.KEY_FLIGHT_MEAN, keys.flight.meanIfAtLeast(MIN_KEY_SAMPLES));
        f.set(Feature.KEY_FLIGHT_CV, keys.flight.coefficientOfVariation(MIN_KEY_SAMPLES));
        f.set(Feature.KEY_FLIGHT_SKEW, keys.flightShape.skewness(MIN_KEY_SAMPLES));
        if (keys.logFlight.count() >= MIN_KEY_SAMPLES) {
            f.set(Feature.KEY_FLIGHT_LOG_SD, keys.logFlight.std());
        }
        f.set(Feature.KEY_DWELL_SKEW, keys.dwellShape.skewness(MIN_KEY_SAMPLES));
        RunningMoments withinWord = keys.withinWordLogFlight;
        if (keys.wordStartLogFlight.count() >= MIN_WORD_STARTS && withinWord.count() >= MIN_KEY_SAMPLES
                && withinWord.std() > 0) {
            f.set(Feature.KEY_WORD_START_SHIFT, (keys.wordStartLogFlight.mean() - withinWord.mean()) / withinWord.std());
        }
        long keyIntervals = keys.flightOctaves.count();
        if (keyIntervals >= MIN_TAIL_INTERVALS) {
            f.set(Feature.KEY_FLIGHT_TAIL_SHARE,
                    wilsonUpperBound(keys.flightOctaves.shareAtLeastTwiceMedian(), keyIntervals, SHARE_BOUND_Z));
        }

        long scrollIntervals = scroll.interval.count();
        if (scrollIntervals >= MIN_SCROLL_INTERVALS) {
            f.set(Feature.SCROLL_INTERVAL_CV, scroll.interval.coefficientOfVariation(MIN_SCROLL_INTERVALS));
            f.set(Feature.SCROLL_PAUSE_SHARE, (double) scroll.pauses / scrollIntervals);
            f.set(Feature.SCROLL_DELTA_CV, scroll.delta.coefficientOfVariation(MIN_SCROLL_INTERVALS));
        }

        f.set(Feature.TOUCH_DURATION_MEAN, touch.duration.meanIfAtLeast(MIN_TOUCH_CONTACTS));
        f.set(Feature.TOUCH_MOVEMENT_MEAN, touch.movement.meanIfAtLeast(MIN_TOUCH_CONTACTS));
        f.set(Feature.TOUCH_RADIUS_CV, touch.radius.coefficientOfVariation(MIN_TOUCH_SAMPLES));
        f.set(Feature.TOUCH_FORCE_CV, touch.force.coefficientOfVariation(MIN_TOUCH_SAMPLES));

        f.set(Feature.DEVICE_WEBDRIVER, device.webdriver ? 1.0 : 0.0);
        f.set(Feature.DEVICE_HEADLESS_HINTS, device.hintCount);
        f.set(Feature.DEVICE_INCONSISTENCIES, Integer.bitCount(device.inconsistencies));
        f.set(Feature.DEVICE_UNTRUSTED_EVENTS, device.untrustedEventsMax);
        return f.build();
    }

    public SessionFeatureAccumulator copy() {
        SessionFeatureAccumulator copy = new SessionFeatureAccumulator();
        copy.batches = batches;
        copy.userId = userId;
        copy.userIdAt = userIdAt;
        copy.context = context;
        copy.contextAt = contextAt;
        for (SessionRun run : runs) {
            copy.runs.add(run.copy());
        }
        copy.device.copyFrom(device);
        copy.trajectory = trajectory.copy();
        return copy;
    }

    /** Compact binary form, a version byte first; a few hundred bytes whatever the session length. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        BinaryForm.writeVarLong(out, batches);
        out.writeBoolean(userId != null);
        if (userId != null) {
            out.writeUTF(userId);
            BinaryForm.writeVarLong(out, userIdAt);
        }
        out.writeBoolean(!context.isUnknown());
        if (!context.isUnknown()) {
            writeNullableUTF(out, context.route());
            writeNullableUTF(out, context.clientIp());
            writeNullableUTF(out, context.userAgent());
            writeNullableUTF(out, context.deviceFingerprint());
            BinaryForm.writeVarLong(out, contextAt);
        }
        device.writeTo(out);
        out.writeByte(runs.size());
        for (SessionRun run : runs) {
            run.writeTo(out);
        }
        trajectory.writeTo(out);
    }

    public static SessionFeatureAccumulator readFrom(DataInput in) throws IOException {
        return readFrom(in.readUnsignedByte(), in);
    }

    /** Reads the rest of a binary form whose version byte the caller has read. */
    public static SessionFeatureAccumulator readFrom(int version, DataInput in) throws IOException {
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("unsupported accumulator format version " + version);
        }
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        acc.batches = BinaryForm.readVarLong(in);
        if (in.readBoolean()) {
            acc.userId = in.readUTF();
            acc.userIdAt = BinaryForm.readVarLong(in);
        }
        if (version >= 2 && in.readBoolean()) {
            acc.context = new SessionContext(
                    readNullableUTF(in), readNullableUTF(in), readNullableUTF(in), readNullableUTF(in));
            acc.contextAt = BinaryForm.readVarLong(in);
        }
        acc.device.readFrom(in);
        int runCount = in.readUnsignedByte();
        if (runCount > MAX_RUNS) {
            throw new IOException("too many runs: " + runCount);
        }
        for (int i = 0; i < runCount; i++) {
            acc.runs.add(SessionRun.readFrom(in, version));
        }
        if (version >= 5) {
            acc.trajectory = TrajectoryFingerprint.readFrom(in);
        }
        return acc;
    }

    /**
     * Upper end of the Wilson score interval of a share seen in {@code n} trials: what the share
     * could still be, so a small sample does not read as a small share.
     */
    static double wilsonUpperBound(double share, long n, double z) {
        return Math.min(1, (wilsonCentre(share, n, z) + wilsonSpread(share, n, z)) / (1 + z * z / n));
    }

    /** The lower end of the one-sided Wilson score interval: a share that is high however few it rests on. */
    static double wilsonLowerBound(double share, long n, double z) {
        return Math.max(0, (wilsonCentre(share, n, z) - wilsonSpread(share, n, z)) / (1 + z * z / n));
    }

    private static double wilsonCentre(double share, long n, double z) {
        return share + z * z / (2 * n);
    }

    private static double wilsonSpread(double share, long n, double z) {
        return z * Math.sqrt(share * (1 - share) / n + z * z / (4.0 * n * n));
    }

    private static void writeNullableUTF(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullableUTF(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
