package io.telltale.job.windows;

import java.time.Duration;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a session window on every batch, so the batch that pushes a session over a threshold is
 * scored at once, and once more when the window closes (the final score). The window's aggregate
 * is incremental, so a firing costs a read of the accumulator and a scoring; which of the interim
 * scores are published is the emitter's decision ({@code InterimScoreGate}: escalations at once,
 * other changes at most once per interval).
 *
 * <p>An update the emitter held back needs a firing after the interval, even if the session sends
 * nothing more: while batches arrive, a catch-up firing is kept pending one interval after the
 * session's clock (its latest batch, or the watermark when that is ahead). A catch-up that finds
 * a batch within the interval before it schedules the next one, so the chain ends one interval
 * after the session's last batch. The emitter skips a catch-up with nothing held back without
 * scoring.
 *
 * <p>Works with merging session windows: the pending firing is mergeable (by min) and its timer is
 * re-registered for the merged window.
 */
public final class ContinuousScoringTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private final long gapMillis;

    private final ReducingStateDescriptor<Long> pendingFiringDescriptor =
            new ReducingStateDescriptor<>("pending-firing", new Min(), Types.LONG);

    /**
     * Until the rate limit moved to the emitter the trigger kept its last firing here; windows
     * restored from such a savepoint still hold it, and clearing it on close frees that state.
     */
    private final ReducingStateDescriptor<Long> formerLastFiringDescriptor =
            new ReducingStateDescriptor<>("last-firing", new Min(), Types.LONG);

    private ContinuousScoringTrigger(long intervalMillis, long gapMillis) {
        this.intervalMillis = intervalMillis;
        this.gapMillis = gapMillis;
    }

    /**
     * A trigger for session windows of {@code gap} whose held-back updates are due {@code interval}
     * after the last published score.
     */
    public static ContinuousScoringTrigger every(Duration interval, Duration gap) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("scoring interval must be positive, was " + interval);
        }
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("session gap must be positive, was " + gap);
        }
        return new ContinuousScoringTrigger(interval.toMillis(), gap.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        ctx.registerEventTimeTimer(window.maxTimestamp());
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        if (pending.get() == null) {
            schedule(Math.max(latestBatch(window), ctx.getCurrentWatermark()) + intervalMillis, pending, window, ctx);
        }
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        Long due = pending.get();
        if (due == null || due != time) {
            return TriggerResult.CONTINUE;
        }
        pending.clear();
        if (ctx.getCurrentWatermark() >= window.maxTimestamp()) {
            // The watermark jumped past the session's end: the final firing covers this one,
            // and a firing now would look final too (the window function tells by watermark).
            return TriggerResult.CONTINUE;
        }
        long latestBatch = latestBatch(window);
        if (latestBatch + intervalMillis > time) {
            // A batch within the interval may have been held back behind an update published
            // after this firing was scheduled.
            schedule(latestBatch + intervalMillis, pending, window, ctx);
        }
        return TriggerResult.FIRE;
    }

    /** Event time of the window's latest batch: a session window ends one gap after it. */
    private long latestBatch(TimeWindow window) {
        return window.getEnd() - gapMillis;
    }

    private static void schedule(long due, ReducingState<Long> pending, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (due < window.maxTimestamp()) {
            pending.add(due);
            ctx.registerEventTimeTimer(due);
        }
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(TimeWindow window, OnMergeContext ctx) throws Exception {
        ctx.mergePartitionedState(pendingFiringDescriptor);
        if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
            ctx.registerEventTimeTimer(window.maxTimestamp());
        }
        Long due = ctx.getPartitionedState(pendingFiringDescriptor).get();
        if (due != null) {
            ctx.registerEventTimeTimer(due);
        }
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        Long due = pending.get();
        if (due != null) {
            ctx.deleteEventTimeTimer(due);
            pending.clear();
        }
        ctx.getPartitionedState(formerLastFiringDescriptor).clear();
    }

    @Override
    public String toString() {
        return "ContinuousScoringTrigger(" + intervalMillis + " ms, gap " + gapMillis + " ms)";
    }

    private static final class Min implements ReduceFunction<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long reduce(Long a, Long b) {
            return Math.min(a, b);
        }
    }
}
