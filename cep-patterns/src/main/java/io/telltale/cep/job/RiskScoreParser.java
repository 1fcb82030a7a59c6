package io.telltale.cep.job;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.RiskScore;

/** Risk scores from the scoring job; bad records to dead letters. */
final class RiskScoreParser extends WireRecordParser<RiskScore> {
    private static final long serialVersionUID = 1L;
    private final RiskScoreSerde serde = new RiskScoreSerde();

    @Override
    RiskScore parse(byte[] payload) throws InvalidRecordException {
        return serde.deserialize(payload);
    }
}
