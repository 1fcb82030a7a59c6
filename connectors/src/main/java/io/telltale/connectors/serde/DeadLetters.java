package io.telltale.connectors.serde;

import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.WireVersion;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Builds the {@link DeadLetter} for a rejected record.
 *
 * <p>Payload and key are carried as text: decoded as UTF-8, with every byte sequence that is not
 * valid UTF-8 replaced by U+FFFD. A payload that was not text at all is therefore not recoverable
 * byte for byte from the dead letter; the wire formats are JSON, so such a record is garbage
 * whatever it was, and text keeps the topic readable with {@code kafka-console-consumer}.
 */
public final class DeadLetters {

    /** Payload bytes kept in a dead letter; enough to see what went wrong, bounded for the topic. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** Key bytes kept; session ids are short, anything longer is itself suspect. */
    public static final int MAX_KEY_BYTES = 1024;

    private DeadLetters() {}

    /**
     * @param origin  where the record came from ({@code RawRecord.origin()})
     * @param key     the record key, or null
     * @param payload the record as received, or null
     * @param now     epoch ms (processing time) of the rejection
     */
    public static DeadLetter of(InvalidRecordException e, String origin, byte[] key, byte[] payload, long now) {
        return new DeadLetter(
                WireVersion.CURRENT,
                e.reason().name(),
                e.getMessage(),
                origin,
                key == null ? null : decode(key, MAX_KEY_BYTES),
                payload == null ? null : decode(payload, MAX_PAYLOAD_BYTES),
                payload != null && payload.length > MAX_PAYLOAD_BYTES,
                now);
    }

    /**
     * Decodes at most {@code maxBytes} bytes as UTF-8, replacing malformed input by U+FFFD and
     * never splitting a multi-byte character at the cut.
     */
    static String decode(byte[] bytes, int maxBytes) {
        int length = Math.min(bytes.length, maxBytes);
        if (length < bytes.length) {
            // Step back over continuation bytes (10xxxxxx) so the cut falls between characters;
            // a UTF-8 character is at most 4 bytes, so at most 3 steps.
            int cut = length;
            while (cut > 0 && length - cut < 3 && (bytes[cut] & 0xC0) == 0x80) {
                cut--;
            }
            if ((bytes[cut] & 0xC0) != 0x80) {
                length = cut;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException impossible) {
            // REPLACE never throws.
            throw new IllegalStateException(impossible);
        }
    }
}
