package io.telltale.cep.job;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingBuilder;
import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.pattern.RuntimeParameters;
import io.telltale.cep.session.SessionSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A CEP match, confirmed by the pattern's whole-match check with the parameters in force now,
 * becomes a {@link Finding}; a pattern switched off through the control topic reports nothing.
 */
final class FindingEmitter extends BroadcastProcessFunction<PatternMatch, PatternControl, Finding> {
    private static final long serialVersionUID = 1L;

    private final PatternSettings.Enabled pattern;
    private final RuntimeControl control;

    FindingEmitter(PatternSettings.Enabled pattern) {
        this.pattern = pattern;
        this.control = new RuntimeControl(pattern);
    }

    @Override
    public void processElement(PatternMatch match, ReadOnlyContext ctx, Collector<Finding> out) throws Exception {
        RuntimeParameters now = control.now(ctx.getBroadcastState(PatternFanOut.CONTROLS).get(pattern.pattern().id()));
        if (now.enabled() && pattern.pattern().confirms(match.sessions(), now.parameters())) {
            out.collect(FindingBuilder.build(pattern.pattern(), now.parameters(), match.sessions(), match.detectedAt()));
        }
    }

    @Override
    public void processBroadcastElement(PatternControl change, Context ctx, Collector<Finding> out) throws Exception {
        RuntimeControl.remember(change, pattern, ctx.getBroadcastState(PatternFanOut.CONTROLS));
    }

    /** The CEP operator's output: each match with its sessions in time order. */
    static final class Matches extends PatternProcessFunction<SessionSummary, PatternMatch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<SessionSummary>> match, Context ctx, Collector<PatternMatch> out) {
            out.collect(new PatternMatch(match.values().stream()
                    .flatMap(List::stream)
                    .sorted(Comparator.comparingLong(SessionSummary::endedAt))
                    .toList(), ctx.timestamp()));
        }
    }
}
