package io.telltale.cep.job;

import io.telltale.cep.session.SessionDraft;
import io.telltale.cep.session.SessionSummary;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.RiskScore;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by session id: folds the session's commerce events and risk scores into a
 * {@link SessionDraft} and emits its {@link SessionSummary} when the session is over — the gap
 * after its last commerce event, and not before its risk-score window closed (event time). Then
 * both states are cleared: a finished session leaves nothing behind.
 */
public final class SessionSummarizer extends KeyedCoProcessFunction<String, CommerceEvent, RiskScore, SessionSummary> {
    private static final long serialVersionUID = 1L;

    private final long gapMillis;

    private transient ValueState<SessionDraft> draft;
    private transient ValueState<Long> endTimer;

    public SessionSummarizer(Duration gap) {
        this.gapMillis = gap.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        draft = getRuntimeContext().getState(
                new ValueStateDescriptor<>("session-draft", TypeInformation.of(SessionDraft.class)));
        endTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("session-end", Types.LONG));
    }

    @Override
    public void processElement1(CommerceEvent event, Context ctx, Collector<SessionSummary> out) throws Exception {
        SessionDraft d = current();
        d.add(event);
        save(d, ctx);
    }

    @Override
    public void processElement2(RiskScore score, Context ctx, Collector<SessionSummary> out) throws Exception {
        SessionDraft d = current();
        d.add(score);
        save(d, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionSummary> out) throws Exception {
        Long due = endTimer.value();
        SessionDraft d = draft.value();
        if (due == null || due != timestamp || d == null) {
            return;
        }
        if (d.endedAt != Long.MIN_VALUE) {
            out.collect(d.summary());
        }
        draft.clear();
        endTimer.clear();
    }

    private SessionDraft current() throws Exception {
        SessionDraft d = draft.value();
        return d == null ? new SessionDraft() : d;
    }

    private void save(SessionDraft d, Context ctx) throws Exception {
        draft.update(d);
        long ends = d.endsAt(gapMillis);
        Long due = endTimer.value();
        if (due == null || due != ends) {
            if (due != null) {
                ctx.timerService().deleteEventTimeTimer(due);
            }
            ctx.timerService().registerEventTimeTimer(ends);
            endTimer.update(ends);
        }
    }
}
