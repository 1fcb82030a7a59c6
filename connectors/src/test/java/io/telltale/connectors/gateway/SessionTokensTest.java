package io.telltale.connectors.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    static final GatewayConfig.SecretBytes SECRET =
            new GatewayConfig.SecretBytes("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");

    static SessionTokens at(Instant now) {
        return new SessionTokens(SECRET, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenVerifiesOnlyForItsSiteAndSession() {
        String token = at(ISSUED).issue("site_a", "s-1");
        SessionTokens later = at(ISSUED.plusSeconds(60));
        assertThat(later.verify(token, "site_a", "s-1")).isEqualTo(SessionTokens.Check.VALID);
        assertThat(later.verify(token, "site_a", "s-2")).isEqualTo(SessionTokens.Check.INVALID);
        assertThat(later.verify(token, "site_b", "s-1")).isEqualTo(SessionTokens.Check.INVALID);
        assertThat(later.verify(token + "x", "site_a", "s-1")).isEqualTo(SessionTokens.Check.INVALID);
        assertThat(later.verify("v1.abc.def", "site_a", "s-1")).isEqualTo(SessionTokens.Check.INVALID);
        assertThat(later.verify("", "site_a", "s-1")).isEqualTo(SessionTokens.Check.INVALID);
    }

    @Test
    void aTokenExpiresAfterItsTtlAndIsRenewedAfterHalfOfIt() {
        String token = at(ISSUED).issue("site_a", "s-1");
        assertThat(at(ISSUED.plus(Duration.ofHours(11))).dueForRenewal(token)).isFalse();
        assertThat(at(ISSUED.plus(Duration.ofHours(13))).dueForRenewal(token)).isTrue();
        assertThat(at(ISSUED.plus(Duration.ofHours(25))).verify(token, "site_a", "s-1"))
                .isEqualTo(SessionTokens.Check.EXPIRED);
        // Issued "in the future" by a moved issuedAt: the MAC no longer matches.
        String moved = token.replaceFirst("\\.\\d+\\.", "." + (ISSUED.getEpochSecond() + 3600) + ".");
        assertThat(at(ISSUED).verify(moved, "site_a", "s-1")).isEqualTo(SessionTokens.Check.INVALID);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new SessionTokens(new GatewayConfig.SecretBytes(new byte[8]), Duration.ofHours(1),
                Clock.systemUTC())).hasMessageContaining("at least 32 bytes");
    }
}
