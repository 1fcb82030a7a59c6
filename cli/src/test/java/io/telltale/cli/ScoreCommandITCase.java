package io.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SessionSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code telltale score} over a file: the job's topology, bounded, files in and out. */
class ScoreCommandITCase {

    private static final long BEGINNING = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();

    @Test
    void scoresEverySessionOfAFileOnceAndDeadLettersTheBadLine(@TempDir Path dir) throws Exception {
        SessionSimulator simulator = new SessionSimulator(7);
        List<TelemetryBatch> batches = new ArrayList<>();
        batches.addAll(simulator.simulate(Actor.HUMAN, "s-human", null, BEGINNING, Duration.ofSeconds(90)).batches());
        batches.addAll(simulator.simulate(Actor.LINEAR_BOT, "s-bot", null, BEGINNING, Duration.ofSeconds(90)).batches());
        batches.sort(Comparator.comparingLong(TelemetryBatch::startedAt));

        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        List<String> lines = new ArrayList<>();
        for (TelemetryBatch batch : batches) {
            lines.add(new String(serde.serialize(batch), StandardCharsets.UTF_8));
        }
        lines.add(lines.size() / 2, "{\"v\":1,\"sessionId\":\"s-broken\"");
        Path input = dir.resolve("batches.ndjson");
        Files.write(input, lines);
        Path output = dir.resolve("scores.ndjson");

        int exit = new CommandLine(new TelltaleCli())
                .execute("score", "--input", input.toString(), "--output", output.toString(), "--final-only");

        assertThat(exit).isZero();
        RiskScoreSerde scoreSerde = new RiskScoreSerde();
        List<RiskScore> scores = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            scores.add(scoreSerde.deserialize(line.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, RiskScore> bySession =
                scores.stream().collect(Collectors.toMap(RiskScore::sessionId, score -> score));
        assertThat(scores).hasSize(2).allMatch(RiskScore::isFinal);
        assertThat(bySession.get("s-bot").score()).isGreaterThan(bySession.get("s-human").score());

        List<String> deadLetterLines = Files.readAllLines(Path.of(output + ".dead-letters.ndjson"));
        assertThat(deadLetterLines).hasSize(1);
        DeadLetter deadLetter =
                new DeadLetterSerde().deserialize(deadLetterLines.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.reason()).isEqualTo("MALFORMED_JSON");
        assertThat(deadLetter.origin()).contains("batches.ndjson");
    }

    @Test
    void aMissingInputFileIsAClearError(@TempDir Path dir) {
        int exit = new CommandLine(new TelltaleCli())
                .execute("score", "--input", dir.resolve("nope.ndjson").toString(), "--output",
                        dir.resolve("out.ndjson").toString());
        assertThat(exit).isEqualTo(2);
    }
}
