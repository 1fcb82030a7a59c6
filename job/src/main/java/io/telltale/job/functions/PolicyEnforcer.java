package io.telltale.job.functions;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.SessionScoreAlerts;
import io.telltale.core.policy.AlertEscalation;
import io.telltale.core.policy.PolicyDecision;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.state.CheckedScore;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies the {@link PolicySet} to each score of a session and raises an {@link Alert} only when
 * {@link AlertEscalation} says so. Keyed state is one byte per alerting session: the highest
 * level already alerted. It is cleared by the session's final score and otherwise expires
 * {@code ttl} after its last write, so sessions whose final score never comes hold nothing for
 * long. No timers.
 */
public final class PolicyEnforcer extends KeyedProcessFunction<String, CheckedScore, Alert> {

    private static final long serialVersionUID = 1L;

    private final PolicySet policies;
    private final Duration ttl;

    private transient ValueState<Byte> lastAlerted;
    private transient Counter alerts;
    private transient Counter suppressed;

    public PolicyEnforcer(PolicySet policies, Duration ttl) {
        this.policies = policies;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Byte> descriptor = new ValueStateDescriptor<>("last-alerted-action", Types.BYTE);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        lastAlerted = getRuntimeContext().getState(descriptor);
        var group = getRuntimeContext().getMetricGroup().addGroup("telltale");
        alerts = group.counter("alerts");
        suppressed = group.counter("alertsSuppressed");
    }

    @Override
    public void processElement(CheckedScore checked, Context ctx, Collector<Alert> out) throws Exception {
        RiskScore score = checked.score();
        PolicyDecision decision = policies.decide(
                score.score(), score.context().route(), score.context().clientIp(), checked.verifiedGoodBot());
        Byte stored = lastAlerted.value();
        Action last = stored == null ? null : Action.values()[stored];
        if (AlertEscalation.shouldAlert(last, decision.action())) {
            alerts.inc();
            out.collect(SessionScoreAlerts.of(score, decision, ctx.timerService().currentProcessingTime()));
        } else if (decision.action() != Action.MONITOR) {
            suppressed.inc();
        }
        if (score.isFinal()) {
            lastAlerted.clear();
            return;
        }
        Action remembered = AlertEscalation.remembered(last, decision.action());
        if (remembered != null && remembered != last) {
            lastAlerted.update((byte) remembered.ordinal());
        }
    }
}
