/**
 * JSON wire format v1: one serde per wire record, on Jackson's streaming API, and the validation
 * that turns a bad record into a {@link io.telltale.connectors.serde.InvalidRecordException}
 * with a {@link io.telltale.connectors.serde.DeadLetterReason}. The format is specified in
 * {@code docs/wire-format.md} and {@code schemas/}.
 */
package io.telltale.connectors.serde;
