package io.telltale.cep.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingSerdeTest {

    private static final long T0 = 1_762_077_600_000L;

    private static Finding hoardingFinding() {
        Finding.SessionEvidence first = new Finding.SessionEvidence("s-1", null, "203.0.113.7", "203.0.113.0/24",
                64500, "Example Broadband", "residential", "9f2c4e1a7b3d5068", T0, T0 + 60_000,
                List.of("GPU-1", "GPU-1"), 0, 0.12);
        Finding.SessionEvidence second = new Finding.SessionEvidence("s-2", "u-9", "198.51.100.4", "198.51.100.0/24",
                64501, "Other \"Cable\" Co", "residential", null, T0 + 5_000, T0 + 50_000,
                List.of("GPU-1"), 2, null);
        return new Finding(Finding.VERSION, "f-1234", "inventory-hoarding", "Inventory hoarding", "high", "OAT-021",
                "sku:GPU-1", T0, T0 + 60_000, T0 + 61_000, List.of(first, second),
                List.of("203.0.113.7", "198.51.100.4"), List.of("203.0.113.0/24", "198.51.100.0/24"),
                List.of(64500L, 64501L), List.of("GPU-1"), Map.of("minHolds", "2", "within", "PT30M"));
    }

    @Test
    void aFindingSurvivesTheRoundTripWithVersionFirst() throws IOException {
        FindingSerde serde = new FindingSerde();
        Finding finding = hoardingFinding();

        byte[] json = serde.serialize(finding);

        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
        assertThat(serde.deserialize(json)).isEqualTo(finding);
    }

    @Test
    void sameFindingSameBytes() {
        FindingSerde serde = new FindingSerde();
        assertThat(serde.serialize(hoardingFinding())).isEqualTo(serde.serialize(hoardingFinding()));
    }

    @Test
    void garbageIsAnError() {
        FindingSerde serde = new FindingSerde();
        assertThatThrownBy(() -> serde.deserialize("{\"v\":1,".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
