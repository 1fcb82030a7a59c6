package io.telltale.connectors.kafka;

import java.io.Serializable;

/** How a sink turns an element into a Kafka key and a JSON value. */
public interface KeyedJsonSerializer<T> extends Serializable {
    /** The record key (UTF-8), or null for none. */
    byte[] key(T element);

    /** The record value, one JSON document. */
    byte[] value(T element);
}
