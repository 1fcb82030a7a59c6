package io.telltale.core.scoring;

import io.telltale.core.features.SessionFeatures;

/**
 * Turns a session's features into a risk in [0,1] with the reasons behind it. Implementations
 * are immutable, thread-safe and cheap to call on every trigger firing.
 */
public interface RiskModel {

    /** Identifies the model and its parameters; carried in every score. */
    String version();

    RiskAssessment assess(SessionFeatures features);
}
