/**
 * Wire format v1: the records that cross Kafka. Plain data, no behaviour beyond
 * small accessors; the JSON mapping lives in {@code io.telltale.connectors.serde}
 * and is documented in {@code docs/wire-format.md} and {@code schemas/}.
 *
 * <p>Coordinates are integer CSS pixels, times integer milliseconds. Arrays inside a
 * track are columnar and of equal length; timestamps are relative to
 * {@link io.telltale.core.wire.TelemetryBatch#startedAt()}.
 */
package io.telltale.core.wire;
