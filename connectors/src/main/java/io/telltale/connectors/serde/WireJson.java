package io.telltale.connectors.serde;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one {@link JsonFactory} every serde parses and writes with; thread-safe once built. */
final class WireJson {

    /** Records nest three levels deep (batch, track, column); anything far deeper is an attack. */
    private static final int MAX_NESTING_DEPTH = 32;

    static final JsonFactory FACTORY = JsonFactory.builder()
            // NaN and Infinity parse as numbers so they are reported as INVALID_VALUE, not as a
            // syntax error that hides which field carried them.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // {"sessionId":"a","sessionId":"b"} is ambiguous; reject it rather than pick one.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    private WireJson() {}

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one compact JSON document (never containing a raw newline, so NDJSON-safe). */
    static byte[] write(int sizeHint, Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(sizeHint)) {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                body.write(g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // Only reachable through a bug: writing to memory does not fail.
            throw new UncheckedIOException(e);
        }
    }

    static void writeStringIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    static void requireFinite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite to be written as JSON, was " + value);
        }
    }
}
