package io.telltale.core.alert;

import java.io.Serializable;
import java.util.Objects;

/**
 * Who and where the finding is about: the observables a SIEM pivots on. Only the session id is
 * always known.
 */
public record Subject(
        String sessionId, String userId, String clientIp, String userAgent, String route, String deviceFingerprint)
        implements Serializable {

    public Subject {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
