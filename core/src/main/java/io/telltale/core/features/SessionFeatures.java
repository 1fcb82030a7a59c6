package io.telltale.core.features;

import io.telltale.core.wire.EventCounts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured features of one session (or of the part of it seen so far), with the event counts
 * they rest on. Immutable. A feature the session has not shown enough of is {@code NaN}.
 */
public final class SessionFeatures {

    private static final Feature[] FEATURES = Feature.values();

    private final double[] values;
    private final EventCounts counts;

    private SessionFeatures(double[] values, EventCounts counts) {
        this.values = values;
        this.counts = counts;
    }

    public double get(Feature feature) {
        return values[feature.ordinal()];
    }

    /** Whether the feature was measured (is not {@code NaN}). */
    public boolean has(Feature feature) {
        return !Double.isNaN(values[feature.ordinal()]);
    }

    public EventCounts counts() {
        return counts;
    }

    /** Measured features by wire name, in {@link Feature} order; unmeasured ones are left out. */
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Feature feature : FEATURES) {
            double value = values[feature.ordinal()];
            if (!Double.isNaN(value)) {
                map.put(feature.key(), value);
            }
        }
        return map;
    }

    public static Builder builder(EventCounts counts) {
        return new Builder(counts);
    }

    @Override
    public String toString() {
        return "SessionFeatures" + toMap() + " " + counts;
    }

    /** Collects feature values; every feature not set stays {@code NaN}. */
    public static final class Builder {
        private final double[] values = new double[FEATURES.length];
        private final EventCounts counts;

        private Builder(EventCounts counts) {
            this.counts = counts;
            Arrays.fill(values, Double.NaN);
        }

        public Builder set(Feature feature, double value) {
            values[feature.ordinal()] = value;
            return this;
        }

        public SessionFeatures build() {
            return new SessionFeatures(values.clone(), counts);
        }
    }
}
