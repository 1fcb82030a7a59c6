package io.telltale.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The reference job's parse: the whole JSON document is read (so malformed records are still
 * dropped), but only the session id and {@code startedAt} are kept; tracks are skipped over.
 */
public final class ReferenceEnvelope {

    private ReferenceEnvelope() {}

    /** Session id and batch start of a telemetry record, or null when it has not both. */
    public static Tuple2<String, Long> parse(JsonFactory json, byte[] value) {
        if (value == null) {
            return null;
        }
        String session = null;
        long startedAt = Long.MIN_VALUE;
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("sessionId".equals(field) && token == JsonToken.VALUE_STRING) {
                    session = parser.getText();
                } else if ("startedAt".equals(field) && token == JsonToken.VALUE_NUMBER_INT) {
                    startedAt = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException malformed) {
            return null;
        }
        return session == null || startedAt == Long.MIN_VALUE ? null : Tuple2.of(session, startedAt);
    }
}
