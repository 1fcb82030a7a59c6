package io.telltale.cep.job;

import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.session.SessionSummary;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One copy of each session per key the pattern counts it under ({@code CrossSessionPattern#keysOf}). */
final class PatternFanOut implements FlatMapFunction<SessionSummary, SessionSummary> {
    private static final long serialVersionUID = 1L;

    private final PatternSettings.Enabled pattern;

    PatternFanOut(PatternSettings.Enabled pattern) {
        this.pattern = pattern;
    }

    @Override
    public void flatMap(SessionSummary session, Collector<SessionSummary> out) {
        for (String key : pattern.pattern().keysOf(session, pattern.parameters())) {
            out.collect(session.withFocus(key));
        }
    }
}
