package io.telltale.connectors.file;

import static io.telltale.connectors.serde.WireFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.DeadLetters;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.ValidationLimits;
import io.telltale.connectors.serde.WireFixtures;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The bounded file path of {@code telltale score --input}: NDJSON in, valid and dead letters out. */
class NdjsonFilesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path dir;

    @Test
    void readsLinesAndWritesAcceptedRecordsAndDeadLetters() throws Exception {
        CommerceEventSerde serde = new CommerceEventSerde(ValidationLimits.DEFAULTS, NOW);
        Path input = dir.resolve("events.ndjson");
        Files.writeString(input, String.join("\n",
                new String(serde.serialize(WireFixtures.cartAdd()), StandardCharsets.UTF_8),
                "{\"v\":1,\"type\":\"teleport\"}",
                "",
                new String(serde.serialize(WireFixtures.cartAdd()), StandardCharsets.UTF_8)));
        Path accepted = dir.resolve("out/accepted.ndjson");
        Path rejected = dir.resolve("out/dead-letters.ndjson");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<RawRecord> raw = env.fromSource(
                FileSource.forRecordStreamFormat(new NdjsonRecordFormat("events.ndjson"),
                                new org.apache.flink.core.fs.Path(input.toUri())).build(),
                WatermarkStrategy.noWatermarks(), "events.ndjson");
        raw.flatMap((RawRecord r, Collector<CommerceEvent> out) -> {
                    try {
                        out.collect(serde.deserialize(r.value()));
                    } catch (InvalidRecordException ignored) {
                        // the other branch dead-letters it
                    }
                })
                .returns(CommerceEvent.class)
                .sinkTo(new NdjsonFileSink<>(accepted, serde::serialize));
        raw.flatMap((RawRecord r, Collector<DeadLetter> out) -> {
                    try {
                        serde.deserialize(r.value());
                    } catch (InvalidRecordException e) {
                        out.collect(DeadLetters.of(e, r.origin(), r.key(), r.value(), 0L));
                    }
                })
                .returns(DeadLetter.class)
                .sinkTo(new NdjsonFileSink<>(rejected, new DeadLetterSerde()::serialize));
        env.execute("ndjson files");

        List<String> acceptedLines = Files.readAllLines(accepted);
        assertThat(acceptedLines).hasSize(2);
        assertThat(serde.deserialize(acceptedLines.get(0).getBytes(StandardCharsets.UTF_8))).isEqualTo(WireFixtures.cartAdd());
        List<String> deadLetters = Files.readAllLines(rejected);
        assertThat(deadLetters).hasSize(1);
        DeadLetter letter = new DeadLetterSerde().deserialize(deadLetters.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(letter.origin()).isEqualTo("file:events.ndjson:2");
        assertThat(letter.reason()).isEqualTo("INVALID_VALUE");
        assertThat(letter.payload()).isEqualTo("{\"v\":1,\"type\":\"teleport\"}");
    }
}
