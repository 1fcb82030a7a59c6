package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.CombinedModel;
import io.telltale.core.wire.EventCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CombinedTrainerTest {

    private static final EventCounts ENOUGH_MOUSE = new EventCounts(10, 600, 20, 5, 0, 0, 0);
    private static final EventCounts ENOUGH_KEYS = new EventCounts(0, 0, 0, 0, 60, 0, 0);

    /**
     * A pointer unit: grid residual (capture-robust, read) and raw speed CV (sees capture, never
     * read), each from its own range.
     */
    private static SessionFeatures pointer(double gridResidual, double speedCv) {
        return SessionFeatures.builder(ENOUGH_MOUSE)
                .set(Feature.MOUSE_GRID_RESIDUAL, gridResidual)
                .set(Feature.MOUSE_SPEED_CV, speedCv)
                .build();
    }

    private static SessionFeatures keys(double flightCv) {
        return SessionFeatures.builder(ENOUGH_KEYS).set(Feature.KEY_FLIGHT_CV, flightCv).build();
    }

    /** 400 people, ten units each: half of them pointer users, half typists. */
    private static List<Units.Unit> people(Random random) {
        List<Units.Unit> people = new ArrayList<>();
        for (int user = 0; user < 400; user++) {
            for (int unit = 0; unit < 10; unit++) {
                SessionFeatures f = user % 2 == 0
                        ? pointer(0.15 + 0.3 * random.nextDouble(), 0.5 + random.nextDouble())
                        : keys(0.4 + 0.5 * random.nextDouble());
                people.add(new Units.Unit("s" + user + "-" + unit, "person-" + user, 60_000, f));
            }
        }
        return people;
    }

    private static List<SessionFeatures> bots(Random random) {
        List<SessionFeatures> bots = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bots.add(pointer(0.01 + 0.02 * random.nextDouble(), 0.01 * random.nextDouble()));
            bots.add(keys(0.02 * random.nextDouble()));
        }
        return bots;
    }

    @Test
    void onePartPerModalityReadingOnlyCaptureRobustFeatures() {
        Random random = new Random(3);

        CombinedModel model = CombinedTrainer.train("combined-test", people(random), bots(random), 1L);

        assertThat(model.baseline().version()).isEqualTo("human-norms-v1");
        assertThat(model.supervised()).extracting(BehaviourModel::version)
                .containsExactly("combined-test/supervised/pointer", "combined-test/supervised/keys");
        // Speed CV told these bots apart perfectly, but it sees the capture: no part reads it.
        assertThat(model.supervised().get(0).inputs()).extracting(BehaviourModel.Input::feature)
                .containsExactly(Feature.MOUSE_GRID_RESIDUAL);
        assertThat(model.supervised().get(1).inputs()).extracting(BehaviourModel.Input::feature)
                .containsExactly(Feature.KEY_FLIGHT_CV);
        assertThat(model.supervised()).allSatisfy(part -> assertThat(part.noveltyWeight()).isZero());
    }

    @Test
    void operatingPointsHoldOnPeopleItNeverSawAndBotsBeyondThemAreBlocked() {
        Random random = new Random(5);
        CombinedModel model = CombinedTrainer.train("combined-test", people(random), bots(random), 1L);

        // New people from the same population: the supervised parts are silent for about 99 % of them
        // (0 up to the held-out 99th percentile) and challenge about 0.1 % per modality; the knots
        // come from the held-out groups' regressions and the shipped part is refitted on everyone,
        // so allow a few times that.
        List<Units.Unit> unseen = people(new Random(11));
        long raised = unseen.stream().filter(u -> model.supervised().stream()
                .anyMatch(part -> part.assess(u.features()).score() > 0)).count();
        long challenged = unseen.stream().filter(u -> model.supervised().stream()
                .anyMatch(part -> part.assess(u.features()).score() >= 0.5)).count();
        assertThat(raised).isLessThanOrEqualTo(80); // 2 % of 4,000
        assertThat(challenged).isLessThanOrEqualTo(20); // 0.5 %
        assertThat(bots(new Random(13))).allSatisfy(f -> assertThat(model.assess(f).score()).isGreaterThanOrEqualTo(0.8));
    }
}
