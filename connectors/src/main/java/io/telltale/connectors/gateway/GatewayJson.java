package io.telltale.connectors.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
}
