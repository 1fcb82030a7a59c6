package io.telltale.job.functions;

import io.telltale.core.session.PageSequences;
import io.telltale.core.session.SequenceWindow;
import io.telltale.job.state.BatchFeatures;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops batches a session already sent (SDK retries), by page instance and sequence number,
 * through the {@link PageSequences} kept per session: each page load of each tab numbers its
 * batches from 0 under its own page id, so two tabs of one session are both counted, and a retry
 * within either is dropped. Keyed by session like the windows it feeds, so it adds no shuffle.
 *
 * <p>Bounded: at most {@value PageSequences#MAX_PAGES} page streams per session, the least
 * recently seen evicted. A retry of an evicted page's batch is accepted once more, and its events
 * are then merged into the session's features twice; that is preferred to dropping a page's
 * data. The state is 4 + 24 bytes per page stream (28 bytes for a session without page ids, 100
 * at most; it was 16) and expires {@code ttl} after its last write, so sessions that were
 * abandoned do not hold state forever.
 */
public final class BatchDeduplicator extends KeyedProcessFunction<String, BatchFeatures, BatchFeatures> {

    private static final long serialVersionUID = 1L;

    private final Duration ttl;

    private transient ValueState<long[]> pages;
    /**
     * Before page ids the state was one {@link SequenceWindow} per session, as two longs. A session
     * restored from such a savepoint goes on from it as its stream without a page id, and the
     * former value is cleared once moved over.
     */
    private transient ValueState<Tuple2<Long, Long>> formerSeen;
    private transient Counter duplicates;

    public BatchDeduplicator(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        pages = getRuntimeContext().getState(withTtl("page-sequences", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        formerSeen = getRuntimeContext().getState(withTtl("seen-sequences", Types.TUPLE(Types.LONG, Types.LONG)));
        duplicates = getRuntimeContext()
                .getMetricGroup()
                .addGroup("telltale")
                .counter("duplicateBatches");
    }

    private <T> ValueStateDescriptor<T> withTtl(String name, TypeInformation<T> type) {
        ValueStateDescriptor<T> descriptor = new ValueStateDescriptor<>(name, type);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return descriptor;
    }

    @Override
    public void processElement(BatchFeatures batch, Context ctx, Collector<BatchFeatures> out)
            throws Exception {
        PageSequences seen = stored();
        SequenceWindow.Verdict verdict = seen.observe(batch.pageId(), batch.sequence());
        pages.update(seen.encoded());
        if (verdict == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.inc();
            return;
        }
        out.collect(batch);
    }

    private PageSequences stored() throws Exception {
        long[] encoded = pages.value();
        if (encoded != null) {
            return PageSequences.of(encoded);
        }
        Tuple2<Long, Long> former = formerSeen.value();
        if (former == null) {
            return PageSequences.empty();
        }
        formerSeen.clear();
        return PageSequences.ofPagelessWindow(former.f0, former.f1);
    }
}
