package io.telltale.cep.job;

import io.telltale.cep.session.SessionDraft;
import io.telltale.cep.session.SessionSummary;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.DeadLetterReason;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.WireVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by session id: folds the session's commerce events and risk scores into a
 * {@link SessionDraft} and emits its {@link SessionSummary} when the session is over — the gap
 * after its last commerce event, and not before its risk-score window closed and that window's
 * final score came, or the final-score wait passed without it (event time). The scoring job
 * publishes a final score only once its own watermark has passed the window's end (and with
 * exactly-once delivery, after its next checkpoint): without the wait, the summary could be out
 * before it, and the score a dead letter (one in a 90 s run of {@code telltale demo}, none with
 * the wait). Then both states are cleared: a finished session leaves nothing behind.
 *
 * <p>An event that arrives when event time has already passed the end of its session (a producer
 * that lagged behind the others by more than the out-of-orderness, or a partition that came back
 * after it was idle) could only make a summary every pattern drops as late; it goes to
 * {@link #LATE} as a dead letter with reason {@value #LATE_REASON} instead of vanishing.
 */
public final class SessionSummarizer extends KeyedCoProcessFunction<String, CommerceEvent, RiskScore, SessionSummary> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-session-events") {};
    public static final String LATE_REASON = DeadLetterReason.LATE_EVENT.name();

    private final long gapMillis;
    private final long finalScoreWaitMillis;
    private transient CommerceEventSerde commerceSerde;
    private transient RiskScoreSerde riskScoreSerde;

    private transient ValueState<SessionDraft> draft;
    private transient ValueState<Long> endTimer;

    /**
     * @param gap            commerce inactivity that ends a session
     * @param finalScoreWait how long past its risk-score window a session waits for that window's
     *                       final score ({@link CrossSessionOptions#FINAL_SCORE_WAIT})
     */
    public SessionSummarizer(Duration gap, Duration finalScoreWait) {
        this.gapMillis = gap.toMillis();
        this.finalScoreWaitMillis = finalScoreWait.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        draft = getRuntimeContext().getState(
                new ValueStateDescriptor<>("session-draft", TypeInformation.of(SessionDraft.class)));
        endTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("session-end", Types.LONG));
        commerceSerde = new CommerceEventSerde();
        riskScoreSerde = new RiskScoreSerde();
    }

    @Override
    public void processElement1(CommerceEvent event, Context ctx, Collector<SessionSummary> out) throws Exception {
        if (isLate(event.time() + gapMillis, ctx)) {
            ctx.output(LATE, late(ctx, event.sessionId(), "commerce event " + event.type() + " at " + event.time(),
                    commerceSerde.serialize(event)));
            return;
        }
        SessionDraft d = current();
        d.add(event);
        save(d, ctx);
    }

    @Override
    public void processElement2(RiskScore score, Context ctx, Collector<SessionSummary> out) throws Exception {
        if (isLate(score.windowEnd(), ctx)) {
            ctx.output(LATE, late(ctx, score.sessionId(), "risk score of the window ending " + score.windowEnd(),
                    riskScoreSerde.serialize(score)));
            return;
        }
        SessionDraft d = current();
        d.add(score);
        save(d, ctx);
    }

    /**
     * Whether the session, with an element that would keep it open until {@code elementEnds}, is
     * over by the current watermark: its summary would be behind every pattern's clock.
     */
    private boolean isLate(long elementEnds, Context ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (elementEnds > watermark) {
            return false;
        }
        Long due = endTimer.value();
        return due == null || due <= watermark;
    }

    private static DeadLetter late(Context ctx, String sessionId, String what, byte[] payload) {
        long watermark = ctx.timerService().currentWatermark();
        return new DeadLetter(WireVersion.CURRENT, LATE_REASON,
                what + " of session " + sessionId + " arrived after event time (" + watermark
                        + ") had passed the end of its session; it can no longer take part in a pattern",
                null, sessionId, new String(payload, StandardCharsets.UTF_8),
                false, System.currentTimeMillis());
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
        long ends = d.endsAt(gapMillis, finalScoreWaitMillis);
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
