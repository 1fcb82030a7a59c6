package io.telltale.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.serde.ValidationLimits;
import io.telltale.core.wire.DeadLetter;
import io.telltale.job.TelltaleTestBase;
import io.telltale.job.state.BatchFeatures;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TelemetryParserTest extends TelltaleTestBase {

    private static RawRecord record(String origin, byte[] value) {
        return new RawRecord("s-1".getBytes(StandardCharsets.UTF_8), value, origin, -1);
    }

    @Test
    void goodBatchesBecomeFeaturesAndABadOneBetweenThemBecomesADeadLetter() throws Exception {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new TelemetryParser(ValidationLimits.DEFAULTS, true)))) {
            harness.open();
            harness.processElement(record("t/0@0", serde.serialize(linearBotBatch("s-1", 0, BEGINNING))), 0);
            harness.processElement(record("t/0@1", "{\"v\":1,\"sessionId\":".getBytes(StandardCharsets.UTF_8)), 0);
            harness.processElement(record("t/0@2", serde.serialize(linearBotBatch("s-1", 1, BEGINNING + THREE_SECONDS))), 0);

            assertThat(harness.extractOutputValues())
                    .extracting(BatchFeatures::sequence, BatchFeatures::origin)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0L, "t/0@0"),
                            org.assertj.core.groups.Tuple.tuple(1L, "t/0@2"));
            assertThat(harness.extractOutputValues().get(0).features().counts().mouseEvents()).isGreaterThan(0);

            var deadLetters = harness.getSideOutput(TelemetryParser.DEAD_LETTERS);
            assertThat(deadLetters).hasSize(1);
            DeadLetter deadLetter = deadLetters.stream().map(StreamRecord::getValue).findFirst().orElseThrow();
            assertThat(deadLetter.reason()).isEqualTo("MALFORMED_JSON");
            assertThat(deadLetter.origin()).isEqualTo("t/0@1");
            assertThat(deadLetter.payload()).isEqualTo("{\"v\":1,\"sessionId\":");
            assertThat(deadLetter.key()).isEqualTo("s-1");
        }
    }

    @Test
    void withRecordTimestampsAsEventTimeARecordWithoutOneIsDeadLetteredNotMisplacedInTime() throws Exception {
        byte[] batch = new TelemetryBatchSerde().serialize(linearBotBatch("s-1", 0, BEGINNING));
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new TelemetryParser(ValidationLimits.DEFAULTS, true)))) {
            harness.open();
            harness.processElement(new StreamRecord<>(record("file:b.ndjson:1", batch)));

            assertThat(harness.extractOutputValues()).isEmpty();
            DeadLetter deadLetter = harness.getSideOutput(TelemetryParser.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).findFirst().orElseThrow();
            assertThat(deadLetter.reason()).isEqualTo("BAD_TIMESTAMP");
            assertThat(deadLetter.detail()).contains("BATCH_START");
        }
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new TelemetryParser(ValidationLimits.DEFAULTS, false)))) {
            harness.open();
            harness.processElement(new StreamRecord<>(record("file:b.ndjson:1", batch)));

            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }
}
