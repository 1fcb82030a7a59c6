package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.WireFixtures.ONE_MINUTE_LATER;
import static io.telltale.connectors.serde.WireFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeadLetter;
import org.junit.jupiter.api.Test;

class DeadLetterSerdeTest {
    private final DeadLetterSerde serde = new DeadLetterSerde();

    @Test
    void roundTrips() throws Exception {
        DeadLetter d = new DeadLetter(1, "MALFORMED_JSON", "Unexpected character ('h')", "telltale.telemetry.v1/0@42",
                "s-1", "hello \"world\"\n", false, ONE_MINUTE_LATER);

        assertThat(serde.deserialize(serde.serialize(d))).isEqualTo(d);
    }

    @Test
    void roundTripsWithoutKeyAndPayload() throws Exception {
        DeadLetter d = new DeadLetter(1, "OVERSIZED", "payload is 2000000 bytes", "file:x.ndjson:3", null, null, false, 7);

        assertThat(serde.deserialize(serde.serialize(d))).isEqualTo(d);
    }

    @Test
    void carriesTheRejectedRecordAsItWasBuilt() throws Exception {
        InvalidRecordException e = new InvalidRecordException(DeadLetterReason.BAD_TIMESTAMP, "startedAt = 0 must be a positive epoch ms");
        DeadLetter d = DeadLetters.of(e, "telltale.telemetry.v1/1@7", utf8("s-1"), utf8("{\"startedAt\":0}"), ONE_MINUTE_LATER);

        DeadLetter back = serde.deserialize(serde.serialize(d));

        assertThat(back.reason()).isEqualTo("BAD_TIMESTAMP");
        assertThat(back.detail()).isEqualTo("startedAt = 0 must be a positive epoch ms");
        assertThat(back.key()).isEqualTo("s-1");
        assertThat(back.payload()).isEqualTo("{\"startedAt\":0}");
        assertThat(back.payloadTruncated()).isFalse();
    }
}
