package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.WireFixtures.blockedBot;
import static io.telltale.connectors.serde.WireFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScoreSerdeTest {
    private final RiskScoreSerde serde = new RiskScoreSerde();

    @Test
    void roundTrips() throws Exception {
        assertThat(serde.deserialize(serde.serialize(blockedBot()))).isEqualTo(blockedBot());
    }

    @Test
    void roundTripsTheProfileComparisonAndLeavesItOutWhenAbsent() throws Exception {
        RiskScore profiled = WireFixtures.challengedStranger();

        assertThat(serde.deserialize(serde.serialize(profiled))).isEqualTo(profiled);
        assertThat(new String(serde.serialize(blockedBot()), StandardCharsets.UTF_8)).doesNotContain("\"profile\"");
    }

    @Test
    void writesTheDocumentedShapeWithSortedFeatures() {
        String json = new String(serde.serialize(blockedBot()), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"score\":0.93,\"action\":\"block\",\"evidence\":\"sufficient\"")
                .contains("\"features\":{\"key_dwell_cv\":0.02,\"mouse_straightness_mean\":0.999}")
                .contains("\"final\":false");
    }

    @Test
    void leavesOutFeaturesWithoutAFiniteValue() throws Exception {
        RiskScore s = blockedBot();
        RiskScore withNaN = new RiskScore(s.schemaVersion(), s.sessionId(), s.userId(), s.score(), s.action(),
                s.evidence(), s.reasons(), Map.of("a", Double.NaN, "b", 1.0), s.modelVersion(), s.windowStart(),
                s.windowEnd(), s.counts(), true, s.emittedAt());

        assertThat(serde.deserialize(serde.serialize(withNaN)).features()).containsExactly(Map.entry("b", 1.0));
    }

    @Test
    void refusesToWriteANonFiniteScore() {
        RiskScore s = blockedBot();
        RiskScore nan = new RiskScore(1, "s", null, Double.NaN, s.action(), s.evidence(), null, null, null, 0, 0,
                s.counts(), false, 0);

        assertThatThrownBy(() -> serde.serialize(nan)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
    }

    @Test
    void rejectsAnUnknownActionAndAScoreOutOfRange() {
        String ok = new String(serde.serialize(blockedBot()), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserialize(utf8(ok.replace("\"block\"", "\"ban\""))))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_VALUE));
        assertThatThrownBy(() -> serde.deserialize(utf8(ok.replace("0.93", "1.5"))))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_VALUE));
    }

    @Test
    void carriesTheTrajectoryFingerprintOfAFinalScoreAndChecksItsShapes() throws Exception {
        RiskScore s = blockedBot();
        RiskScore last = new RiskScore(s.schemaVersion(), s.sessionId(), s.userId(), s.score(), s.action(), s.evidence(),
                s.reasons(), s.features(), s.modelVersion(), s.windowStart(), s.windowEnd(), s.counts(), true,
                s.emittedAt(), s.context(), null, List.of("0a3f19c2", "e91f7d20"));
        String json = new String(serde.serialize(last), StandardCharsets.UTF_8);

        assertThat(json).contains("\"trajectory\":[\"0a3f19c2\",\"e91f7d20\"]");
        assertThat(serde.deserialize(serde.serialize(last))).isEqualTo(last);
        assertThat(new String(serde.serialize(s), StandardCharsets.UTF_8)).doesNotContain("trajectory");
        assertThatThrownBy(() -> serde.deserialize(utf8(json.replace("e91f7d20", "E91F7D2"))))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.getMessage())
                        .contains("trajectory[1] = \"E91F7D2\" is not 8 lower-case hex digits"));
        String tooMany = json.replace("\"e91f7d20\"", "\"e91f7d20\"" + ",\"00000000\"".repeat(31));
        assertThatThrownBy(() -> serde.deserialize(utf8(tooMany))).isInstanceOf(InvalidRecordException.class);
    }
}
