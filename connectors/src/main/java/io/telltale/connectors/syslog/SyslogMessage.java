package io.telltale.connectors.syslog;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One alert as an RFC 5424 syslog message, framed by octet counting (RFC 6587 §3.4.1):
 * {@code LEN SP <PRI>1 TIMESTAMP HOSTNAME telltale PROCID alert [telltale@32473 id="…"] MSG}.
 *
 * <p>The structured data carries the alert id, so a receiver can drop a redelivered alert without
 * parsing the message. 32473 is the private enterprise number RFC 5612 reserves for examples;
 * a deployment with its own PEN can set it. MSG is the rendered alert in UTF-8, without a BOM
 * (RFC 5424 §6.4 allows MSG-ANY; rsyslog would otherwise copy the BOM into files).
 */
public final class SyslogMessage {

    public static final String APP_NAME = "telltale";
    public static final String MSG_ID = "alert";
    /** RFC 5424 §6.2.1: facility 13 is "log audit". */
    public static final int DEFAULT_FACILITY = 13;
    /** RFC 5424 §6.3.2: the SD-ID names an enterprise number; 32473 is RFC 5612's example number. */
    public static final String DEFAULT_SD_ID = "telltale@32473";
    private static final int MAX_HEADER_FIELD = 48;

    private SyslogMessage() {}

    /** RFC 5424 severity of an alert: 2 critical, 3 error, 4 warning, 5 notice, 6 informational. */
    static int syslogSeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
            case INFORMATIONAL -> 6;
        };
    }

    /** The message (without framing). */
    public static String format(Alert alert, String renderedMessage, int facility, String hostname, long procId,
            String sdId) {
        int pri = facility * 8 + syslogSeverity(alert.severity());
        return "<" + pri + ">1 " + Instant.ofEpochMilli(alert.time()) + ' ' + headerField(hostname, 255) + ' '
                + APP_NAME + ' ' + procId + ' ' + MSG_ID + " [" + sdId + " id=\"" + sdParam(alert.id())
                + "\" analytic=\"" + sdParam(alert.analytic().uid()) + "\"] " + renderedMessage;
    }

    /** {@code LEN SP message}, LEN the message's length in UTF-8 bytes. */
    public static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(body, 0, framed, prefix.length, body.length);
        return framed;
    }

    /** RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash. */
    static String sdParam(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Header fields are printable US-ASCII without spaces (§6); anything else becomes '-'. */
    static String headerField(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && out.length() < maxLength; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '-');
        }
        return out.toString();
    }

    static String defaultHostname() {
        try {
            return headerField(java.net.InetAddress.getLocalHost().getHostName(), MAX_HEADER_FIELD);
        } catch (java.io.IOException e) {
            return "-";
        }
    }
}
