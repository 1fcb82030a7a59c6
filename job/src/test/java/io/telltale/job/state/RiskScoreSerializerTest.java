package io.telltale.job.state;

import static io.telltale.job.TelltaleTestBase.BEGINNING;
import static io.telltale.job.TelltaleTestBase.features;
import static io.telltale.job.TelltaleTestBase.linearBotBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.FeatureDeviation;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Risk scores cross Flink's network and the async check's checkpointed state in a binary form. */
class RiskScoreSerializerTest {

    private static final WireRecordSerializers.RiskScoreSerializer SERIALIZER =
            WireRecordSerializers.RiskScoreSerializer.INSTANCE;

    private static RiskScore roundTrip(RiskScore score) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(score, out);
        return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aScoreOfTheScorerComesBackEqual() throws IOException {
        RiskScore score = new SessionScorer(HumanNormsModel.standard(), ActionThresholds.DEFAULT)
                .score("s-1", features(linearBotBatch("s-1", 0, BEGINNING)).features(), BEGINNING,
                        BEGINNING + 1_800_000, true, BEGINNING);

        assertThat(roundTrip(score)).isEqualTo(score);
    }

    @Test
    void everyOptionalPartComesBackAndAbsentPartsStayAbsent() throws IOException {
        ProfileDeviation deviation = new ProfileDeviation(ProfileDeviation.Status.JUDGED, 0.71, 3.2, 12, 9,
                List.of(new FeatureDeviation("mouse_speed_mean", 1.5, 0.8, 0.2, 3.5)));
        RiskScore full = new RiskScore(1, "s-2", "u-7", 0.42, Action.CHALLENGE, RiskScore.EVIDENCE_SUFFICIENT,
                List.of(new Reason("PROFILE_DEVIATION", "moves unlike the owner — ünïcode", 0.3)),
                Map.of("mouse_speed_mean", 1.5), "human-norms-v1", BEGINNING, BEGINNING + 60_000,
                new EventCounts(3, 120, 9, 2, 14, 5, 0), false, BEGINNING + 1,
                new SessionContext("/checkout", "203.0.113.7", "Mozilla/5.0", "fp-1"), deviation,
                List.of("0a1b2c3d", "ffee0011"));
        RiskScore bare = new RiskScore(1, "s-3", null, 0.0, Action.MONITOR, RiskScore.EVIDENCE_INSUFFICIENT,
                List.of(), Map.of(), "human-norms-v1", BEGINNING, BEGINNING + 60_000, EventCounts.NONE, true,
                BEGINNING);

        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(bare)).isEqualTo(bare);
    }

    @Test
    void theFormerJsonFormIsStillRead() throws IOException {
        RiskScore score = new SessionScorer(HumanNormsModel.standard(), ActionThresholds.DEFAULT)
                .score("s-4", features(linearBotBatch("s-4", 0, BEGINNING)).features(), BEGINNING,
                        BEGINNING + 1_800_000, false, BEGINNING);
        byte[] json = new RiskScoreSerde().serialize(score);
        DataOutputSerializer former = new DataOutputSerializer(json.length + 4);
        former.writeInt(json.length);
        former.write(json);

        RiskScore read = SERIALIZER.deserialize(new DataInputDeserializer(former.getCopyOfBuffer()));

        assertThat(new RiskScoreSerde().serialize(read)).isEqualTo(json);
    }

    @Test
    void anUnknownFormIsAnError() {
        assertThatThrownBy(() -> SERIALIZER.deserialize(new DataInputDeserializer(new byte[] {7, 0, 0, 0})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown risk score form 7");
    }
}
