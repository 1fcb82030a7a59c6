package io.telltale.cep.finding;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.AlertIds;
import io.telltale.core.alert.Analytic;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.wire.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pattern's finding as an alert for the SIEM, in the same shape and formats as the session
 * alerts. The analytic is the pattern (a rule); the subject is the session that completed the
 * match, with its address and device; every matched session is evidence, with its network and
 * what it did, and so are the parameter values the pattern ran with. A campaign is not enforced
 * per session, so the action is {@code monitor}, not enforced: analysts act on it.
 */
public final class FindingAlerts {

    /** Analytic uids are {@code telltale.pattern.<pattern id>}. */
    public static final String ANALYTIC_PREFIX = "telltale.pattern.";

    /** Sessions listed as evidence at most; the finding itself on the pattern-alerts topic has all. */
    static final int MAX_SESSION_EVIDENCE = 20;

    private FindingAlerts() {}

    public static Alert of(Finding finding) {
        Analytic analytic = new Analytic(ANALYTIC_PREFIX + finding.patternId(), finding.title(), Analytic.Type.RULE);
        List<Finding.SessionEvidence> sessions = new ArrayList<>(finding.sessions());
        sessions.sort(Comparator.comparingLong(Finding.SessionEvidence::endedAt).reversed()
                .thenComparing(Finding.SessionEvidence::sessionId));
        Finding.SessionEvidence completing = sessions.isEmpty() ? null : sessions.get(0);
        Subject subject = completing == null
                ? new Subject(finding.key(), null, null, null, null, null)
                : new Subject(completing.sessionId(), completing.userId(), completing.clientIp(), null, null,
                        completing.deviceFingerprint());

        List<Evidence> evidences = new ArrayList<>();
        evidences.add(new Evidence("SHARED_KEY", sessions.size() + " sessions share " + finding.key()
                + (finding.owaspId() == null ? "" : " (" + finding.owaspId() + ")"), sessions.size()));
        double highestRisk = Double.NaN;
        for (int i = 0; i < sessions.size(); i++) {
            Finding.SessionEvidence s = sessions.get(i);
            if (s.risk() != null && !(s.risk() <= highestRisk)) {
                highestRisk = s.risk();
            }
            if (i < MAX_SESSION_EVIDENCE) {
                evidences.add(new Evidence("SESSION", describe(s), 1.0));
            }
        }
        if (!finding.parameters().isEmpty()) {
            evidences.add(new Evidence("PARAMETERS", parameters(finding.parameters()), 0.0));
        }
        String title = (finding.owaspId() == null ? "" : finding.owaspId() + " ") + finding.title() + ": "
                + sessions.size() + " sessions share " + finding.key();
        return new Alert(
                AlertIds.of(analytic.uid(), finding.findingId(), finding.firstSeen(), "finding"),
                finding.detectedAt(),
                title,
                severityOf(finding.severity()),
                analytic,
                Action.MONITOR,
                false,
                null,
                highestRisk,
                subject,
                evidences,
                finding.firstSeen(),
                finding.lastSeen(),
                null);
    }

    private static String describe(Finding.SessionEvidence s) {
        StringBuilder text = new StringBuilder("session ").append(s.sessionId());
        if (s.clientIp() != null) {
            text.append(" from ").append(s.clientIp());
        }
        if (s.network() != null || s.asn() > 0) {
            text.append(" (");
            if (s.network() != null) {
                text.append(s.network());
            }
            if (s.asn() > 0) {
                text.append(s.network() != null ? ", " : "").append("AS").append(s.asn());
                if (s.asOrg() != null) {
                    text.append(' ').append(s.asOrg());
                }
            }
            if (s.networkType() != null) {
                text.append(", ").append(s.networkType());
            }
            text.append(')');
        }
        if (!s.skus().isEmpty()) {
            text.append(", held ").append(String.join(" ", s.skus()));
        }
        if (s.failedLogins() > 0) {
            text.append(", ").append(s.failedLogins()).append(" failed logins");
        }
        if (s.risk() != null) {
            text.append(String.format(Locale.ROOT, ", risk %.2f", s.risk()));
        }
        return text.toString();
    }

    private static String parameters(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(p.getKey()).append('=').append(p.getValue());
        }
        return text.toString();
    }

    private static Severity severityOf(String severity) {
        if (severity == null) {
            return Severity.MEDIUM;
        }
        try {
            return Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Severity.MEDIUM;
        }
    }
}
