package io.telltale.connectors.siem;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.policy.NetworkRange;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * IBM QRadar Log Event Extended Format 2.0
 * (https://www.ibm.com/docs/en/dsm?topic=leef-event-components):
 * {@code LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|key=value<delimiter>...}.
 *
 * <p>The attribute delimiter is named in the header (tab, written {@code x09}, by default; any
 * other single printable character that is not a letter, digit, {@code =}, {@code |} or
 * backslash may be chosen). Escaping: in the header a pipe and a backslash get a backslash and a
 * line break becomes a space; in values a backslash and the delimiter get a backslash, and tab,
 * CR and LF are written {@code \t}, {@code \r}, {@code \n}, so an attribute never spans the
 * delimiter or a line.
 */
public final class LeefRenderer implements AlertRenderer {

    private static final long serialVersionUID = 1L;
    public static final char TAB = '\t';
    /** LEEF's default {@code devTime} layout (MMM dd yyyy HH:mm:ss.SSS zzz), always in UTC so the zone text cannot vary with locale data. */
    static final DateTimeFormatter DEV_TIME =
            DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final char delimiter;

    public LeefRenderer(char delimiter) {
        if (delimiter != TAB && (delimiter < 0x21 || delimiter > 0x7e || Character.isLetterOrDigit(delimiter)
                || delimiter == '=' || delimiter == '|' || delimiter == '\\')) {
            throw new IllegalArgumentException("LEEF delimiter must be tab or a printable ASCII symbol other than"
                    + " '=', '|' and '\\', got U+" + String.format(Locale.ROOT, "%04X", (int) delimiter));
        }
        this.delimiter = delimiter;
    }

    @Override
    public String render(Alert a) {
        StringBuilder line = new StringBuilder(512).append("LEEF:2.0|");
        CefRenderer.header(line, Product.VENDOR);
        CefRenderer.header(line, Product.NAME);
        CefRenderer.header(line, Product.version(a.productVersion()));
        CefRenderer.header(line, a.analytic().uid());
        line.append(delimiter == TAB ? "x09" : String.valueOf(delimiter)).append('|');

        Subject s = a.subject();
        Attributes attrs = new Attributes(line);
        attrs.put("devTime", DEV_TIME.format(java.time.Instant.ofEpochMilli(a.time())));
        attrs.put("sev", Integer.toString(severity(a.severity())));
        attrs.put("cat", a.analytic().type().caption());
        attrs.put("alertId", a.id());
        attrs.put("title", a.title());
        attrs.put("action", a.action().wireName());
        attrs.put("enforced", Boolean.toString(a.enforced()));
        attrs.put("policy", a.policy());
        if (NetworkRange.parseLiteral(s.clientIp()) != null) {
            attrs.put("src", s.clientIp());
        }
        attrs.put("usrName", s.userId());
        attrs.put("userAgent", s.userAgent());
        attrs.put("url", s.route());
        attrs.put("sessionId", s.sessionId());
        attrs.put("deviceFingerprint", s.deviceFingerprint());
        int risk = Product.riskPercent(a.riskScore());
        if (risk >= 0) {
            attrs.put("riskScore", Integer.toString(risk));
        }
        attrs.put("reasons", a.evidences().stream().map(Evidence::text).collect(Collectors.joining("; ")));
        return line.toString();
    }

    /** LEEF {@code sev} 1..10, the same bands as CEF. */
    static int severity(Severity severity) {
        return Math.max(1, CefRenderer.severity(severity));
    }

    String value(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == delimiter) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private final class Attributes {
        private final StringBuilder out;
        private boolean first = true;

        Attributes(StringBuilder out) {
            this.out = out;
        }

        void put(String key, String value) {
            if (value == null) {
                return;
            }
            if (!first) {
                out.append(delimiter);
            }
            first = false;
            out.append(key).append('=').append(value(value));
        }
    }
}
