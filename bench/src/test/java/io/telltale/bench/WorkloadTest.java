package io.telltale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final long START = 1_790_000_000_000L;
    private static final Workload WORKLOAD =
            Workload.simulate(new Workload.Parameters(40, 6, 12, 0.5, 3), START);

    @Test
    void aReplayedBatchIsTheTemplateBatchUnderItsNewIdAndStartTime() throws Exception {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        SessionTemplate template = WORKLOAD.templateOf(5);
        long start = START + 3_600_000;
        byte[] id = SessionTemplate.sessionIdBytes(5);

        TelemetryBatch original = serde.deserialize(template.batch(1).json());
        TelemetryBatch replayed = serde.deserialize(template.render(1, id, start));

        assertThat(replayed.sessionId()).isEqualTo(new String(id, StandardCharsets.US_ASCII));
        assertThat(replayed.startedAt()).isEqualTo(start + template.batch(1).offsetMs());
        assertThat(replayed.sentAt()).isEqualTo(start + template.batch(1).sentAfterMs());
        assertThat(replayed.mouse().t()).isEqualTo(original.mouse().t());
        assertThat(replayed.mouse().x()).isEqualTo(original.mouse().x());
        assertThat(replayed.keys().t()).isEqualTo(original.keys().t());
        assertThat(replayed.eventCount()).isEqualTo(template.batch(1).events());
    }

    @Test
    void aBrowserSendsTheRestOfItsBatchesUnderTheIdTheGatewayChose() throws Exception {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        SessionTemplate template = WORKLOAD.templateOf(5);
        byte[] id = SessionTemplate.sessionIdBytes(5);
        String chosen = "6f1c2a4e-8d3b-4a57-9c21-0e5b7d9f3a18";

        TelemetryBatch asSent = serde.deserialize(template.renderAsSentByBrowser(2, id, START));
        TelemetryBatch underChosenId = serde.deserialize(template.renderAsSentByBrowser(2, id, chosen, START));

        assertThat(asSent.sessionId()).isEqualTo(new String(id, StandardCharsets.US_ASCII));
        assertThat(underChosenId.sessionId()).isEqualTo(chosen);
        assertThat(underChosenId.sequence()).isEqualTo(asSent.sequence());
        assertThat(underChosenId.startedAt()).isEqualTo(asSent.startedAt());
        assertThat(underChosenId.mouse().t()).isEqualTo(asSent.mouse().t());
        assertThat(underChosenId.clientIp()).isNull();
    }

    @Test
    void everySessionSendsItsBatchesInSequenceAndAllInSendOrder() throws Exception {
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        List<TelemetryBatch> written = new ArrayList<>();
        Workload.Totals totals = WORKLOAD.forEachRecord(100, START, (key, value, sentAt) -> {
            try {
                TelemetryBatch batch = serde.deserialize(value);
                assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(batch.sessionId());
                assertThat(sentAt).isEqualTo(batch.sentAt());
                written.add(batch);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(totals.sessions()).isEqualTo(40);
        assertThat(totals.batches()).isEqualTo(written.size());
        assertThat(written).extracting(TelemetryBatch::sentAt).isSorted();
        Map<String, Long> lastSequence = new HashMap<>();
        for (TelemetryBatch batch : written) {
            Long previous = lastSequence.put(batch.sessionId(), batch.sequence());
            assertThat(batch.sequence()).isGreaterThan(previous == null ? -1 : previous);
        }
        assertThat(lastSequence).hasSize(40);
        assertThat(totals.events()).isEqualTo(written.stream().mapToLong(TelemetryBatch::eventCount).sum());
    }

    @Test
    void theThresholdBatchIsTheFirstWhoseSessionIsChallenged() {
        // Bots at half the templates: some cross, and a crossing is a batch the session has.
        assertThat(WORKLOAD.templates).anySatisfy(t -> assertThat(t.thresholdBatch()).isNotNegative());
        assertThat(WORKLOAD.templates).allSatisfy(t -> assertThat(t.thresholdBatch()).isLessThan(t.batchCount()));
    }

    @Test
    void theReferenceJobKeepsOnlyTheEnvelopeAndDropsWhatIsNotABatch() {
        JsonFactory json = new JsonFactory();
        byte[] batch = WORKLOAD.templateOf(0).render(0, SessionTemplate.sessionIdBytes(7), START);

        assertThat(ReferenceEnvelope.parse(json, batch))
                .isEqualTo(Tuple2.of(SessionTemplate.sessionId(7), START + WORKLOAD.templateOf(0).batch(0).offsetMs()));
        assertThat(ReferenceEnvelope.parse(json, "{\"sessionId\":\"s\"".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ReferenceEnvelope.parse(json, "{\"sessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ReferenceEnvelope.parse(json, "[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ReferenceEnvelope.parse(json, null)).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 1000 - i;
        }
        assertThat(Percentiles.of(samples)).isEqualTo(new Percentiles(1000, 500, 990, 999, 1000));
        assertThat(Percentiles.of(new long[0]).count()).isZero();
    }
}
