package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.session.PageSequences;
import io.telltale.core.session.SequenceWindow;
import io.telltale.job.TelltaleTestBase;
import io.telltale.job.state.BatchFeatures;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class BatchDeduplicatorTest extends TelltaleTestBase {

    private static final Duration TTL = Duration.ofMinutes(60);
    private static final String FIRST_TAB = "pA7f3k9Qx2Lm0wZc";
    private static final String SECOND_TAB = "pB1n8Rt4Yv6Hs5Je";

    private static KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness()
            throws Exception {
        return harness(new BatchDeduplicator(TTL), null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness(
            KeyedProcessFunction<String, BatchFeatures, BatchFeatures> function, OperatorSubtaskState restored)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), BatchFeatures::sessionId, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static BatchFeatures batch(String pageId, long sequence) {
        long startedAt = BEGINNING + sequence * THREE_SECONDS;
        return features(onPage(pageId, linearBotBatch("s-1", sequence, startedAt)));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness,
            BatchFeatures batch) throws Exception {
        harness.processElement(batch, batch.startedAt());
    }

    /** Output as "page:seq", "-" standing for no page id. */
    private static String passed(KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness) {
        return harness.extractOutputValues().stream()
                .map(b -> (b.pageId() == null ? "-" : b.pageId().substring(0, 2)) + ":" + b.sequence())
                .collect(Collectors.joining(" "));
    }

    @Test
    void aRetriedBatchIsDroppedAndTheRestPassInOrder() throws Exception {
        try (var harness = harness()) {
            harness.processElement(features(linearBotBatch("s-1", 0, BEGINNING)), BEGINNING);
            harness.processElement(features(linearBotBatch("s-1", 1, BEGINNING + THREE_SECONDS)), BEGINNING + THREE_SECONDS);
            harness.processElement(features(linearBotBatch("s-1", 1, BEGINNING + THREE_SECONDS)), BEGINNING + THREE_SECONDS);
            harness.processElement(features(linearBotBatch("s-1", 2, BEGINNING + 2 * THREE_SECONDS)), BEGINNING + 2 * THREE_SECONDS);

            assertThat(harness.extractOutputValues()).extracting(BatchFeatures::sequence).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void twoPagesOfOneSessionBothCountingFromZeroAllPass() throws Exception {
        try (var harness = harness()) {
            for (long seq = 0; seq < 3; seq++) {
                send(harness, batch(FIRST_TAB, seq));
                send(harness, batch(SECOND_TAB, seq));
            }

            assertThat(passed(harness)).isEqualTo("pA:0 pB:0 pA:1 pB:1 pA:2 pB:2");
            assertThat(harness.numKeyedStateEntries()).as("one state entry for the session").isEqualTo(1);
        }
    }

    @Test
    void aRetryIsDroppedInEitherPage() throws Exception {
        try (var harness = harness()) {
            send(harness, batch(FIRST_TAB, 0));
            send(harness, batch(SECOND_TAB, 0));
            send(harness, batch(FIRST_TAB, 1));
            send(harness, batch(SECOND_TAB, 0));
            send(harness, batch(FIRST_TAB, 1));
            send(harness, batch(FIRST_TAB, 0));
            send(harness, batch(SECOND_TAB, 1));

            assertThat(passed(harness)).isEqualTo("pA:0 pB:0 pA:1 pB:1");
        }
    }

    @Test
    void aPageBeyondTheBoundEvictsTheLeastRecentlySeenWhoseRetryThenPassesOnce() throws Exception {
        try (var harness = harness()) {
            for (int page = 0; page < PageSequences.MAX_PAGES; page++) {
                send(harness, batch("p" + page + "-load", 0));
            }
            send(harness, batch("p9-load", 0));
            harness.getOutput().clear();

            send(harness, batch("p1-load", 0)); // still remembered: a duplicate
            send(harness, batch("p0-load", 0)); // evicted: accepted once more
            send(harness, batch("p0-load", 0));

            assertThat(passed(harness)).isEqualTo("p0:0");
        }
    }

    @Test
    void stateStaysSmallWithManyPages() throws Exception {
        try (var harness = harness()) {
            send(harness, batch(null, 0));
            assertThat(stateBytes(harness)).isEqualTo(4 + 3 * Long.BYTES);

            for (int page = 0; page < 3 * PageSequences.MAX_PAGES; page++) {
                send(harness, batch("load-" + page, 0));
            }
            assertThat(stateBytes(harness)).isEqualTo(4 + PageSequences.MAX_PAGES * 3 * Long.BYTES);
        }
    }

    /** Serialized bytes of the session's page sequences, as a state backend writes them (without its TTL time stamp). */
    private static int stateBytes(KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness)
            throws Exception {
        var operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey("s-1");
        long[] value = operator.getKeyedStateStore()
                .getState(new ValueStateDescriptor<>("page-sequences", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO))
                .value();
        DataOutputSerializer out = new DataOutputSerializer(128);
        LongPrimitiveArraySerializer.INSTANCE.serialize(value, out);
        return out.length();
    }

    @Test
    void aSessionRestoredFromBeforePageIdsGoesOnAsItsStreamWithoutOne() throws Exception {
        OperatorSubtaskState savepoint;
        try (var former = harness(new FormerBatchDeduplicator(TTL), null)) {
            send(former, batch(null, 0));
            send(former, batch(null, 1));
            savepoint = former.snapshot(1L, BEGINNING + ONE_MINUTE);
        }

        try (var harness = harness(new BatchDeduplicator(TTL), savepoint)) {
            send(harness, batch(null, 1));
            send(harness, batch(FIRST_TAB, 1));
            send(harness, batch(null, 2));
            send(harness, batch(null, 0));

            assertThat(passed(harness)).isEqualTo("pA:1 -:2");
            assertThat(harness.numKeyedStateEntries()).as("the former state was moved over and cleared").isEqualTo(1);
        }
    }

    @Test
    void sessionsAreTrackedApart() throws Exception {
        try (var harness = harness()) {
            harness.processElement(features(linearBotBatch("s-1", 0, BEGINNING)), BEGINNING);
            harness.processElement(features(linearBotBatch("s-2", 0, BEGINNING)), BEGINNING);

            assertThat(harness.extractOutputValues()).extracting(BatchFeatures::sessionId).containsExactly("s-1", "s-2");
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void stateOfAnAbandonedSessionExpires() throws Exception {
        try (var harness = harness()) {
            harness.setStateTtlProcessingTime(BEGINNING);
            harness.processElement(features(linearBotBatch("s-1", 0, BEGINNING)), BEGINNING);
            harness.processElement(features(linearBotBatch("s-1", 0, BEGINNING)), BEGINNING);
            assertThat(harness.extractOutputValues()).hasSize(1);

            // After the TTL the record of seen batches is gone: the same sequence number is new again.
            harness.setStateTtlProcessingTime(BEGINNING + TTL.toMillis() + 1);
            harness.processElement(features(linearBotBatch("s-1", 0, BEGINNING)), BEGINNING);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    /** The deduplicator as it was before page ids, to write a savepoint of its state. */
    private static final class FormerBatchDeduplicator
            extends KeyedProcessFunction<String, BatchFeatures, BatchFeatures> {
        private static final long serialVersionUID = 1L;

        private final Duration ttl;
        private transient ValueState<Tuple2<Long, Long>> seen;

        FormerBatchDeduplicator(Duration ttl) {
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
        }

        @Override
        public void processElement(BatchFeatures batch, Context ctx, Collector<BatchFeatures> out) throws Exception {
            Tuple2<Long, Long> stored = seen.value();
            SequenceWindow window =
                    stored == null ? SequenceWindow.empty() : SequenceWindow.of(stored.f0, stored.f1);
            if (window.observe(batch.sequence()) != SequenceWindow.Verdict.DUPLICATE) {
                seen.update(Tuple2.of(window.highest(), window.seenMask()));
                out.collect(batch);
            }
        }
    }
}
