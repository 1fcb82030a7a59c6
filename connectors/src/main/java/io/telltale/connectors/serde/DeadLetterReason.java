package io.telltale.connectors.serde;

/**
 * Why a record was rejected. The name is the stable code on the dead-letter topic
 * ({@code DeadLetter.reason}); docs/wire-format.md lists what each one covers.
 */
public enum DeadLetterReason {
    /** Not a JSON document: syntax error, empty payload, trailing content, duplicate field. */
    MALFORMED_JSON,
    /** A field of the wrong JSON type: a string where a number belongs, a fraction for an integer. */
    WRONG_TYPE,
    /** A required field is absent (or null). */
    MISSING_FIELD,
    /** The {@code v} field names a wire-format version this build does not read. */
    UNSUPPORTED_VERSION,
    /** Right type, impossible value: empty session id, NaN, a coordinate beyond the limit. */
    INVALID_VALUE,
    /** A time that cannot be: non-positive, too far in the future, decreasing, beyond the batch span. */
    BAD_TIMESTAMP,
    /** Too big: the payload, a track, a string. */
    OVERSIZED,
    /** A track whose columns disagree in length, or that carries a code no v1 enum defines. */
    INCONSISTENT_TRACK,
    /**
     * Valid, but it arrived after event time had passed the end of its session: it can no longer
     * change the session's score (job) or take part in a cross-session pattern (pattern job).
     */
    LATE_EVENT
}
