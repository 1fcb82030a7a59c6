package io.telltale.cep.finding;

import java.util.List;
import java.util.Map;

/**
 * A cross-session pattern fired: which pattern, on what shared key, and the evidence that made it
 * fire. Generic over patterns, so alert renderers (SIEM formats) need not know any one of them.
 * On the topic {@code telltale.pattern-alerts.v1}, keyed by {@link #key}; docs/wire-format.md.
 *
 * @param findingId  deterministic from pattern, key and the matched sessions: a replay or a
 *                   backtest gives the same id, so consumers can de-duplicate
 * @param key        what the sessions shared, with its kind: {@code sku:GPU-1}, {@code device:ab12..}
 * @param firstSeen  epoch ms, start of the earliest matched session
 * @param lastSeen   epoch ms, end of the latest matched session
 * @param detectedAt epoch ms, event time at which the pattern completed
 * @param parameters the parameter values the pattern ran with
 */
public record Finding(
        int schemaVersion,
        String findingId,
        String patternId,
        String title,
        String severity,
        String owaspId,
        String key,
        long firstSeen,
        long lastSeen,
        long detectedAt,
        List<SessionEvidence> sessions,
        List<String> clientIps,
        List<String> networks,
        List<Long> asns,
        List<String> skus,
        Map<String, String> parameters) {

    public static final int VERSION = 1;

    public Finding {
        sessions = List.copyOf(sessions);
        clientIps = List.copyOf(clientIps);
        networks = List.copyOf(networks);
        asns = List.copyOf(asns);
        skus = List.copyOf(skus);
        parameters = Map.copyOf(parameters);
    }

    /**
     * One matched session.
     *
     * @param risk highest risk score of the session, null if it was never scored
     */
    public record SessionEvidence(
            String sessionId,
            String userId,
            String clientIp,
            String network,
            long asn,
            String asOrg,
            String networkType,
            String deviceFingerprint,
            long startedAt,
            long endedAt,
            List<String> skus,
            int failedLogins,
            Double risk) {

        public SessionEvidence {
            skus = skus == null ? List.of() : List.copyOf(skus);
        }
    }
}
