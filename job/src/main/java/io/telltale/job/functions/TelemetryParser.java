package io.telltale.job.functions;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.DeadLetters;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.serde.ValidationLimits;
import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.job.state.BatchFeatures;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates telemetry records and folds each batch into its features. A record that
 * fails goes to {@link #DEAD_LETTERS} with the reason; the job never fails on input, and the
 * records around a bad one are processed as usual.
 */
public final class TelemetryParser extends ProcessFunction<RawRecord, BatchFeatures> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("telemetry-dead-letters") {};

    /**
     * Batches the fold-time histogram keeps. Its quantiles describe the latest this many batches,
     * a few seconds of traffic on a busy subtask; updating it is a store into a ring buffer.
     */
    static final int TIMING_WINDOW = 1_000;

    private final ValidationLimits limits;
    private final boolean requireRecordTimestamp;

    private transient TelemetryBatchSerde serde;
    private transient Clock clock;
    private transient Counter batchesIn;
    private transient Counter rawEventsIn;
    private transient Histogram featureTimeNanos;
    private transient Map<io.telltale.connectors.serde.DeadLetterReason, Counter> deadLettered;

    /**
     * @param requireRecordTimestamp whether the record's own timestamp is the event time (Kafka
     *                               record timestamps); a record without one is then dead-lettered
     *                               as {@code BAD_TIMESTAMP}, since it could only be misplaced in time
     */
    public TelemetryParser(ValidationLimits limits, boolean requireRecordTimestamp) {
        this.limits = limits;
        this.requireRecordTimestamp = requireRecordTimestamp;
    }

    @Override
    public void open(OpenContext openContext) {
        clock = Clock.systemUTC();
        serde = new TelemetryBatchSerde(limits, clock);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("telltale");
        batchesIn = metrics.counter("batchesIn");
        rawEventsIn = metrics.counter("rawEventsIn");
        featureTimeNanos = metrics.histogram(
                "featureTimeNanos", new DescriptiveStatisticsHistogram(TIMING_WINDOW));
        deadLettered = new EnumMap<>(io.telltale.connectors.serde.DeadLetterReason.class);
        MetricGroup byReason = metrics.addGroup("deadLettered");
        for (io.telltale.connectors.serde.DeadLetterReason reason :
                io.telltale.connectors.serde.DeadLetterReason.values()) {
            deadLettered.put(reason, byReason.counter(reason.name()));
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<BatchFeatures> out) {
        TelemetryBatch batch;
        try {
            if (requireRecordTimestamp && ctx.timestamp() == null) {
                throw new InvalidRecordException(io.telltale.connectors.serde.DeadLetterReason.BAD_TIMESTAMP,
                        "the record has no timestamp, and telltale.event-time is RECORD_TIMESTAMP;"
                                + " sources without record timestamps (files) need BATCH_START");
            }
            batch = serde.deserialize(record.value());
        } catch (InvalidRecordException e) {
            deadLettered.get(e.reason()).inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetters.of(e, record.origin(), record.key(), record.value(), clock.millis()));
            return;
        }
        batchesIn.inc();
        rawEventsIn.inc(batch.eventCount());
        long foldStart = System.nanoTime();
        SessionFeatureAccumulator features = new SessionFeatureAccumulator();
        features.add(batch);
        featureTimeNanos.update(System.nanoTime() - foldStart);
        out.collect(new BatchFeatures(
                batch.sessionId(), batch.pageId(), batch.sequence(), batch.startedAt(), record.origin(), features));
    }
}
