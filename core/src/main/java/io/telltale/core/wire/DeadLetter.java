package io.telltale.core.wire;

/**
 * A record the job could not accept, on the dead-letter topic with why. The job never fails on
 * input: every rejected record ends up here, and the records next to it are processed as usual.
 *
 * @param reason   stable code, e.g. {@code MALFORMED_JSON}, {@code UNSUPPORTED_VERSION}
 * @param detail   what exactly was wrong, for a human (field, value, limit)
 * @param origin   where the record came from: {@code topic/partition@offset} or {@code file:line}
 * @param key      the record key as text, or null
 * @param payload  the record as received (UTF-8, possibly truncated: see {@code payloadTruncated})
 * @param rejectedAt epoch ms (processing time) when the job rejected it
 */
public record DeadLetter(
        int schemaVersion,
        String reason,
        String detail,
        String origin,
        String key,
        String payload,
        boolean payloadTruncated,
        long rejectedAt) {}
