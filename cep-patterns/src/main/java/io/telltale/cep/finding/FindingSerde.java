package io.telltale.cep.finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * JSON of {@link Finding} (one document per Kafka record or NDJSON line), with unshaded Jackson.
 * Field names are the record's component names, plus {@code "v"} for the version; readers ignore
 * fields they do not know, as everywhere in wire format v1.
 */
public final class FindingSerde implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient ObjectMapper mapper;

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .addMixIn(Finding.class, FindingMixIn.class)
                    .build();
        }
        return mapper;
    }

    public byte[] serialize(Finding finding) {
        try {
            return mapper().writeValueAsBytes(finding);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Finding deserialize(byte[] json) throws IOException {
        Finding finding = mapper().readValue(json, Finding.class);
        if (finding.schemaVersion() != Finding.VERSION) {
            throw new IOException("unsupported finding version " + finding.schemaVersion());
        }
        return finding;
    }

    /** {@code schemaVersion} is {@code "v"} on the wire, first, as in every Telltale record. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"v"})
    private abstract static class FindingMixIn {
        @com.fasterxml.jackson.annotation.JsonProperty("v")
        abstract int schemaVersion();
    }
}
