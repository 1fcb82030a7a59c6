package io.telltale.job.functions;

import io.telltale.core.session.SequenceWindow;
import io.telltale.job.state.BatchFeatures;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops batches a session already sent (SDK retries), by sequence number, through a
 * {@link SequenceWindow} kept per session. The state is two longs per session and expires
 * {@code ttl} after its last write, so sessions that were abandoned do not hold state forever.
 */
public final class BatchDeduplicator extends KeyedProcessFunction<String, BatchFeatures, BatchFeatures> {

    private static final long serialVersionUID = 1L;

    private final Duration ttl;

    private transient ValueState<Tuple2<Long, Long>> seen;
    private transient Counter duplicates;

    public BatchDeduplicator(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Tuple2<Long, Long>> descriptor =
                new ValueStateDescriptor<>("seen-sequences", Types.TUPLE(Types.LONG, Types.LONG));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext()
                .getMetricGroup()
                .addGroup("telltale")
                .counter("duplicateBatches");
    }

    @Override
    public void processElement(BatchFeatures batch, Context ctx, Collector<BatchFeatures> out)
            throws Exception {
        Tuple2<Long, Long> stored = seen.value();
        SequenceWindow window =
                stored == null ? SequenceWindow.empty() : SequenceWindow.of(stored.f0, stored.f1);
        if (window.observe(batch.sequence()) == SequenceWindow.Verdict.DUPLICATE) {
            duplicates.inc();
            return;
        }
        seen.update(Tuple2.of(window.highest(), window.seenMask()));
        out.collect(batch);
    }
}
