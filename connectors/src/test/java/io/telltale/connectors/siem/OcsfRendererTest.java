package io.telltale.connectors.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Subject;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class OcsfRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchema DETECTION_FINDING = loadSchema();

    private static JsonSchema loadSchema() {
        try (InputStream in = OcsfRendererTest.class.getResourceAsStream("/ocsf/detection_finding-1.3.0.subset.schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in), config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode render(Alert alert) throws Exception {
        String line = new OcsfRenderer().render(alert);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        return JSON.readTree(line);
    }

    @Test
    void aFindingValidatesAgainstTheOcsfDetectionFindingSchema() throws Exception {
        assertThat(DETECTION_FINDING.validate(render(AlertFixtures.blockedBot()))).isEmpty();
        assertThat(DETECTION_FINDING.validate(render(AlertFixtures.hostile()))).isEmpty();
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        JsonNode finding = render(AlertFixtures.blockedBot());
        ((com.fasterxml.jackson.databind.node.ObjectNode) finding).put("class_uid", 2001);
        assertThat(DETECTION_FINDING.validate(finding)).isNotEmpty();
        JsonNode typo = render(AlertFixtures.blockedBot());
        ((com.fasterxml.jackson.databind.node.ObjectNode) typo).put("severty_id", 4);
        assertThat(DETECTION_FINDING.validate(typo)).isNotEmpty();
        JsonNode badIp = render(AlertFixtures.blockedBot());
        ((com.fasterxml.jackson.databind.node.ObjectNode) badIp.get("evidences").get(0).get("src_endpoint"))
                .put("ip", "not-an-ip");
        assertThat(DETECTION_FINDING.validate(badIp)).isNotEmpty();
    }

    @Test
    void carriesClassSeverityIdsAnalyticEvidencesAndObservables() throws Exception {
        Alert alert = AlertFixtures.blockedBot();
        JsonNode f = render(alert);
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(f.get("severity_id").asInt()).isEqualTo(4);
        assertThat(f.get("time").asLong()).isEqualTo(AlertFixtures.RAISED_AT);
        assertThat(f.at("/metadata/product/name").asText()).isEqualTo("Telltale");
        assertThat(f.at("/metadata/product/version").asText()).isEqualTo("human-norms-1");
        assertThat(f.at("/finding_info/uid").asText()).isEqualTo(alert.id());
        assertThat(f.at("/finding_info/analytic/uid").asText()).isEqualTo("telltale.session-score");
        assertThat(f.at("/finding_info/analytic/type_id").asInt()).isEqualTo(2);
        assertThat(f.at("/evidences/0/src_endpoint/ip").asText()).isEqualTo("203.0.113.9");
        assertThat(f.at("/evidences/1/data/code").asText()).isEqualTo("MOUSE_PATH_STRAIGHT");
        assertThat(f.at("/unmapped/telltale/action").asText()).isEqualTo("block");
        assertThat(f.at("/unmapped/telltale/enforced").asBoolean()).isTrue();
        assertThat(f.get("observables").findValuesAsText("value"))
                .contains("s-42", "203.0.113.9", "u-7", "Mozilla/5.0 HeadlessChrome/131.0", "0123456789abcdef");
        assertThat(f.get("observables").findValues("type_id")).extracting(JsonNode::asInt).contains(2, 4, 16);
    }

    @Test
    void hostileValuesSurviveJsonUnchanged() throws Exception {
        JsonNode f = render(AlertFixtures.hostile());
        assertThat(f.at("/finding_info/title").asText()).isEqualTo("title " + AlertFixtures.HOSTILE);
        assertThat(f.at("/evidences/0/http_request/user_agent").asText()).isEqualTo("ua " + AlertFixtures.HOSTILE);
        assertThat(f.at("/unmapped/telltale/enforced").asBoolean()).isFalse();
    }

    @Test
    void aClientIpThatIsNoAddressIsKeptButNotAnObservable() throws Exception {
        Alert a = AlertFixtures.blockedBot();
        Alert odd = new Alert(a.id(), a.time(), a.title(), a.severity(), a.analytic(), a.action(), a.enforced(),
                a.policy(), a.riskScore(), new Subject("s-1", null, "unknown", null, null, null), a.evidences(),
                a.windowStart(), a.windowEnd(), null);
        JsonNode f = render(odd);
        assertThat(DETECTION_FINDING.validate(f)).isEmpty();
        assertThat(f.at("/unmapped/telltale/client_ip_raw").asText()).isEqualTo("unknown");
        assertThat(f.get("observables").findValuesAsText("value")).containsExactly("s-1");
    }
}
