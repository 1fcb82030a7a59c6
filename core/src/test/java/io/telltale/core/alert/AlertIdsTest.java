package io.telltale.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertIdsTest {

    @Test
    void v5MatchesTheReferenceVector() {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(AlertIds.v5(dns, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void theSameFindingGetsTheSameIdAndAnotherFindingAnother() {
        String id = AlertIds.of("telltale.session-score", "s-1", 1000, "challenge");
        assertThat(AlertIds.of("telltale.session-score", "s-1", 1000, "challenge")).isEqualTo(id);
        assertThat(AlertIds.of("telltale.session-score", "s-1", 1000, "block")).isNotEqualTo(id);
        assertThat(AlertIds.of("telltale.session-score", "s-1", 2000, "challenge")).isNotEqualTo(id);
        assertThat(AlertIds.of("telltale.session-score", "s-2", 1000, "challenge")).isNotEqualTo(id);
        assertThat(AlertIds.of("cep.card-testing", "s-1", 1000, "challenge")).isNotEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
    }
}
