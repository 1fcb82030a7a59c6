package io.telltale.cep.job;

import io.telltale.cep.session.AccountHistory;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by account ({@link #KEY}): adds to each finished session what the account's earlier
 * sessions say about its device and network ({@link AccountHistory}), then remembers them. The
 * history lives {@code ttl} after the account's last session. Anonymous sessions are keyed by their
 * own session id and pass through without state.
 */
public final class AccountHistoryEnricher extends KeyedProcessFunction<String, SessionSummary, SessionSummary> {
    private static final long serialVersionUID = 1L;

    /** The account for sessions with a user id; the session itself otherwise (no hot key for anonymous traffic). */
    public static final KeySelector<SessionSummary, String> KEY =
            s -> s.userId() != null ? "account:" + s.userId() : "session:" + s.sessionId();

    private final Duration ttl;
    private transient ValueState<AccountHistory> history;

    public AccountHistoryEnricher(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<AccountHistory> descriptor =
                new ValueStateDescriptor<>("account-history", TypeInformation.of(AccountHistory.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        history = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(SessionSummary session, Context ctx, Collector<SessionSummary> out) throws Exception {
        if (session.userId() == null) {
            out.collect(session);
            return;
        }
        AccountHistory h = history.value();
        if (h == null) {
            h = new AccountHistory();
        }
        out.collect(session.withAccount(h.observe(session)));
        history.update(h);
    }
}
