package io.telltale.core.wire;

/**
 * Where a session came from, as of its latest batch: what cross-session patterns key on (network,
 * device) and what a SIEM shows as observables. Any part may be null when unknown.
 *
 * @param route             page or route of the latest batch
 * @param clientIp          client address the gateway saw
 * @param userAgent         the browser's user agent
 * @param deviceFingerprint stable hash of the browser's characteristics (see
 *                          {@code io.telltale.core.session.DeviceFingerprint}); the same browser
 *                          on another network or in another session has the same one
 */
public record SessionContext(String route, String clientIp, String userAgent, String deviceFingerprint) {

    public static final SessionContext UNKNOWN = new SessionContext(null, null, null, null);

    public boolean isUnknown() {
        return route == null && clientIp == null && userAgent == null && deviceFingerprint == null;
    }
}
