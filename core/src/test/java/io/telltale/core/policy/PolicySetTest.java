package io.telltale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.wire.Action;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PolicySetTest {

    static final Policy AUTH = new Policy("auth",
            List.of(RoutePattern.of("/login"), RoutePattern.of("/checkout/**")), 0.3, 0.6, false);
    static final Policy CATALOGUE_DRY_RUN = new Policy("catalogue", List.of(RoutePattern.of("/p/*")), 0.5, 0.8, true);
    static final Policy FALLBACK = new Policy("default", List.of(), 0.5, 0.8, false);
    static final GoodBotFamily GOOGLEBOT =
            new GoodBotFamily("googlebot", Pattern.compile("Googlebot"), List.of("googlebot.com", ".google.com."));
    static final PolicySet POLICIES = new PolicySet(List.of(AUTH, CATALOGUE_DRY_RUN), FALLBACK,
            new Allowlist(List.of(NetworkRange.parse("10.0.0.0/8")), List.of(GOOGLEBOT)));

    @Test
    void loginIsStricterThanProductPages() {
        assertThat(POLICIES.decide(0.45, "/login", "198.51.100.1", null))
                .isEqualTo(new PolicyDecision("auth", Action.CHALLENGE, true, null));
        assertThat(POLICIES.decide(0.65, "/checkout/pay", "198.51.100.1", null).action()).isEqualTo(Action.BLOCK);
        assertThat(POLICIES.decide(0.45, "/about", "198.51.100.1", null))
                .isEqualTo(new PolicyDecision("default", Action.MONITOR, true, null));
    }

    @Test
    void monitorOnlyComputesTheActionButDoesNotEnforceIt() {
        assertThat(POLICIES.decide(0.9, "/p/42", "198.51.100.1", null))
                .isEqualTo(new PolicyDecision("catalogue", Action.BLOCK, false, null));
    }

    @Test
    void allowlistedSessionsAreOnlyMonitoredAndSayWhy() {
        assertThat(POLICIES.decide(0.99, "/login", "10.2.3.4", null))
                .isEqualTo(new PolicyDecision("auth", Action.MONITOR, true, "network 10.0.0.0/8"));
        assertThat(POLICIES.decide(0.99, "/p/1", "66.249.66.1", "googlebot").allowlisted())
                .isEqualTo("verified good bot googlebot");
    }

    @Test
    void aGoodBotIsClaimedByUserAgentAndOwnsOnlyItsDomains() {
        assertThat(POLICIES.allowlist().claimedFamilies("Mozilla/5.0 (compatible; Googlebot/2.1)"))
                .containsExactly(GOOGLEBOT);
        assertThat(POLICIES.allowlist().claimedFamilies("Mozilla/5.0 Chrome/131")).isEmpty();
        assertThat(GOOGLEBOT.ownsHost("crawl-66-249-66-1.googlebot.com.")).isTrue();
        assertThat(GOOGLEBOT.ownsHost("GOOGLE.COM")).isTrue();
        assertThat(GOOGLEBOT.ownsHost("googlebot.com.evil.example")).isFalse();
        assertThat(GOOGLEBOT.ownsHost("evilgooglebot.com")).isFalse();
    }

    @Test
    void inconsistentPoliciesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Policy("p", List.of(), 0.8, 0.5, false))
                .hasMessageContaining("policy 'p'").hasMessageContaining("below challenge");
        assertThatThrownBy(() -> new Policy("p", List.of(), 1.5, 1.5, false)).hasMessageContaining("[0,1]");
        assertThatThrownBy(() -> new PolicySet(List.of(AUTH, AUTH), FALLBACK, null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new PolicySet(List.of(new Policy("empty", List.of(), 0.5, 0.8, false)), FALLBACK, null))
                .hasMessageContaining("covers no routes");
        assertThatThrownBy(() -> new GoodBotFamily("b", Pattern.compile("x"), List.of()))
                .hasMessageContaining("domain suffix");
    }
}
