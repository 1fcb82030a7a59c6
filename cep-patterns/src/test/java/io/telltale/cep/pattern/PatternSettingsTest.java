package io.telltale.cep.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.cep.patterns.AccountTakeover;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.patterns.CredentialStuffing;
import io.telltale.cep.patterns.InventoryHoarding;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.junit.jupiter.api.Test;

class PatternSettingsTest {

    @Test
    void overridesDefaultsAndDisablesPatterns() {
        PatternSettings settings = PatternSettings.parse("""
                patterns:
                  inventory-hoarding:
                    minHolds: 4
                    window: 2 h
                    keyBy: category
                  credential-stuffing:
                    enabled: false
                """, BuiltInPatterns.all());
        assertThat(settings.enabled()).extracting(e -> e.pattern().id())
                .containsExactly(InventoryHoarding.ID, "slow-and-low-revisits", "cashing-out-one-device",
                        AccountTakeover.ID, "replayed-trajectories");
        PatternParameters hoarding = settings.enabled().get(0).parameters();
        assertThat(hoarding.integer("minHolds")).isEqualTo(4);
        assertThat(hoarding.duration("window")).isEqualTo(Duration.ofHours(2));
        assertThat(hoarding.choice("keyBy")).isEqualTo("category");
        assertThat(hoarding.integer("minNetworks")).isEqualTo(5); // default kept
    }

    @Test
    void aPatternWithoutWithinIsRefused() {
        CrossSessionPattern endless = new CrossSessionPattern() {
            @Override public String id() { return "endless"; }
            @Override public String title() { return "Endless"; }
            @Override public Severity severity() { return Severity.LOW; }
            @Override public String owaspId() { return null; }
            @Override public String description() { return "three failed logins, ever"; }
            @Override public List<Parameter> parameters() { return List.of(); }
            @Override public List<String> keysOf(SessionSummary s, PatternParameters p) { return List.of("x"); }
            @Override public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
                return Pattern.<SessionSummary>begin("failures")
                        .where(SimpleCondition.of(s -> s.failedLogins() > 0))
                        .times(3);
            }
        };

        assertThatThrownBy(() -> PatternSettings.parse("patterns: {}", List.of(endless)))
                .hasMessageContaining("pattern 'endless': its CEP pattern has no within(...)");
        assertThatThrownBy(() -> PatternSettings.defaults(List.of(endless)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        assertThatThrownBy(() -> PatternSettings.parse("""
                patterns:
                  inventory-hoarding:
                    minHolds: -3
                    window: soon
                    minNetwork: 4
                  credential-stufing: {}
                """, BuiltInPatterns.all()))
                .hasMessageContaining("unknown pattern 'credential-stufing'")
                .hasMessageContaining("minHolds = -3 is outside 2 .. 100000")
                .hasMessageContaining("window = 'soon' is not a duration")
                .hasMessageContaining("unknown parameter 'minNetwork'");
    }

    @Test
    void aListOfWordsIsOneCommaSeparatedValue() {
        PatternSettings settings = PatternSettings.parse("""
                patterns:
                  account-takeover:
                    changes: Email, payout
                """, BuiltInPatterns.all());
        PatternParameters takeover = settings.enabled().stream()
                .filter(e -> e.pattern().id().equals(AccountTakeover.ID)).findFirst().orElseThrow().parameters();
        assertThat(takeover.words("changes")).containsExactly("email", "payout");
        assertThat(takeover.asText()).containsEntry("changes", "email,payout");
        assertThatThrownBy(() -> PatternSettings.parse("""
                patterns:
                  account-takeover:
                    changes: ", e mail"
                """, BuiltInPatterns.all()))
                .hasMessageContaining("changes = ', e mail' must be one or more comma-separated words");
    }

    @Test
    void malformedYamlSaysWhere() {
        assertThatThrownBy(() -> PatternSettings.parse("patterns:\n  a: [1, 2\n", BuiltInPatterns.all()))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PatternSettings.parse("- 1\n- 2\n", BuiltInPatterns.all()))
                .hasMessageContaining("'patterns:'");
    }

    @Test
    void anEmptyFileMeansDefaults() {
        assertThat(PatternSettings.parse("", BuiltInPatterns.all()).enabled()).hasSize(BuiltInPatterns.all().size());
        assertThat(PatternParameters.defaults(new CredentialStuffing()).integer("minAccounts")).isEqualTo(5);
    }
}
