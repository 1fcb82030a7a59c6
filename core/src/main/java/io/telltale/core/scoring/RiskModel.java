package io.telltale.core.scoring;

import io.telltale.core.features.SessionFeatures;
import java.io.Serializable;

/**
 * Turns a session's features into a risk in [0,1] with the reasons behind it. Implementations
 * are immutable, thread-safe and cheap to call on every trigger firing, and serializable: the
 * job ships the model to its tasks inside the scoring function.
 */
public interface RiskModel extends Serializable {

    /** Identifies the model and its parameters; carried in every score. */
    String version();

    RiskAssessment assess(SessionFeatures features);
}
