package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.DeadLetterReason.INVALID_VALUE;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import java.io.Serializable;
import java.time.Clock;
import java.util.Objects;

/**
 * JSON wire format v1 of {@link CommerceEvent}, the shop backend's record; docs/wire-format.md is
 * the specification. Thread-safe.
 */
public final class CommerceEventSerde implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final int SIZE_HINT = 256;

    private final ValidationLimits limits;
    private final Clock clock;

    public CommerceEventSerde() {
        this(ValidationLimits.DEFAULTS, Clock.systemUTC());
    }

    public CommerceEventSerde(ValidationLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public byte[] serialize(CommerceEvent e) {
        return WireJson.write(SIZE_HINT, g -> {
            g.writeStartObject();
            g.writeNumberField("v", e.schemaVersion());
            g.writeStringField("type", e.type().wireName());
            g.writeStringField("sessionId", e.sessionId());
            WireJson.writeStringIfPresent(g, "userId", e.userId());
            WireJson.writeStringIfPresent(g, "clientIp", e.clientIp());
            WireJson.writeStringIfPresent(g, "sku", e.sku());
            WireJson.writeStringIfPresent(g, "category", e.category());
            g.writeNumberField("quantity", e.quantity());
            g.writeNumberField("time", e.time());
            WireJson.writeStringIfPresent(g, "change", e.change());
            if (Double.isFinite(e.value())) {
                g.writeNumberField("value", e.value());
            }
            g.writeEndObject();
        });
    }

    /** @throws InvalidRecordException with the dead-letter reason and the field path at fault */
    public CommerceEvent deserialize(byte[] payload) throws InvalidRecordException {
        try (WireReader r = WireReader.open(payload, limits.maxPayloadBytes())) {
            r.beginRoot();
            Integer version = null;
            String type = null;
            String sessionId = null;
            String userId = null;
            String clientIp = null;
            String sku = null;
            String category = null;
            int quantity = 0;
            Long time = null;
            String change = null;
            double value = Double.NaN;
            int maxString = limits.maxStringLength();
            for (String field = r.nextField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "v" -> version = TelemetryBatchSerde.checkVersion(r.intValue("v"));
                    case "type" -> type = r.stringOrNull("type", maxString);
                    case "sessionId" -> sessionId = r.stringOrNull("sessionId", maxString);
                    case "userId" -> userId = r.stringOrNull("userId", maxString);
                    case "clientIp" -> clientIp = r.stringOrNull("clientIp", maxString);
                    case "sku" -> sku = r.stringOrNull("sku", maxString);
                    case "category" -> category = r.stringOrNull("category", maxString);
                    case "quantity" -> quantity = r.isNull() ? 0 : r.intValue("quantity");
                    case "time" -> time = r.isNull() ? null : r.longValue("time");
                    case "change" -> change = r.stringOrNull("change", maxString);
                    case "value" -> value = r.isNull() ? Double.NaN : r.doubleValue("value");
                    default -> r.skipValue(); // forward compatible within v1
                }
            }
            r.finish();

            if (version == null) {
                throw WireReader.missing("v");
            }
            if (type == null) {
                throw WireReader.missing("type");
            }
            CommerceEventType eventType;
            try {
                eventType = CommerceEventType.ofWireName(type);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(INVALID_VALUE, "type = \"" + type + "\" is not a v1 commerce event type");
            }
            if (sessionId == null) {
                throw WireReader.missing("sessionId");
            }
            if (sessionId.isBlank()) {
                throw new InvalidRecordException(INVALID_VALUE, "sessionId must not be empty or blank");
            }
            if (quantity < 0) {
                throw new InvalidRecordException(INVALID_VALUE, "quantity = " + quantity + " must be >= 0");
            }
            if (time == null) {
                throw WireReader.missing("time");
            }
            TelemetryBatchSerde.checkEpoch("time", time, clock.millis() + limits.maxClockSkewMillis());
            if (value < 0) {
                throw new InvalidRecordException(INVALID_VALUE, "value = " + value + " must be >= 0");
            }
            return new CommerceEvent(version, eventType, sessionId, userId, clientIp, sku, category, quantity, time,
                    change, value);
        }
    }
}
