package io.telltale.job.functions;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.job.state.BatchFeatures;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds batches into a session's feature accumulator, incrementally and mergeably: window state
 * is the accumulator (a few hundred bytes), never the raw events.
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
        accumulator.merge(batch.features());
        return accumulator;
    }

    @Override
    public SessionFeatureAccumulator getResult(SessionFeatureAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public SessionFeatureAccumulator merge(SessionFeatureAccumulator a, SessionFeatureAccumulator b) {
        a.merge(b);
        return a;
    }
}
