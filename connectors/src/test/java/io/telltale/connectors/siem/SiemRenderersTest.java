package io.telltale.connectors.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.core.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ECS, CEF, LEEF and Splunk HEC, each read back by a parser written from its specification, so a
 * hostile value must come back exactly as it went in and never leak into a neighbouring field.
 */
class SiemRenderersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = AlertFixtures.HOSTILE;

    // ---- CEF -------------------------------------------------------------------------------

    /** Header fields and extension of a CEF line, unescaped per the CEF spec. */
    record Cef(List<String> header, Map<String, String> extension) {}

    static Cef parseCef(String line) {
        assertThat(line).startsWith("CEF:0|").doesNotContain("\n").doesNotContain("\r");
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = "CEF:0|".length();
        while (header.size() < 6) {
            char c = line.charAt(i++);
            if (c == '\\') {
                field.append(line.charAt(i++));
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        // Extension: key=value pairs; a value runs until the space before the next unescaped key=.
        String ext = line.substring(i);
        Map<String, String> values = new LinkedHashMap<>();
        List<int[]> keys = new ArrayList<>();
        for (int p = 0; p < ext.length(); p++) {
            if (ext.charAt(p) == '=' && (p == 0 || ext.charAt(p - 1) != '\\')) {
                int start = p - 1;
                while (start >= 0 && Character.isLetterOrDigit(ext.charAt(start))) {
                    start--;
                }
                keys.add(new int[] {start + 1, p});
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            int valueStart = keys.get(k)[1] + 1;
            int valueEnd = k + 1 < keys.size() ? keys.get(k + 1)[0] - 1 : ext.length();
            values.put(ext.substring(keys.get(k)[0], keys.get(k)[1]), unescapeCefValue(ext.substring(valueStart, valueEnd)));
        }
        return new Cef(header, values);
    }

    private static String unescapeCefValue(String v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                char n = v.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void cefEscapesHeaderAndExtensionEachByItsOwnRules() {
        String line = new CefRenderer().render(AlertFixtures.hostile());
        Cef cef = parseCef(line);
        assertThat(cef.header()).hasSize(6);
        assertThat(cef.header().get(2)).isEqualTo("v " + HOSTILE.replace('\r', ' ').replace('\n', ' '));
        assertThat(cef.header().get(3)).isEqualTo("cep." + HOSTILE.replace('\r', ' ').replace('\n', ' '));
        assertThat(cef.header().get(4)).isEqualTo("title " + HOSTILE.replace('\r', ' ').replace('\n', ' '));
        assertThat(cef.header().get(5)).isEqualTo("5");
        assertThat(cef.extension().get("cs1")).isEqualTo("s " + HOSTILE);
        assertThat(cef.extension().get("requestClientApplication")).isEqualTo("ua " + HOSTILE);
        assertThat(cef.extension().get("suser")).isEqualTo("u " + HOSTILE);
        assertThat(cef.extension().get("src")).isEqualTo("2001:db8::1");
        assertThat(cef.extension().get("cs3")).isEqualTo("false");
        // In the extension a pipe is plain, an equals sign is escaped.
        assertThat(line.substring(line.indexOf("cs1="))).contains("a|b\\=c\\\\d\\r\\ne");
    }

    @Test
    void cefOfAPlainAlert() {
        Alert alert = AlertFixtures.blockedBot();
        Cef cef = parseCef(new CefRenderer().render(alert));
        assertThat(cef.header()).containsExactly("Telltale", "Telltale", "human-norms-1", "telltale.session-score",
                alert.title(), "8");
        assertThat(cef.extension()).containsEntry("externalId", alert.id()).containsEntry("act", "block")
                .containsEntry("rt", Long.toString(AlertFixtures.RAISED_AT)).containsEntry("src", "203.0.113.9")
                .containsEntry("cn1", "93");
    }

    // ---- LEEF ------------------------------------------------------------------------------

    static Map<String, String> parseLeef(String line, char delimiter) {
        assertThat(line).startsWith("LEEF:2.0|").doesNotContain("\n").doesNotContain("\r");
        int fields = 0;
        int i = 0;
        while (fields < 6) {
            char c = line.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                fields++;
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        StringBuilder current = new StringBuilder();
        List<String> pairs = new ArrayList<>();
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                char n = line.charAt(++i);
                current.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
            } else if (c == delimiter) {
                pairs.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pairs.add(current.toString());
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            attrs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return attrs;
    }

    @Test
    void leefWithTabDelimiterKeepsHostileValuesInTheirAttribute() {
        String line = new LeefRenderer(LeefRenderer.TAB).render(AlertFixtures.hostile());
        assertThat(line).startsWith("LEEF:2.0|Telltale|Telltale|v a\\|b=c\\\\d  e\tf\"g 日本 é 🤖 =\\|\\\\|cep.");
        assertThat(line.split("\\|", -1)[0]).isEqualTo("LEEF:2.0");
        assertThat(line).contains("|x09|devTime=Nov 02 2026 10:01:30.250 UTC\t");
        Map<String, String> attrs = parseLeef(line, '\t');
        assertThat(attrs.get("userAgent")).isEqualTo("ua " + HOSTILE);
        assertThat(attrs.get("sessionId")).isEqualTo("s " + HOSTILE);
        assertThat(attrs.get("usrName")).isEqualTo("u " + HOSTILE);
        assertThat(attrs.get("src")).isEqualTo("2001:db8::1");
        assertThat(attrs.get("sev")).isEqualTo("5");
        assertThat(attrs.get("enforced")).isEqualTo("false");
    }

    @Test
    void leefWithAChosenDelimiterEscapesThatDelimiter() {
        String line = new LeefRenderer('^').render(AlertFixtures.hostile());
        assertThat(line).contains("|^|devTime=");
        Map<String, String> attrs = parseLeef(line, '^');
        assertThat(attrs.get("userAgent")).isEqualTo("ua " + HOSTILE);
        Alert withCaret = AlertFixtures.blockedBot();
        assertThat(parseLeef(new LeefRenderer('^').render(withCaret), '^').get("policy")).isEqualTo("auth");
    }

    @Test
    void leefRefusesADelimiterThatCannotBeParsed() {
        for (char bad : new char[] {'=', '|', '\\', 'a', '7', ' ', '\n'}) {
            assertThatThrownBy(() -> new LeefRenderer(bad)).hasMessageContaining("LEEF delimiter");
        }
    }

    // ---- ECS and Splunk HEC -----------------------------------------------------------------

    @Test
    void ecsIsAnAlertDocumentWithHostileValuesIntact() throws Exception {
        String line = new EcsRenderer().render(AlertFixtures.hostile());
        assertThat(line).doesNotContain("\n");
        JsonNode d = JSON.readTree(line);
        assertThat(d.get("@timestamp").asText()).isEqualTo("2026-11-02T10:01:30.250Z");
        assertThat(d.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(d.at("/event/id").asText()).isEqualTo(AlertFixtures.hostile().id());
        assertThat(d.at("/user_agent/original").asText()).isEqualTo("ua " + HOSTILE);
        assertThat(d.at("/source/ip").asText()).isEqualTo("2001:db8::1");
        assertThat(d.at("/telltale/session_id").asText()).isEqualTo("s " + HOSTILE);
        assertThat(d.at("/rule/id").asText()).isEqualTo("cep." + HOSTILE);
    }

    @Test
    void splunkHecWrapsTheOcsfFindingWithEpochSeconds() throws Exception {
        String line = new SplunkHecRenderer().render(AlertFixtures.hostile());
        assertThat(line).doesNotContain("\n");
        JsonNode envelope = JSON.readTree(line);
        assertThat(envelope.get("time").decimalValue()).isEqualByComparingTo("1793613690.250");
        assertThat(envelope.get("sourcetype").asText()).isEqualTo("telltale:alert");
        assertThat(OcsfRendererTest.DETECTION_FINDING.validate(envelope.get("event"))).isEmpty();
        assertThat(envelope.at("/event/finding_info/title").asText()).isEqualTo("title " + HOSTILE);
    }

    @Test
    void formatsAreChosenByName() {
        assertThat(AlertFormat.ofConfigName("Splunk-HEC")).isEqualTo(AlertFormat.SPLUNK_HEC);
        assertThat(AlertFormat.ofConfigName("leef").renderer()).isInstanceOf(LeefRenderer.class);
        assertThatThrownBy(() -> AlertFormat.ofConfigName("xml")).hasMessageContaining("ocsf, ecs, cef, leef, splunk-hec");
    }
}
