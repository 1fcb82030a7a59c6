package io.telltale.core.alert;

import io.telltale.core.wire.Action;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A finding for the SIEM.
 *
 * @param id        stable: the same finding recomputed after a failure (a replay, a retried
 *                  delivery) has the same id; see {@link AlertIds}
 * @param time      epoch ms when the job raised it (processing time)
 * @param title     one line for an analyst's queue
 * @param severity  how urgent
 * @param analytic  what found it
 * @param action    what the policy decided
 * @param enforced  false when the policy is monitor-only (dry run)
 * @param policy    name of the policy that decided
 * @param riskScore the analytic's score in [0,1], or NaN when it has none
 * @param subject   the session and what identifies it
 * @param evidences largest first
 * @param windowStart epoch ms, start of the session window the finding is about
 * @param windowEnd   epoch ms, exclusive end of that window
 * @param productVersion version of the model or pattern set that produced it, or null
 */
public record Alert(
        String id,
        long time,
        String title,
        Severity severity,
        Analytic analytic,
        Action action,
        boolean enforced,
        String policy,
        double riskScore,
        Subject subject,
        List<Evidence> evidences,
        long windowStart,
        long windowEnd,
        String productVersion)
        implements Serializable {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(analytic, "analytic");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        evidences = evidences == null ? List.of() : List.copyOf(evidences);
    }
}
