package io.telltale.cep.job;

import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.core.wire.CommerceEvent;

/** Commerce events from the shop backend; bad records to dead letters. */
final class CommerceEventParser extends WireRecordParser<CommerceEvent> {
    private static final long serialVersionUID = 1L;
    private final CommerceEventSerde serde = new CommerceEventSerde();

    @Override
    CommerceEvent parse(byte[] payload) throws InvalidRecordException {
        return serde.deserialize(payload);
    }
}
