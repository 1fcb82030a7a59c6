package io.telltale.cep.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps {@code schemas/pattern-control.v1.schema.json} honest: its examples are valid and applied
 * by the job's parser, and what the parser refuses for its shape the schema refuses too (what
 * only the running job can check, such as which parameters change at runtime, it leaves to the
 * parser).
 */
class PatternControlSchemaTest {
    private static final Path SCHEMAS = Path.of("..", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PatternControlParser parser =
            new PatternControlParser(PatternSettings.defaults(BuiltInPatterns.all()).enabled());

    @ParameterizedTest
    @ValueSource(strings = {"pattern-control", "pattern-control-off"})
    void examplesAreValidAndApplied(String example) throws Exception {
        byte[] record = Files.readAllBytes(SCHEMAS.resolve("examples/" + example + ".json"));

        assertThat(schema().validate(JSON.readTree(record))).isEmpty();
        assertThat(parser.parse(record)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1]",
            "{\"pattern\":\"credential-stuffing\",\"enabled\":false}",
            "{\"v\":2,\"pattern\":\"credential-stuffing\",\"enabled\":false}",
            "{\"v\":1,\"enabled\":false}",
            "{\"v\":1,\"pattern\":\"credential-stuffing\",\"enabled\":\"no\"}",
            "{\"v\":1,\"pattern\":\"credential-stuffing\"}",
            "{\"v\":1,\"pattern\":\"credential-stuffing\",\"enabled\":null}",
            "{\"v\":1,\"pattern\":\"credential-stuffing\",\"parameters\":{}}",
            "{\"v\":1,\"pattern\":\"credential-stuffing\",\"parameters\":{\"minAccounts\":[7]}}"})
    void whatTheParserRefusesForItsShapeTheSchemaRefuses(String record) throws Exception {
        assertThat(schema().validate(JSON.readTree(record))).as("schema errors").isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(io.telltale.connectors.serde.InvalidRecordException.class);
    }

    @Test
    void theDeadLetterSchemaNamesTheLateReasonThePatternJobUses() throws Exception {
        JsonNode deadLetter = JSON.readTree(SCHEMAS.resolve("dead-letter.v1.schema.json").toFile());

        assertThat(deadLetter.at("/properties/reason/enum")).extracting(JsonNode::asText)
                .contains(SessionSummarizer.LATE_REASON);
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve("pattern-control.v1.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
    }
}
