package io.telltale.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedModelTest {

    private static final EventCounts ENOUGH_MOUSE = new EventCounts(10, 600, 20, 5, 0, 0, 0);
    private static final EventCounts THREE_MOVES = new EventCounts(1, 3, 0, 0, 0, 0, 0);

    /**
     * A supervised pointer part that finds few sub-movements per second bot-like (here people: 0.1 to 0.5),
     * silent up to log-odds 2, challenging at 3, blocking at 4; no device tells of its own.
     */
    private static BehaviourModel supervised() {
        double[] grid = new double[101];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 0.1 + 0.4 * i / 100.0;
        }
        return new BehaviourModel("combined-test/supervised/pointer",
                List.of(new BehaviourModel.Input(Feature.MOUSE_SUBMOVEMENT_RATE, grid, -1.0, 0.0)),
                0.0, 0.0, new double[] {2, 3, 4}, new double[] {0, 0.5, 0.8}, List.of());
    }

    private static final HumanNormsModel BASELINE = HumanNormsModel.standard();
    private static final CombinedModel MODEL = new CombinedModel("combined-test", BASELINE, List.of(supervised()));

    private static SessionFeatures.Builder pointer(EventCounts counts, double submovementRate) {
        return SessionFeatures.builder(counts).set(Feature.MOUSE_SUBMOVEMENT_RATE, submovementRate);
    }

    @Test
    void whereTheSupervisedPartIsNotConfidentTheBaselineDecidesAlone() {
        SessionFeatures person = pointer(ENOUGH_MOUSE, 0.3).set(Feature.MOUSE_SPEED_CV, 0.8).build();

        assertThat(supervised().assess(person).score()).isZero();
        assertThat(MODEL.assess(person)).isEqualTo(BASELINE.assess(person));
    }

    @Test
    void aConfidentSupervisedPartRaisesTheRiskAndNamesTheFeatureWithItsValue() {
        SessionFeatures steadyBot = pointer(ENOUGH_MOUSE, 0.01).set(Feature.MOUSE_SPEED_CV, 0.8).build();

        RiskAssessment combined = MODEL.assess(steadyBot);

        assertThat(BASELINE.assess(steadyBot).score()).isZero();
        assertThat(combined.score()).isEqualTo(supervised().assess(steadyBot).score()).isGreaterThanOrEqualTo(0.5);
        Reason first = combined.reasons().get(0);
        assertThat(first.code()).isEqualTo("MOUSE_SUBMOVEMENT_RATE_LOW");
        assertThat(first.text()).contains("0.0100").contains("people: 0.104 to 0.496");
    }

    @Test
    void theLargerPartSetsTheRiskAndGivesTheFirstReasons() {
        // A ruler-straight constant-speed mover with hardly a sub-movement: both parts fire.
        SessionFeatures linearBot = pointer(ENOUGH_MOUSE, 0.01)
                .set(Feature.MOUSE_SPEED_CV, 0.0)
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, 1.0)
                .build();

        RiskAssessment norms = BASELINE.assess(linearBot);
        RiskAssessment combined = MODEL.assess(linearBot);

        assertThat(norms.score()).isGreaterThan(supervised().assess(linearBot).score());
        assertThat(combined.score()).isEqualTo(norms.score());
        assertThat(combined.reasons().subList(0, norms.reasons().size())).isEqualTo(norms.reasons());
        assertThat(combined.reasons()).extracting(Reason::code).contains("MOUSE_SUBMOVEMENT_RATE_LOW");
        assertThat(combined.reasons()).hasSizeLessThanOrEqualTo(HumanNormsModel.MAX_REASONS);
    }

    @Test
    void threeMovesAreUnknownWhateverTheSupervisedPartWouldSay() {
        RiskAssessment assessment = MODEL.assess(pointer(THREE_MOVES, 0.01).build());

        assertThat(assessment.score()).isZero();
        assertThat(assessment.sufficientEvidence()).isFalse();
    }
}
