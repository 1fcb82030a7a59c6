package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.wire.EventCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BehaviourTrainerTest {

    private static final EventCounts ENOUGH_MOUSE = new EventCounts(10, 600, 20, 5, 0, 0, 0);

    private static SessionFeatures mouse(double speedCv, double straightness) {
        return SessionFeatures.builder(ENOUGH_MOUSE)
                .set(Feature.MOUSE_SPEED_CV, speedCv)
                .set(Feature.MOUSE_STRAIGHTNESS_MEAN, straightness)
                .build();
    }

    @Test
    void learnsWhichSideIsBotLikeAndCalibratesToTheTrainingPeople() {
        Random random = new Random(7);
        List<SessionFeatures> people = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            people.add(mouse(0.5 + random.nextDouble(), 0.6 + 0.3 * random.nextDouble()));
        }
        List<SessionFeatures> bots = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bots.add(mouse(0.02 + 0.1 * random.nextDouble(), 0.98 + 0.02 * random.nextDouble()));
        }

        BehaviourModel model = BehaviourTrainer.train("behaviour-test", people, bots, 1L);

        assertThat(model.inputs()).extracting(BehaviourModel.Input::feature)
                .containsExactly(Feature.MOUSE_SPEED_CV, Feature.MOUSE_STRAIGHTNESS_MEAN);
        // Low speed variation and high straightness are the bot side.
        assertThat(model.inputs().get(0).weight()).isNegative();
        assertThat(model.inputs().get(1).weight()).isPositive();
        long challenged = people.stream().filter(f -> model.assess(f).score() >= 0.5).count();
        long blocked = people.stream().filter(f -> model.assess(f).score() >= 0.8).count();
        assertThat(challenged).isLessThanOrEqualTo(30); // 1 % of 3,000
        assertThat(blocked).isLessThanOrEqualTo(3); // 0.1 %
        assertThat(bots).allSatisfy(f -> assertThat(model.assess(f).score()).isGreaterThanOrEqualTo(0.8));
    }

    @Test
    void unitsWithTooLittleEvidenceAreLeftOut() {
        List<SessionFeatures> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            people.add(mouse(0.5 + i / 100.0, 0.7));
            people.add(SessionFeatures.builder(new EventCounts(1, 3, 0, 0, 0, 0, 0)).set(Feature.MOUSE_SPEED_CV, 50.0).build());
        }
        List<SessionFeatures> bots = List.of(mouse(0.01, 1.0), mouse(0.02, 1.0));

        BehaviourModel model = BehaviourTrainer.train("behaviour-test", people, bots, 1L);

        // The three-move units (speed CV 50) never reached the human grid.
        assertThat(model.inputs().get(0).humanQuantiles()[100]).isLessThan(2.0);
    }
}
