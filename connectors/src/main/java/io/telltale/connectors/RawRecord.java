package io.telltale.connectors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record exactly as it arrived, before any parsing. The job's sources emit these and parse
 * inside the job, so that a bad record becomes a dead letter instead of failing the source.
 *
 * @param key       the Kafka record key, or null (files have no key)
 * @param value     the payload, one JSON document; may be null for a Kafka tombstone
 * @param origin    where it came from, for the dead-letter topic: {@code topic/partition@offset}
 *                  for Kafka, {@code file:<name>:<line>} for files (line is 1-based)
 * @param timestamp the Kafka record timestamp (epoch ms), or -1 when there is none
 */
public record RawRecord(byte[] key, byte[] value, String origin, long timestamp) {

    /** The value of {@link #timestamp()} when the source has no timestamp. */
    public static final long NO_TIMESTAMP = -1L;

    /** By content: two records with the same bytes, origin and timestamp are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord other
                && timestamp == other.timestamp
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value)
                && Objects.equals(origin, other.origin);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + Objects.hashCode(origin))
                + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "RawRecord[origin=" + origin
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", timestamp=" + timestamp + "]";
    }
}
