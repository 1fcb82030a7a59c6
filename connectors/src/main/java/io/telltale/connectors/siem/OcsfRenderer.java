package io.telltale.connectors.siem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Subject;
import io.telltale.core.policy.NetworkRange;

/**
 * The canonical alert: an OCSF Detection Finding (class 2004, schema 1.3.0,
 * https://schema.ocsf.io/1.3.0/classes/detection_finding). The session's context is the first
 * evidence (actor session and user, source endpoint, HTTP request), the analytic's reasons follow
 * as evidence data, and the pivots are listed as observables pointing into those evidences.
 * Telltale's policy decision, which OCSF has no attribute for, is under {@code unmapped.telltale}.
 */
public final class OcsfRenderer implements AlertRenderer {

    private static final long serialVersionUID = 1L;

    public static final String OCSF_VERSION = "1.3.0";
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;
    public static final int ACTIVITY_CREATE = 1;
    public static final int TYPE_UID = CLASS_UID * 100 + ACTIVITY_CREATE;
    /** Observable {@code type_id}s, from the OCSF 1.3.0 dictionary's types. */
    static final int OBSERVABLE_IP = 2;
    static final int OBSERVABLE_USER_NAME = 4;
    static final int OBSERVABLE_USER_AGENT = 16;
    static final int OBSERVABLE_OTHER = 99;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String render(Alert alert) {
        return toJson(alert).toString();
    }

    /** The finding as a JSON tree, for formats that wrap it (Splunk HEC). */
    ObjectNode toJson(Alert a) {
        ObjectNode f = JSON.createObjectNode();
        f.put("activity_id", ACTIVITY_CREATE);
        f.put("activity_name", "Create");
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", "Findings");
        f.put("class_uid", CLASS_UID);
        f.put("class_name", "Detection Finding");
        f.put("type_uid", TYPE_UID);
        f.put("type_name", "Detection Finding: Create");
        f.put("severity_id", a.severity().ocsfId());
        f.put("severity", a.severity().caption());
        f.put("status_id", 1);
        f.put("status", "New");
        f.put("is_alert", true);
        f.put("time", a.time());
        f.put("message", a.title());
        int risk = Product.riskPercent(a.riskScore());
        if (risk >= 0) {
            f.put("risk_score", risk);
        }

        ObjectNode metadata = f.putObject("metadata");
        metadata.put("uid", a.id());
        metadata.put("version", OCSF_VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", Product.NAME);
        product.put("vendor_name", Product.VENDOR);
        if (a.productVersion() != null) {
            product.put("version", a.productVersion());
        }

        ObjectNode info = f.putObject("finding_info");
        info.put("uid", a.id());
        info.put("title", a.title());
        info.put("first_seen_time", a.windowStart());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", a.analytic().uid());
        analytic.put("name", a.analytic().name());
        analytic.put("type_id", a.analytic().type().ocsfId());
        analytic.put("type", a.analytic().type().caption());

        Subject s = a.subject();
        ArrayNode evidences = f.putArray("evidences");
        ObjectNode context = evidences.addObject();
        ObjectNode actor = context.putObject("actor");
        actor.putObject("session").put("uid", s.sessionId());
        if (s.userId() != null) {
            actor.putObject("user").put("uid", s.userId());
        }
        boolean ipLiteral = NetworkRange.parseLiteral(s.clientIp()) != null;
        if (ipLiteral) {
            context.putObject("src_endpoint").put("ip", s.clientIp());
        }
        if (s.userAgent() != null || s.route() != null) {
            ObjectNode request = context.putObject("http_request");
            if (s.userAgent() != null) {
                request.put("user_agent", s.userAgent());
            }
            if (s.route() != null) {
                request.putObject("url").put("path", s.route());
            }
        }
        if (s.deviceFingerprint() != null) {
            context.putObject("data").put("device_fingerprint", s.deviceFingerprint());
        }
        for (Evidence e : a.evidences()) {
            ObjectNode data = evidences.addObject().putObject("data");
            data.put("code", e.code());
            data.put("text", e.text());
            data.put("weight", Double.isFinite(e.weight()) ? e.weight() : 0);
        }

        ArrayNode observables = f.putArray("observables");
        observable(observables, "evidences.actor.session.uid", OBSERVABLE_OTHER, "Other", s.sessionId());
        if (ipLiteral) {
            observable(observables, "evidences.src_endpoint.ip", OBSERVABLE_IP, "IP Address", s.clientIp());
        }
        if (s.userId() != null) {
            observable(observables, "evidences.actor.user.uid", OBSERVABLE_USER_NAME, "User Name", s.userId());
        }
        if (s.userAgent() != null) {
            observable(observables, "evidences.http_request.user_agent", OBSERVABLE_USER_AGENT, "HTTP User-Agent",
                    s.userAgent());
        }
        if (s.deviceFingerprint() != null) {
            observable(observables, "evidences.data.device_fingerprint", OBSERVABLE_OTHER, "Other",
                    s.deviceFingerprint());
        }

        ObjectNode telltale = f.putObject("unmapped").putObject("telltale");
        telltale.put("action", a.action().wireName());
        telltale.put("enforced", a.enforced());
        if (a.policy() != null) {
            telltale.put("policy", a.policy());
        }
        if (Double.isFinite(a.riskScore())) {
            telltale.put("risk", a.riskScore());
        }
        telltale.put("window_start", a.windowStart());
        telltale.put("window_end", a.windowEnd());
        if (s.clientIp() != null && !ipLiteral) {
            // Not an address (a misconfigured gateway); kept for the analyst, not as an observable.
            telltale.put("client_ip_raw", s.clientIp());
        }
        return f;
    }

    private static void observable(ArrayNode observables, String name, int typeId, String type, String value) {
        ObjectNode o = observables.addObject();
        o.put("name", name);
        o.put("type_id", typeId);
        o.put("type", type);
        o.put("value", value);
    }
}
