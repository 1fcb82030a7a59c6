package io.telltale.job.functions;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.RiskScore;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Scores a session window each time its trigger fires. The score is final once the watermark has
 * passed the end of the session; interim scores come from earlier firings.
 */
public final class SessionScoreEmitter
        extends ProcessWindowFunction<SessionFeatureAccumulator, RiskScore, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final SessionScorer scorer;
    private final boolean emitInterim;

    private transient Counter sessionsScored;
    private transient Histogram scoringTimeNanos;
    private transient Map<io.telltale.core.wire.Action, Counter> actions;

    public SessionScoreEmitter(SessionScorer scorer, boolean emitInterim) {
        this.scorer = scorer;
        this.emitInterim = emitInterim;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("telltale");
        sessionsScored = metrics.counter("sessionsScored");
        scoringTimeNanos = metrics.histogram(
                "scoringTimeNanos", new DescriptiveStatisticsHistogram(TelemetryParser.TIMING_WINDOW));
        actions = new EnumMap<>(io.telltale.core.wire.Action.class);
        MetricGroup byAction = metrics.addGroup("scoresByAction");
        for (io.telltale.core.wire.Action action : io.telltale.core.wire.Action.values()) {
            actions.put(action, byAction.counter(action.wireName()));
        }
    }

    @Override
    public void process(
            String sessionId,
            Context context,
            Iterable<SessionFeatureAccumulator> elements,
            Collector<RiskScore> out) {
        TimeWindow window = context.window();
        boolean isFinal = context.currentWatermark() >= window.maxTimestamp();
        if (!isFinal && !emitInterim) {
            return;
        }
        long scoringStart = System.nanoTime();
        RiskScore score = scorer.score(
                sessionId,
                elements.iterator().next(),
                window.getStart(),
                window.getEnd(),
                isFinal,
                System.currentTimeMillis());
        scoringTimeNanos.update(System.nanoTime() - scoringStart);
        if (score == null) {
            return;
        }
        if (isFinal) {
            sessionsScored.inc();
        }
        actions.get(score.action()).inc();
        out.collect(score);
    }
}
