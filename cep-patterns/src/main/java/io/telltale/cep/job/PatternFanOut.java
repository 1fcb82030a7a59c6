package io.telltale.cep.job;

import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.pattern.RuntimeParameters;
import io.telltale.cep.session.SessionSummary;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One copy of each session per key the pattern counts it under ({@code CrossSessionPattern#keysOf}),
 * with the parameters the pattern runs with now: a pattern switched off through the control topic
 * gets no sessions.
 */
final class PatternFanOut extends BroadcastProcessFunction<SessionSummary, PatternControl, SessionSummary> {
    private static final long serialVersionUID = 1L;

    /** Per pattern id, every accepted control so far, merged; broadcast to each pattern's operators. */
    static final MapStateDescriptor<String, PatternControl> CONTROLS =
            new MapStateDescriptor<>("pattern-controls", Types.STRING, TypeInformation.of(PatternControl.class));

    private final PatternSettings.Enabled pattern;
    private final RuntimeControl control;

    PatternFanOut(PatternSettings.Enabled pattern) {
        this.pattern = pattern;
        this.control = new RuntimeControl(pattern);
    }

    @Override
    public void processElement(SessionSummary session, ReadOnlyContext ctx, Collector<SessionSummary> out)
            throws Exception {
        RuntimeParameters now = control.now(ctx.getBroadcastState(CONTROLS).get(pattern.pattern().id()));
        if (!now.enabled()) {
            return;
        }
        for (String key : pattern.pattern().keysOf(session, now.parameters())) {
            out.collect(session.withFocus(key));
        }
    }

    @Override
    public void processBroadcastElement(PatternControl change, Context ctx, Collector<SessionSummary> out)
            throws Exception {
        RuntimeControl.remember(change, pattern, ctx.getBroadcastState(CONTROLS));
    }
}
