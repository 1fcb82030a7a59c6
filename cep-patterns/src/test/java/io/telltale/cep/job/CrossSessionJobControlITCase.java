package io.telltale.cep.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.testkit.Timeline;
import io.telltale.connectors.file.NdjsonFileSink;
import io.telltale.connectors.file.NdjsonRecordFormat;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.DeadLetterSerde;
import io.telltale.connectors.RawRecord;
import io.telltale.core.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as deployed, with a control source: control records are parsed next to the sessions, bad
 * ones become dead letters, and the control stream does not hold back the patterns.
 */
class CrossSessionJobControlITCase extends CepTestBase {

    private static FileSource<RawRecord> file(Path path) {
        return FileSource.forRecordStreamFormat(new NdjsonRecordFormat(path.getFileName().toString()),
                new org.apache.flink.core.fs.Path(path.toUri())).build();
    }

    @Test
    void runsWithAControlTopicAndDeadLettersItsBadRecords(@TempDir Path dir) throws Exception {
        Timeline t = Timeline.startingAt(BEGINNING);
        for (int i = 0; i < 3; i++) {
            t.session("stuffer-" + i).at(minutes(i)).from("52.9.9." + (i + 1))
                    .loginFailed(seconds(5), "alice" + i).loginFailed(seconds(9), "bob" + i);
        }
        CommerceEventSerde serde = new CommerceEventSerde();
        Path commerce = dir.resolve("commerce.ndjson");
        Files.write(commerce, t.commerceEvents().stream()
                .map(e -> new String(serde.serialize(e), StandardCharsets.UTF_8)).toList());
        Path controls = dir.resolve("controls.ndjson");
        Files.write(controls, List.of(
                "{\"v\":1,\"pattern\":\"slow-and-low-revisits\",\"enabled\":false}",
                "{\"v\":1,\"pattern\":\"credential-stuffing\",\"parameters\":{\"window\":\"1 h\"}}"));
        Path findings = dir.resolve("findings.ndjson");
        Path deadLetters = dir.resolve("dead-letters.ndjson");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        new CrossSessionJob(file(commerce), null, new NdjsonFileSink<>(findings, new FindingSerde()::serialize),
                        new NdjsonFileSink<DeadLetter>(deadLetters, new DeadLetterSerde()::serialize), new Configuration(),
                        PatternSettings.defaults(BuiltInPatterns.all()))
                .withControlSource(file(controls))
                .build(env);
        env.execute("control ITCase");

        List<String> found = Files.readAllLines(findings);
        assertThat(found).singleElement().satisfies(f -> assertThat(f)
                .contains("\"patternId\":\"credential-stuffing\"", "\"key\":\"network:52.9.9.0/24\""));
        assertThat(Files.readAllLines(deadLetters)).singleElement().satisfies(d -> assertThat(d)
                .contains("INVALID_VALUE", "controls.ndjson:2", "shapes the CEP pattern"));
    }
}
