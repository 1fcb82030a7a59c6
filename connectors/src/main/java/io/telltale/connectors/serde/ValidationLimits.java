package io.telltale.connectors.serde;

import java.io.Serializable;

/**
 * Bounds on what the ingest serdes accept; anything beyond becomes a dead letter. The defaults
 * are generous for a real browser (the SDK flushes every few seconds) and tight enough that one
 * record cannot blow up a task's memory.
 *
 * @param maxTrackLength     samples per track (and entries in any other array)
 * @param maxCoordinate      largest |x|, |y|, scroll delta, touch radius or screen size, CSS px
 * @param maxBatchSpanMillis largest track time, ms after {@code startedAt}
 * @param maxClockSkewMillis how far in the future (vs. the serde's clock) a client time may be
 * @param maxStringLength    characters in any string field
 * @param maxPayloadBytes    bytes of one record, checked before parsing
 */
public record ValidationLimits(
        int maxTrackLength,
        int maxCoordinate,
        int maxBatchSpanMillis,
        long maxClockSkewMillis,
        int maxStringLength,
        int maxPayloadBytes)
        implements Serializable {

    /** 5,000 samples, 100,000 px, 60 s span, 10 min skew, 2,048 chars, 1 MiB. */
    public static final ValidationLimits DEFAULTS =
            new ValidationLimits(5_000, 100_000, 60_000, 10 * 60_000L, 2_048, 1 << 20);

    public ValidationLimits {
        if (maxTrackLength < 0 || maxCoordinate < 0 || maxBatchSpanMillis < 0
                || maxClockSkewMillis < 0 || maxStringLength < 0 || maxPayloadBytes < 0) {
            throw new IllegalArgumentException("validation limits must not be negative");
        }
    }
}
