package io.telltale.cep.job;

import io.telltale.cep.session.SessionSummary;
import java.util.List;

/**
 * A CEP match of one pattern, before its whole-match check: the sessions in time order and the
 * event time it completed.
 */
public record PatternMatch(List<SessionSummary> sessions, long detectedAt) {

    public PatternMatch {
        sessions = List.copyOf(sessions);
    }
}
