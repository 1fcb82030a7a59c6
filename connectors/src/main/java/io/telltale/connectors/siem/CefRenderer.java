package io.telltale.connectors.siem;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.policy.NetworkRange;
import java.util.stream.Collectors;

/**
 * ArcSight Common Event Format 0 (Micro Focus, "Implementing ArcSight CEF", revision 25):
 * {@code CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|key=value ...}.
 *
 * <p>Escaping is the spec's, and differs between the parts: in the header a pipe and a backslash
 * are escaped with a backslash (a line break is not allowed there and becomes a space); in the
 * extension an equals sign and a backslash are escaped, a line break is written {@code \n} or
 * {@code \r}, and a pipe stays as it is.
 */
public final class CefRenderer implements AlertRenderer {

    private static final long serialVersionUID = 1L;

    @Override
    public String render(Alert a) {
        StringBuilder line = new StringBuilder(512).append("CEF:0|");
        header(line, Product.VENDOR);
        header(line, Product.NAME);
        header(line, Product.version(a.productVersion()));
        header(line, a.analytic().uid());
        header(line, a.title());
        line.append(severity(a.severity())).append('|');

        Subject s = a.subject();
        Extension ext = new Extension(line);
        ext.put("rt", Long.toString(a.time()));
        ext.put("externalId", a.id());
        ext.put("act", a.action().wireName());
        ext.put("cat", a.analytic().type().caption());
        if (NetworkRange.parseLiteral(s.clientIp()) != null) {
            ext.put("src", s.clientIp());
        }
        ext.put("suser", s.userId());
        ext.put("requestClientApplication", s.userAgent());
        ext.put("request", s.route());
        ext.put("start", Long.toString(a.windowStart()));
        ext.put("cs1Label", "sessionId");
        ext.put("cs1", s.sessionId());
        ext.put("cs2Label", "policy");
        ext.put("cs2", a.policy());
        ext.put("cs3Label", "enforced");
        ext.put("cs3", Boolean.toString(a.enforced()));
        if (s.deviceFingerprint() != null) {
            ext.put("cs4Label", "deviceFingerprint");
            ext.put("cs4", s.deviceFingerprint());
        }
        int risk = Product.riskPercent(a.riskScore());
        if (risk >= 0) {
            ext.put("cn1Label", "riskScore");
            ext.put("cn1", Integer.toString(risk));
        }
        ext.put("msg", a.evidences().stream().map(Evidence::text).collect(Collectors.joining("; ")));
        return line.toString();
    }

    /** CEF severity 0..10: 3 low, 5 medium, 8 high, 10 very high (the spec's bands). */
    static int severity(Severity severity) {
        return switch (severity) {
            case INFORMATIONAL -> 1;
            case LOW -> 3;
            case MEDIUM -> 5;
            case HIGH -> 8;
            case CRITICAL -> 10;
        };
    }

    static void header(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        out.append('|');
    }

    static String extensionValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final class Extension {
        private final StringBuilder out;
        private boolean first = true;

        Extension(StringBuilder out) {
            this.out = out;
        }

        void put(String key, String value) {
            if (value == null) {
                return;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(key).append('=').append(extensionValue(value));
        }
    }
}
