package io.telltale.cep.job;

import static io.telltale.connectors.serde.DeadLetterReason.INVALID_VALUE;
import static io.telltale.connectors.serde.DeadLetterReason.MALFORMED_JSON;
import static io.telltale.connectors.serde.DeadLetterReason.MISSING_FIELD;
import static io.telltale.connectors.serde.DeadLetterReason.OVERSIZED;
import static io.telltale.connectors.serde.DeadLetterReason.UNSUPPORTED_VERSION;
import static io.telltale.connectors.serde.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.pattern.RuntimeParameters;
import io.telltale.connectors.serde.InvalidRecordException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Control records from the control topic, checked against the patterns this job runs; a record
 * that is malformed, names a pattern or parameter the job cannot change, or gives a value out of
 * bounds becomes a dead letter saying so, and the running patterns are untouched:
 *
 * <pre>
 * {"v":1,"pattern":"credential-stuffing","parameters":{"minAccounts":8}}
 * {"v":1,"pattern":"slow-and-low-revisits","enabled":false}
 * </pre>
 */
final class PatternControlParser extends WireRecordParser<PatternControl> {
    private static final long serialVersionUID = 1L;

    /** A control record is a few lines of JSON. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<PatternSettings.Enabled> running;

    PatternControlParser(List<PatternSettings.Enabled> running) {
        this.running = List.copyOf(running);
    }

    @Override
    PatternControl parse(byte[] payload) throws InvalidRecordException {
        if (payload == null || payload.length == 0) {
            throw new InvalidRecordException(MALFORMED_JSON, "empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidRecordException(OVERSIZED, payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new InvalidRecordException(MALFORMED_JSON, "not one JSON document: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRecordException(WRONG_TYPE, "a control record is a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null || v.isNull()) {
            throw new InvalidRecordException(MISSING_FIELD, "v");
        }
        if (!v.isInt() || v.intValue() != 1) {
            throw new InvalidRecordException(UNSUPPORTED_VERSION, "v = " + v + "; this build reads 1");
        }
        JsonNode pattern = root.get("pattern");
        if (pattern == null || pattern.isNull()) {
            throw new InvalidRecordException(MISSING_FIELD, "pattern");
        }
        if (!pattern.isTextual()) {
            throw new InvalidRecordException(WRONG_TYPE, "pattern must be a string, the pattern's id");
        }
        JsonNode enabled = root.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            throw new InvalidRecordException(WRONG_TYPE, "enabled must be true or false");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode given = root.get("parameters");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw new InvalidRecordException(WRONG_TYPE, "parameters must map parameter names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new InvalidRecordException(WRONG_TYPE, "parameters." + e.getKey() + " must be a single value");
                }
                parameters.put(e.getKey(), e.getValue().asText());
            }
        }
        Boolean on = enabled == null || enabled.isNull() ? null : enabled.booleanValue();
        if (on == null && parameters.isEmpty()) {
            throw new InvalidRecordException(INVALID_VALUE, "changes nothing: give enabled or parameters");
        }
        PatternControl control = new PatternControl(pattern.textValue(), on, parameters);
        try {
            RuntimeParameters.check(control, running);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(INVALID_VALUE, e.getMessage());
        }
        return control;
    }
}
