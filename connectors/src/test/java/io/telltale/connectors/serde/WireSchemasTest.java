package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.WireFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code schemas/} honest: every example there is valid by its JSON Schema and read by our
 * serde, and what the serde writes validates too.
 */
class WireSchemasTest {
    private static final Path SCHEMAS = Path.of("..", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory DRAFT_2020_12 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final TelemetryBatchSerde telemetry = new TelemetryBatchSerde(ValidationLimits.DEFAULTS, NOW);
    private final CommerceEventSerde commerce = new CommerceEventSerde(ValidationLimits.DEFAULTS, NOW);
    private final RiskScoreSerde risk = new RiskScoreSerde();
    private final DeadLetterSerde deadLetter = new DeadLetterSerde();

    @FunctionalInterface
    interface Reader {
        Object read(byte[] payload) throws InvalidRecordException;
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("telemetry-batch", "telemetry-batch"),
                Arguments.of("telemetry-batch", "telemetry-batch-touch"),
                Arguments.of("commerce-event", "commerce-event"),
                Arguments.of("commerce-event", "commerce-event-account-change"),
                Arguments.of("risk-score", "risk-score"),
                Arguments.of("risk-score", "risk-score-final"),
                Arguments.of("risk-score", "risk-score-profile"),
                Arguments.of("dead-letter", "dead-letter"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("examples")
    void exampleIsValidByItsSchemaAndReadByTheSerde(String schemaName, String exampleName) throws Exception {
        byte[] example = Files.readAllBytes(SCHEMAS.resolve("examples/" + exampleName + ".json"));

        assertThat(schema(schemaName).validate(JSON.readTree(example))).isEmpty();
        assertThat(reader(schemaName).read(example)).isNotNull();
    }

    @Test
    void whatTheSerdesWriteIsValidByTheSchemas() throws Exception {
        assertThat(schema("telemetry-batch").validate(JSON.readTree(telemetry.serialize(WireFixtures.fullBatch())))).isEmpty();
        assertThat(schema("commerce-event").validate(JSON.readTree(commerce.serialize(WireFixtures.cartAdd())))).isEmpty();
        assertThat(schema("commerce-event").validate(JSON.readTree(commerce.serialize(WireFixtures.emailChange())))).isEmpty();
        assertThat(schema("commerce-event").validate(JSON.readTree(commerce.serialize(WireFixtures.checkoutWorth(80))))).isEmpty();
        assertThat(schema("risk-score").validate(JSON.readTree(risk.serialize(WireFixtures.blockedBot())))).isEmpty();
        assertThat(schema("risk-score").validate(JSON.readTree(risk.serialize(WireFixtures.challengedStranger())))).isEmpty();
    }

    @Test
    void theSchemaRejectsAnUnknownCodeLikeTheSerde() throws Exception {
        ObjectNode batch = (ObjectNode) JSON.readTree(SCHEMAS.resolve("examples/telemetry-batch.json").toFile());
        ((ArrayNode) batch.path("mouse").path("kind")).set(0, 9);

        assertThat(schema("telemetry-batch").validate(batch)).isNotEmpty();
    }

    @Test
    void theSchemaRejectsAPageIdLikeTheSerde() throws Exception {
        ObjectNode batch = (ObjectNode) JSON.readTree(SCHEMAS.resolve("examples/telemetry-batch.json").toFile());
        for (String pageId : new String[] {"", "tab 2", "p".repeat(TelemetryBatchSerde.MAX_PAGE_ID_LENGTH + 1)}) {
            batch.put("pageId", pageId);
            byte[] bytes = JSON.writeValueAsBytes(batch);

            assertThat(schema("telemetry-batch").validate(batch)).as(pageId).isNotEmpty();
            assertThatThrownBy(() -> telemetry.deserialize(bytes)).as(pageId).isInstanceOf(InvalidRecordException.class);
        }
    }

    @Test
    void theDeadLetterSchemaNamesEveryReasonAndNoOther() throws Exception {
        JsonNode deadLetter = JSON.readTree(SCHEMAS.resolve("dead-letter.v1.schema.json").toFile());

        assertThat(deadLetter.at("/properties/reason/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList());
    }

    private Reader reader(String schemaName) {
        return switch (schemaName) {
            case "telemetry-batch" -> telemetry::deserialize;
            case "commerce-event" -> commerce::deserialize;
            case "risk-score" -> risk::deserialize;
            case "dead-letter" -> deadLetter::deserialize;
            default -> throw new IllegalArgumentException(schemaName);
        };
    }

    private static JsonSchema schema(String name) throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve(name + ".v1.schema.json"))) {
            JsonNode node = JSON.readTree(in);
            return DRAFT_2020_12.getSchema(node);
        }
    }
}
