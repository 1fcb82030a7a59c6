package io.telltale.connectors.siem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Subject;
import io.telltale.core.policy.NetworkRange;
import java.time.Instant;

/**
 * Elastic Common Schema 8.11 (https://www.elastic.co/guide/en/ecs/8.11/ecs-field-reference.html):
 * an {@code event.kind: alert} document that Elasticsearch ingests as is. ECS has no session or
 * policy fields for web sessions, so those sit under the custom {@code telltale} object.
 */
public final class EcsRenderer implements AlertRenderer {

    private static final long serialVersionUID = 1L;
    public static final String ECS_VERSION = "8.11.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String render(Alert a) {
        ObjectNode d = JSON.createObjectNode();
        d.put("@timestamp", Instant.ofEpochMilli(a.time()).toString());
        d.putObject("ecs").put("version", ECS_VERSION);
        d.put("message", a.title());
        ObjectNode event = d.putObject("event");
        event.put("id", a.id());
        event.put("kind", "alert");
        event.putArray("category").add("intrusion_detection").add("web");
        event.putArray("type").add("info");
        event.put("action", a.action().wireName());
        event.put("severity", a.severity().ocsfId());
        int risk = Product.riskPercent(a.riskScore());
        if (risk >= 0) {
            event.put("risk_score", risk);
        }
        event.put("module", "telltale");
        event.put("dataset", "telltale.alerts");
        event.put("start", Instant.ofEpochMilli(a.windowStart()).toString());
        ObjectNode rule = d.putObject("rule");
        rule.put("id", a.analytic().uid());
        rule.put("name", a.analytic().name());
        rule.put("category", a.analytic().type().caption());
        ObjectNode observer = d.putObject("observer");
        observer.put("vendor", Product.VENDOR);
        observer.put("product", Product.NAME);
        observer.put("version", Product.version(a.productVersion()));

        Subject s = a.subject();
        if (NetworkRange.parseLiteral(s.clientIp()) != null) {
            d.putObject("source").put("ip", s.clientIp());
        }
        if (s.userId() != null) {
            d.putObject("user").put("id", s.userId());
        }
        if (s.userAgent() != null) {
            d.putObject("user_agent").put("original", s.userAgent());
        }
        if (s.route() != null) {
            d.putObject("url").put("path", s.route());
        }
        ObjectNode telltale = d.putObject("telltale");
        telltale.put("session_id", s.sessionId());
        telltale.put("enforced", a.enforced());
        if (a.policy() != null) {
            telltale.put("policy", a.policy());
        }
        if (s.deviceFingerprint() != null) {
            telltale.put("device_fingerprint", s.deviceFingerprint());
        }
        ArrayNode evidences = telltale.putArray("evidences");
        for (Evidence e : a.evidences()) {
            ObjectNode node = evidences.addObject();
            node.put("code", e.code());
            node.put("text", e.text());
            node.put("weight", Double.isFinite(e.weight()) ? e.weight() : 0);
        }
        return d.toString();
    }
}
