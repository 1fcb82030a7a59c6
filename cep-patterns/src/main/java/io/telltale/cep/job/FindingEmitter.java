package io.telltale.cep.job;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingBuilder;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.session.SessionSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** A CEP match, confirmed by the pattern's whole-match check, becomes a {@link Finding}. */
final class FindingEmitter extends PatternProcessFunction<SessionSummary, Finding> {
    private static final long serialVersionUID = 1L;

    private final PatternSettings.Enabled pattern;

    FindingEmitter(PatternSettings.Enabled pattern) {
        this.pattern = pattern;
    }

    @Override
    public void processMatch(Map<String, List<SessionSummary>> match, Context ctx, Collector<Finding> out) {
        List<SessionSummary> sessions = match.values().stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(SessionSummary::endedAt))
                .toList();
        if (pattern.pattern().confirms(sessions, pattern.parameters())) {
            out.collect(FindingBuilder.build(pattern.pattern(), pattern.parameters(), sessions, ctx.timestamp()));
        }
    }
}
