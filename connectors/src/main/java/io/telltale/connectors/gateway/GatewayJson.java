package io.telltale.connectors.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The gateway's small JSON answers, written with Jackson's streaming API. */
final class GatewayJson {

    static final JsonFactory FACTORY = new JsonFactory();

    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private GatewayJson() {}

    static byte[] object(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"error": code, "detail": detail}}: every refusal's body. */
    static byte[] error(String code, String detail) {
        return object(g -> {
            g.writeStringField("error", code);
            g.writeStringField("detail", detail);
        });
    }

    /** {@code value} as a JSON string literal, quotes included, in UTF-8. */
    static byte[] quoted(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 2);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The string value of a top-level field of a JSON object, or null when absent or not a string.
     *
     * @throws IOException when the body is not one JSON object
     */
    static String stringField(byte[] body, String name) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected an object");
            }
            String found = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                    found = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("expected one object");
            }
            return found == null || found.isBlank() ? null : found;
        }
    }
}
