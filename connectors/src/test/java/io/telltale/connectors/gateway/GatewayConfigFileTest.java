package io.telltale.connectors.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigFileTest {

    static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!!";

    @Test
    void readsAFullSitesFile() {
        GatewayConfig config = GatewayConfigFile.parse("sites.yaml", """
                sites:
                  - siteKey: site_shop
                    origins: [https://shop.example, "http://localhost:3000"]
                apiKeys:
                  - name: backend
                    sha256: %s
                trustedProxies: [10.0.0.0/8, "::1/128"]
                sessionTokens: {secretEnv: GW_SECRET, ttl: 12h}
                limits: {maxBodyBytes: 65536}
                producer: {bufferBytes: 1048576, maxBlock: 50ms}
                decisions: {maxSessions: 1000}
                """.formatted(ApiKeys.sha256Hex("k")), Map.of("GW_SECRET", SECRET)::get);

        assertThat(config.sites().get("site_shop").origins()).containsExactlyInAnyOrder("https://shop.example",
                "http://localhost:3000");
        assertThat(new ApiKeys(config.apiKeys()).authenticate("k")).isEqualTo("backend");
        assertThat(new ApiKeys(config.apiKeys()).authenticate("K")).isNull();
        assertThat(config.trustedProxies()).hasSize(2);
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(config.maxBodyBytes()).isEqualTo(65536);
        assertThat(config.producerMaxBlock()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.decisionCapacity()).isEqualTo(1000);
        assertThat(config.tokenSecret().toString()).doesNotContain(SECRET);
    }

    @Test
    void reportsEveryProblemAndNeverTheSecret() {
        assertThatThrownBy(() -> GatewayConfigFile.parse("sites.yaml", """
                sites:
                  - siteKey: "bad key"
                    origins: [https://shop.example/]
                apiKeys: [{name: x, sha256: nothex}]
                trustedProxies: [10.0.0.0/99]
                sessionTokens: {secretEnv: GW_SECRET}
                producer: {maxBlock: soon}
                colour: blue
                """, Map.of("GW_SECRET", "short")::get))
                .isInstanceOf(GatewayConfigException.class)
                .satisfies(e -> assertThat(((GatewayConfigException) e).problems()).hasSize(7))
                .hasMessageContaining("colour: unknown key")
                .hasMessageContaining("sites[0].siteKey")
                .hasMessageContaining("sites[0].origins[0]")
                .hasMessageContaining("apiKeys[0].sha256")
                .hasMessageContaining("trustedProxies[0]")
                .hasMessageContaining("the secret has 5 bytes")
                .hasMessageContaining("producer.maxBlock")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
    }

    @Test
    void theSecretMustBeGiven() {
        assertThatThrownBy(() -> GatewayConfigFile.parse("sites.yaml",
                "sites: [{siteKey: s, origins: ['*']}]\n", name -> null))
                .hasMessageContaining("exactly one of secretEnv");
    }
}
