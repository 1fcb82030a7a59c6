package io.telltale.job.functions;

import io.telltale.core.profile.BehaviourProfile;
import io.telltale.core.profile.ProfileRisk;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.state.BehaviourProfileSerializer;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges each score of an authenticated session against its user's {@link BehaviourProfile}
 * ({@link ProfileRisk#apply}) and lets the profile learn from the final scores {@link
 * ProfileRisk#mayLearn} allows. Keyed by {@link #KEY}: the user id, or for a session without one
 * its session id, which spreads anonymous scores over the tasks and never touches state.
 *
 * <p>The profile lives in RocksDB, a few hundred bytes per user, and expires {@code ttl} after it
 * last learned (cleaned up by RocksDB compaction), so accounts that stopped coming back do not hold
 * state forever.
 */
public final class ProfileScorer extends KeyedProcessFunction<String, RiskScore, RiskScore> {

    private static final long serialVersionUID = 1L;

    /** User id for authenticated sessions, else the session id (prefixed so the two never meet). */
    public static final KeySelector<RiskScore, String> KEY =
            score -> score.userId() != null ? "user:" + score.userId() : "session:" + score.sessionId();

    private final ProfileRisk risk;
    private final Duration ttl;

    private transient ValueState<BehaviourProfile> profile;
    private transient Counter judged;
    private transient Counter learned;

    public ProfileScorer(ProfileRisk risk, Duration ttl) {
        this.risk = risk;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<BehaviourProfile> descriptor =
                new ValueStateDescriptor<>("behaviour-profile", BehaviourProfileSerializer.TYPE_INFO);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        profile = getRuntimeContext().getState(descriptor);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("telltale");
        judged = metrics.counter("profileJudgements");
        learned = metrics.counter("profileSessionsLearned");
    }

    @Override
    public void processElement(RiskScore score, Context ctx, Collector<RiskScore> out) throws Exception {
        if (score.userId() == null) {
            out.collect(score);
            return;
        }
        BehaviourProfile current = profile.value();
        RiskScore applied = risk.apply(score, current);
        if (applied.profile().judged()) {
            judged.inc();
        }
        out.collect(applied);
        if (risk.mayLearn(applied, current)) {
            BehaviourProfile next = current == null ? new BehaviourProfile() : current;
            next.learn(ProfileRisk.featuresOf(score), score.windowEnd());
            profile.update(next);
            learned.inc();
        }
    }
}
