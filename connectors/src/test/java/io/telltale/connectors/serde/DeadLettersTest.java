package io.telltale.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final InvalidRecordException OVERSIZED =
            new InvalidRecordException(DeadLetterReason.OVERSIZED, "payload is big");

    @Test
    void truncatesLongPayloadsAndSaysSo() {
        byte[] payload = new byte[DeadLetters.MAX_PAYLOAD_BYTES + 10];
        Arrays.fill(payload, (byte) 'a');

        DeadLetter d = DeadLetters.of(OVERSIZED, "o", null, payload, 1);

        assertThat(d.payload()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES);
        assertThat(d.payloadTruncated()).isTrue();
        assertThat(d.key()).isNull();
        assertThat(d.reason()).isEqualTo("OVERSIZED");
    }

    @Test
    void neverCutsAMultiByteCharacterInHalf() {
        // 'é' is two bytes; put one across the cut.
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[DeadLetters.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(payload, (byte) 'a');
        payload[DeadLetters.MAX_PAYLOAD_BYTES - 1] = e[0];
        payload[DeadLetters.MAX_PAYLOAD_BYTES] = e[1];

        DeadLetter d = DeadLetters.of(OVERSIZED, "o", null, payload, 1);

        assertThat(d.payload()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES - 1).doesNotContain("\uFFFD");
        assertThat(d.payloadTruncated()).isTrue();
    }

    @Test
    void replacesBytesThatAreNotUtf8() {
        DeadLetter d = DeadLetters.of(OVERSIZED, "o", new byte[] {'k', (byte) 0xFF}, new byte[] {'{', (byte) 0xC3, '}'}, 1);

        assertThat(d.key()).isEqualTo("k\uFFFD");
        assertThat(d.payload()).isEqualTo("{\uFFFD}");
        assertThat(d.payloadTruncated()).isFalse();
    }
}
