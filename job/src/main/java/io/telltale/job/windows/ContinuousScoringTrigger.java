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
 * Fires a session window while it is still open, so a bot is challenged mid-session and not after
 * it leaves, and once more when it closes (the final score).
 *
 * <p>Interim firings are rate-limited in event time: a batch fires at once when the last firing
 * was at least {@code interval} before it; otherwise a catch-up firing is scheduled for
 * {@code lastFiring + interval}. So a session is scored at most once per interval, a session
 * that goes quiet gets its pending update, and the batch that pushes a session over a threshold
 * is scored without waiting for a timer unless the session was scored moments before.
 *
 * <p>Works with merging session windows: both pieces of trigger state are mergeable (the latest
 * firing by max, the pending firing by min) and timers are re-registered for the merged window.
 */
public final class ContinuousScoringTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long intervalMillis;

    private final ReducingStateDescriptor<Long> lastFiringDescriptor =
            new ReducingStateDescriptor<>("last-firing", new Max(), Types.LONG);

    private final ReducingStateDescriptor<Long> pendingFiringDescriptor =
            new ReducingStateDescriptor<>("pending-firing", new Min(), Types.LONG);

    private ContinuousScoringTrigger(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    public static ContinuousScoringTrigger every(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("scoring interval must be positive, was " + interval);
        }
        return new ContinuousScoringTrigger(interval.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        ctx.registerEventTimeTimer(window.maxTimestamp());
        ReducingState<Long> lastFiring = ctx.getPartitionedState(lastFiringDescriptor);
        Long last = lastFiring.get();
        if (last == null || timestamp >= last + intervalMillis) {
            lastFiring.add(timestamp);
            cancelPendingFiring(ctx);
            return TriggerResult.FIRE;
        }
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        long due = last + intervalMillis;
        if (pending.get() == null && due < window.maxTimestamp()) {
            pending.add(due);
            ctx.registerEventTimeTimer(due);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        Long due = pending.get();
        if (due != null && due == time) {
            pending.clear();
            if (ctx.getCurrentWatermark() >= window.maxTimestamp()) {
                // The watermark jumped past the session's end: the final firing covers this one,
                // and a firing now would look final too (the window function tells by watermark).
                return TriggerResult.CONTINUE;
            }
            ctx.getPartitionedState(lastFiringDescriptor).add(time);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
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
        ctx.mergePartitionedState(lastFiringDescriptor);
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
        cancelPendingFiring(ctx);
        ctx.getPartitionedState(lastFiringDescriptor).clear();
    }

    private void cancelPendingFiring(TriggerContext ctx) throws Exception {
        ReducingState<Long> pending = ctx.getPartitionedState(pendingFiringDescriptor);
        Long due = pending.get();
        if (due != null) {
            ctx.deleteEventTimeTimer(due);
            pending.clear();
        }
    }

    @Override
    public String toString() {
        return "ContinuousScoringTrigger(" + intervalMillis + " ms)";
    }

    private static final class Max implements ReduceFunction<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long reduce(Long a, Long b) {
            return Math.max(a, b);
        }
    }

    private static final class Min implements ReduceFunction<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long reduce(Long a, Long b) {
            return Math.min(a, b);
        }
    }
}
