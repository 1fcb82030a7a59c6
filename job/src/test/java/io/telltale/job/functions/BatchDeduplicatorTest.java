package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.job.TelltaleTestBase;
import io.telltale.job.state.BatchFeatures;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BatchDeduplicatorTest extends TelltaleTestBase {

    private static final Duration TTL = Duration.ofMinutes(60);

    private static KeyedOneInputStreamOperatorTestHarness<String, BatchFeatures, BatchFeatures> harness()
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BatchDeduplicator(TTL)), BatchFeatures::sessionId, Types.STRING);
        harness.open();
        return harness;
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
}
