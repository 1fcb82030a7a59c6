package io.telltale.connectors.serde;

import java.util.Objects;

/**
 * A record that cannot be accepted, with the dead-letter reason and a message naming the field
 * path, the offending value and the limit it broke.
 *
 * <p>No stack trace is recorded: a bot flooding the gateway with garbage makes this a hot path,
 * and the trace would only ever point into the serde.
 */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public InvalidRecordException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DeadLetterReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
