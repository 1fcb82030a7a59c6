package io.telltale.connectors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.policy.PolicySet;
import io.telltale.core.wire.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    private static final String GOOD = """
            version: 1
            routeGroups:
              auth: ["/login", "/account/**"]
            policies:
              - name: strict
                routeGroups: [auth]
                routes: ["/checkout/**"]
                challengeAt: 0.3
                blockAt: 0.6
              - name: catalogue
                routes: ["/p/*"]
                challengeAt: 0.6
                blockAt: 0.9
                monitorOnly: true
            default: {challengeAt: 0.5, blockAt: 0.8}
            allowlist:
              networks: ["10.0.0.0/8", "fd00::/8"]
              goodBots:
                - {name: googlebot, userAgent: "Googlebot", domains: [googlebot.com]}
            """;

    @Test
    void aGoodFileBecomesAPolicySet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, GOOD);
        PolicySet set = PolicyFile.read(file);
        assertThat(set.policyFor("/account/settings").name()).isEqualTo("strict");
        assertThat(set.policyFor("/checkout/pay").name()).isEqualTo("strict");
        assertThat(set.policyFor("/p/3").monitorOnly()).isTrue();
        assertThat(set.policyFor("/about").name()).isEqualTo("default");
        assertThat(set.decide(0.35, "/login", "198.51.100.1", null).action()).isEqualTo(Action.CHALLENGE);
        assertThat(set.decide(0.95, "/login", "10.1.1.1", null).allowlisted()).isEqualTo("network 10.0.0.0/8");
        assertThat(set.allowlist().claimedFamilies("Mozilla/5.0 (compatible; Googlebot/2.1)")).hasSize(1);
    }

    @Test
    void theBuiltInPolicyIsValidAndStricterOnLoginThanOnProductPages() {
        PolicySet builtIn = PolicyFile.builtIn();
        assertThat(builtIn.decide(0.45, "/login", "198.51.100.1", null).action()).isEqualTo(Action.CHALLENGE);
        assertThat(builtIn.decide(0.45, "/p/42", "198.51.100.1", null).action()).isEqualTo(Action.MONITOR);
        assertThat(builtIn.allowlist().goodBots()).extracting(b -> b.name()).contains("googlebot", "bingbot");
    }

    @Test
    void everyProblemIsReportedWithFileAndPath() {
        String bad = """
                version: 2
                policies:
                  - name: strict
                    routes: ["login"]
                    routeGroups: [nope]
                    challengeAt: 0.7
                    blockAt: high
                    monitorOnly: "yes"
                    colour: red
                  - routes: ["/x"]
                    challengeAt: 0.9
                    blockAt: 0.5
                allowlist:
                  networks: ["10.0.0.0/33", "example.com"]
                  goodBots:
                    - {name: fake, userAgent: "([", domains: []}
                """;
        assertThatThrownBy(() -> PolicyFile.parse("my-policy.yaml", bad))
                .isInstanceOfSatisfying(PolicyFileException.class, e -> {
                    assertThat(e.getMessage()).startsWith("policy file my-policy.yaml is invalid:");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("version: must be 1, got 2"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[0].routes[0]: a route pattern starts with '/'"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[0].routeGroups[0]: no route group 'nope'"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[0].blockAt: is required, a number in [0,1]; got 'high'"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[0].monitorOnly: must be true or false"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[0].colour: unknown key"))
                            .anySatisfy(p -> assertThat(p).startsWith("policies[1].name: is required"))
                            .anySatisfy(p -> assertThat(p).startsWith("default: is required"))
                            .anySatisfy(p -> assertThat(p).startsWith("allowlist.networks[0]: '10.0.0.0/33': prefix length"))
                            .anySatisfy(p -> assertThat(p).startsWith("allowlist.networks[1]: 'example.com' is not"))
                            .anySatisfy(p -> assertThat(p).startsWith("allowlist.goodBots[0].userAgent: is not a valid regular expression"))
                            .anySatisfy(p -> assertThat(p).startsWith("allowlist.goodBots[0].domains: is required"));
                });
    }

    @Test
    void thresholdsOutOfOrderDuplicatesAndBrokenYamlAreRefused() {
        assertThatThrownBy(() -> PolicyFile.parse("p.yaml", "version: 1\ndefault: {challengeAt: 0.9, blockAt: 0.5}\n"))
                .hasMessageContaining("default.blockAt: 0.5 is below challengeAt 0.9");
        assertThatThrownBy(() -> PolicyFile.parse("p.yaml", """
                version: 1
                policies:
                  - {name: a, routes: ["/a"], challengeAt: 0.1, blockAt: 0.2}
                  - {name: a, routes: ["/b"], challengeAt: 0.1, blockAt: 0.2}
                default: {challengeAt: 0.5, blockAt: 0.8}
                """)).hasMessageContaining("policies[1].name: 'a' is used by an earlier policy");
        assertThatThrownBy(() -> PolicyFile.parse("p.yaml", "version: 1\nversion: 1\n"))
                .hasMessageContaining("not valid YAML").hasMessageContaining("version");
        assertThatThrownBy(() -> PolicyFile.parse("p.yaml", "- just\n- a list\n")).hasMessageContaining("(root)");
        assertThatThrownBy(() -> PolicyFile.read(Path.of("/nonexistent/policy.yaml"))).hasMessageContaining("cannot be read");
    }
}
