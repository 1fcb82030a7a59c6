package io.telltale.job.functions;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.job.state.BatchFeatures;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds batches into a session's feature accumulator, incrementally and mergeably: window state
 * is the accumulator (a few hundred bytes), never the raw events.
 *
 * <p>Both folds take over what they fold in ({@link SessionFeatureAccumulator#mergeConsuming})
 * rather than copy it: a batch goes nowhere else once the window has added it (late ones go to
 * the side output instead), and Flink passes accumulators to {@link #merge} on the understanding
 * that they are not used again.
 */
public final class SessionFeatureAggregate
        implements AggregateFunction<BatchFeatures, SessionFeatureAccumulator, SessionFeatureAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public SessionFeatureAccumulator createAccumulator() {
        return new SessionFeatureAccumulator();
    }

    @Override
    public SessionFeatureAccumulator add(BatchFeatures batch, SessionFeatureAccumulator accumulator) {
        accumulator.mergeConsuming(batch.features());
        return accumulator;
    }

    @Override
    public SessionFeatureAccumulator getResult(SessionFeatureAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public SessionFeatureAccumulator merge(SessionFeatureAccumulator a, SessionFeatureAccumulator b) {
        a.mergeConsuming(b);
        return a;
    }
}
