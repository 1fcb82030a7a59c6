package io.telltale.job.functions;

import io.telltale.connectors.serde.DeadLetterReason;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.WireVersion;
import io.telltale.job.state.BatchFeatures;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A batch that arrived after its session's window had closed cannot change the final score; it
 * goes to the dead-letter topic as {@link #REASON} with a pointer to the original record.
 */
public final class LateBatchDeadLetter implements MapFunction<BatchFeatures, DeadLetter> {

    private static final long serialVersionUID = 1L;

    public static final String REASON = DeadLetterReason.LATE_EVENT.name();

    @Override
    public DeadLetter map(BatchFeatures batch) {
        String detail = "batch " + batch.sequence() + " of session " + batch.sessionId()
                + " started at " + batch.startedAt()
                + " arrived after the session window closed; the original record is at "
                + batch.origin();
        return new DeadLetter(
                WireVersion.CURRENT,
                REASON,
                detail,
                batch.origin(),
                batch.sessionId(),
                null,
                false,
                System.currentTimeMillis());
    }
}
