package io.telltale.cep.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.telltale.connectors.siem.AlertFormat;
import io.telltale.core.alert.Alert;
import io.telltale.core.alert.Analytic;
import io.telltale.core.alert.Severity;
import io.telltale.core.wire.Action;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pattern findings reach the SIEM in the same formats as session alerts, OCSF-valid. */
class FindingAlertsTest {

    private static final long T0 = 1_762_077_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The vendored OCSF Detection Finding subset the connectors' renderer tests validate against. */
    private static final Path OCSF_SCHEMA =
            Path.of("../connectors/src/test/resources/ocsf/detection_finding-1.3.0.subset.schema.json");

    private static Finding hoarding() {
        Finding.SessionEvidence early = new Finding.SessionEvidence("s-1", null, "203.0.113.7", "203.0.113.0/24",
                64500, "Example Broadband", "residential", "9f2c4e1a7b3d5068", T0, T0 + 60_000,
                List.of("GPU-1"), 0, 0.12);
        Finding.SessionEvidence completing = new Finding.SessionEvidence("s-2", "u-9", "198.51.100.4",
                "198.51.100.0/24", 64501, "Other Cable | Co = \"x\"", "residential", "0011223344556677",
                T0 + 5_000, T0 + 90_000, List.of("GPU-1"), 0, 0.31);
        return new Finding(Finding.VERSION, "f-1234", "inventory-hoarding", "Inventory hoarding", "high", "OAT-021",
                "sku:GPU-1", T0, T0 + 90_000, T0 + 91_000, List.of(early, completing),
                List.of("203.0.113.7", "198.51.100.4"), List.of("203.0.113.0/24", "198.51.100.0/24"),
                List.of(64500L, 64501L), List.of("GPU-1"), Map.of("minHolds", "2", "within", "PT30M"));
    }

    @Test
    void aFindingBecomesARuleAlertAboutTheSessionThatCompletedIt() {
        Alert alert = FindingAlerts.of(hoarding());

        assertThat(alert.analytic().uid()).isEqualTo("telltale.pattern.inventory-hoarding");
        assertThat(alert.analytic().type()).isEqualTo(Analytic.Type.RULE);
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.action()).isEqualTo(Action.MONITOR);
        assertThat(alert.enforced()).isFalse();
        assertThat(alert.subject().sessionId()).isEqualTo("s-2");
        assertThat(alert.subject().clientIp()).isEqualTo("198.51.100.4");
        assertThat(alert.riskScore()).isEqualTo(0.31);
        assertThat(alert.title()).isEqualTo("OAT-021 Inventory hoarding: 2 sessions share sku:GPU-1");
        assertThat(alert.evidences()).extracting(e -> e.code())
                .containsExactly("SHARED_KEY", "SESSION", "SESSION", "PARAMETERS");
        assertThat(alert.evidences().get(2).text())
                .isEqualTo("session s-1 from 203.0.113.7 (203.0.113.0/24, AS64500 Example Broadband, residential),"
                        + " held GPU-1, risk 0.12");
        assertThat(alert.evidences().get(3).text()).isEqualTo("minHolds=2, within=PT30M");
        assertThat(alert.windowStart()).isEqualTo(T0);
        assertThat(alert.windowEnd()).isEqualTo(T0 + 90_000);
    }

    @Test
    void theSameFindingGivesTheSameAlertId() {
        assertThat(FindingAlerts.of(hoarding()).id()).isEqualTo(FindingAlerts.of(hoarding()).id());
    }

    @Test
    void renderedAsOcsfItIsAValidDetectionFinding() throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(OCSF_SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JSON.readTree(in), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        JsonNode ocsf = JSON.readTree(AlertFormat.OCSF.renderer().render(FindingAlerts.of(hoarding())));

        assertThat(schema.validate(ocsf)).isEmpty();
        assertThat(ocsf.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(ocsf.at("/finding_info/analytic/uid").asText()).isEqualTo("telltale.pattern.inventory-hoarding");
    }

    @Test
    void everySiemFormatRendersIt() {
        for (AlertFormat format : AlertFormat.values()) {
            assertThat(format.renderer().render(FindingAlerts.of(hoarding())))
                    .as(format.name())
                    .contains("Inventory hoarding");
        }
    }
}
