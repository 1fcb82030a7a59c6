/**
 * Kafka for the job: the raw-record source, keyed JSON sinks, topic names, and an in-process
 * broker ({@link io.telltale.connectors.kafka.EmbeddedKafka}) for the demo and the tests.
 */
package io.telltale.connectors.kafka;
