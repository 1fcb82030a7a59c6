/**
 * Newline-delimited JSON files for bounded runs ({@code telltale score --input x.ndjson}): a
 * {@code FileSource} format that emits raw records, and a single-file sink.
 */
package io.telltale.connectors.file;
