package io.telltale.job.functions;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.session.InterimScoreGate;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.state.InterimScoreMemorySerializer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Scores a session window each time its trigger fires. The score is final once the watermark has
 * passed the end of the session, and always published; interim scores, one per batch, are
 * published as {@link InterimScoreGate} decides (escalations at once, other changes at most once
 * per interval).
 *
 * <p>The gate's memory is keyed state of the session id, not of the window: Flink keeps no
 * per-window state for merging windows. A visit's memory stays valid when its window merges with
 * another (merged windows overlap the one it was taken of, {@link
 * InterimScoreGate.Memory#isOfWindow}) and is dropped when the window closes.
 */
public final class SessionScoreEmitter
        extends ProcessWindowFunction<SessionFeatureAccumulator, RiskScore, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final SessionScorer scorer;
    private final boolean emitInterim;
    private final InterimScoreGate gate;
    private final long gapMillis;

    private final ValueStateDescriptor<InterimScoreGate.Memory> memoryDescriptor =
            new ValueStateDescriptor<>("interim-score-gate", InterimScoreMemorySerializer.TYPE_INFO);

    private transient Counter sessionsScored;
    private transient Counter interimWithheld;
    private transient Histogram scoringTimeNanos;
    private transient Map<Action, Counter> actions;

    /**
     * @param interval least event time between two published interim scores that do not escalate
     * @param gap      the session windows' gap, which tells the time of a window's latest batch
     */
    public SessionScoreEmitter(SessionScorer scorer, boolean emitInterim, Duration interval, Duration gap) {
        this.scorer = scorer;
        this.emitInterim = emitInterim;
        this.gate = new InterimScoreGate(interval.toMillis());
        this.gapMillis = gap.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("telltale");
        sessionsScored = metrics.counter("sessionsScored");
        interimWithheld = metrics.counter("interimScoresWithheld");
        scoringTimeNanos = metrics.histogram(
                "scoringTimeNanos", new DescriptiveStatisticsHistogram(TelemetryParser.TIMING_WINDOW));
        actions = new EnumMap<>(Action.class);
        MetricGroup byAction = metrics.addGroup("scoresByAction");
        for (Action action : Action.values()) {
            actions.put(action, byAction.counter(action.wireName()));
        }
    }

    @Override
    public void process(
            String sessionId,
            Context context,
            Iterable<SessionFeatureAccumulator> elements,
            Collector<RiskScore> out) throws Exception {
        TimeWindow window = context.window();
        SessionFeatureAccumulator session = elements.iterator().next();
        boolean isFinal = context.currentWatermark() >= window.maxTimestamp();
        if (isFinal) {
            RiskScore score = score(sessionId, session, window, true);
            if (score != null) {
                sessionsScored.inc();
                publish(score, out);
            }
            return;
        }
        if (!emitInterim) {
            return;
        }
        ValueState<InterimScoreGate.Memory> memoryState = context.globalState().getState(memoryDescriptor);
        InterimScoreGate.Memory memory = memoryState.value();
        if (memory != null && !memory.isOfWindow(window.getStart(), window.getEnd())) {
            memory = null; // an earlier visit under the same session id
        }
        long batches = session.counts().batches();
        if (InterimScoreGate.nothingToDo(memory, batches)) {
            return;
        }
        RiskScore score = score(sessionId, session, window, false);
        if (score == null) {
            return;
        }
        // The session's event-time clock: its latest batch (a session window ends one gap after
        // it), or the watermark on a catch-up firing.
        long now = Math.max(window.getEnd() - gapMillis, context.currentWatermark());
        InterimScoreGate.Decision decision = gate.decide(memory, score, batches, now);
        memoryState.update(decision.memory());
        if (decision.publish()) {
            publish(score, out);
        } else {
            interimWithheld.inc();
        }
    }

    @Override
    public void clear(Context context) throws Exception {
        if (!emitInterim) {
            return;
        }
        ValueState<InterimScoreGate.Memory> memoryState = context.globalState().getState(memoryDescriptor);
        InterimScoreGate.Memory memory = memoryState.value();
        if (memory != null && memory.isOfWindow(context.window().getStart(), context.window().getEnd())) {
            memoryState.clear();
        }
    }

    private RiskScore score(String sessionId, SessionFeatureAccumulator session, TimeWindow window, boolean isFinal) {
        long scoringStart = System.nanoTime();
        RiskScore score = scorer.score(
                sessionId, session, window.getStart(), window.getEnd(), isFinal, System.currentTimeMillis());
        scoringTimeNanos.update(System.nanoTime() - scoringStart);
        return score;
    }

    private void publish(RiskScore score, Collector<RiskScore> out) {
        actions.get(score.action()).inc();
        out.collect(score);
    }
}
