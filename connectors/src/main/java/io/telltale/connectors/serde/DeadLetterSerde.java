package io.telltale.connectors.serde;

import io.telltale.core.wire.DeadLetter;
import java.io.Serializable;

/** JSON wire format v1 of {@link DeadLetter}; docs/wire-format.md is the specification. Thread-safe. */
public final class DeadLetterSerde implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Room for a {@link DeadLetters#MAX_PAYLOAD_BYTES} payload escaped as JSON, plus the envelope. */
    private static final int MAX_PAYLOAD_BYTES = 8 * DeadLetters.MAX_PAYLOAD_BYTES;
    private static final int MAX_STRING_LENGTH = MAX_PAYLOAD_BYTES;

    public byte[] serialize(DeadLetter d) {
        int hint = 256 + (d.payload() == null ? 0 : d.payload().length() + d.payload().length() / 8);
        return WireJson.write(hint, g -> {
            g.writeStartObject();
            g.writeNumberField("v", d.schemaVersion());
            g.writeStringField("reason", d.reason());
            WireJson.writeStringIfPresent(g, "detail", d.detail());
            WireJson.writeStringIfPresent(g, "origin", d.origin());
            WireJson.writeStringIfPresent(g, "key", d.key());
            WireJson.writeStringIfPresent(g, "payload", d.payload());
            g.writeBooleanField("payloadTruncated", d.payloadTruncated());
            g.writeNumberField("rejectedAt", d.rejectedAt());
            g.writeEndObject();
        });
    }

    /** @throws InvalidRecordException with the dead-letter reason and the field path at fault */
    public DeadLetter deserialize(byte[] payload) throws InvalidRecordException {
        try (WireReader r = WireReader.open(payload, MAX_PAYLOAD_BYTES)) {
            r.beginRoot();
            Integer version = null;
            String reason = null;
            String detail = null;
            String origin = null;
            String key = null;
            String body = null;
            boolean truncated = false;
            Long rejectedAt = null;
            for (String field = r.nextField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "v" -> version = TelemetryBatchSerde.checkVersion(r.intValue("v"));
                    case "reason" -> reason = r.stringOrNull("reason", MAX_STRING_LENGTH);
                    case "detail" -> detail = r.stringOrNull("detail", MAX_STRING_LENGTH);
                    case "origin" -> origin = r.stringOrNull("origin", MAX_STRING_LENGTH);
                    case "key" -> key = r.stringOrNull("key", MAX_STRING_LENGTH);
                    case "payload" -> body = r.stringOrNull("payload", MAX_STRING_LENGTH);
                    case "payloadTruncated" -> truncated = !r.isNull() && r.booleanValue("payloadTruncated");
                    case "rejectedAt" -> rejectedAt = r.isNull() ? null : r.longValue("rejectedAt");
                    default -> r.skipValue();
                }
            }
            r.finish();
            if (version == null) {
                throw WireReader.missing("v");
            }
            if (reason == null) {
                throw WireReader.missing("reason");
            }
            if (rejectedAt == null) {
                throw WireReader.missing("rejectedAt");
            }
            return new DeadLetter(version, reason, detail, origin, key, body, truncated, rejectedAt);
        }
    }
}
