package io.telltale.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterimScoreGateTest {

    private static final long INTERVAL = 5_000;
    private static final long START = 1_000_000;
    private static final long GAP = 1_800_000;
    private static final Reason STRAIGHT = new Reason("MOUSE_PATH_STRAIGHT", "straight", 1.0);
    private static final Reason CONSTANT = new Reason("MOUSE_SPEED_CONSTANT", "constant", 0.5);

    private final InterimScoreGate gate = new InterimScoreGate(INTERVAL);

    private static RiskScore score(double value, Action action, List<Reason> reasons, long latestBatch) {
        return new RiskScore(1, "s-1", null, value, action, RiskScore.EVIDENCE_SUFFICIENT, reasons, null,
                "test", START, latestBatch + GAP, EventCounts.NONE, false, 0);
    }

    @Test
    void theFirstScoreOfAVisitIsPublished() {
        InterimScoreGate.Decision first = gate.decide(null, score(0.1, Action.MONITOR, List.of(), START), 1, START);

        assertThat(first.publish()).isTrue();
        assertThat(first.memory().publishedAt()).isEqualTo(START);
        assertThat(first.memory().withheld()).isFalse();
    }

    @Test
    void anEscalationIsPublishedAtOnceAndRestartsTheInterval() {
        var memory = gate.decide(null, score(0.1, Action.MONITOR, List.of(), START), 1, START).memory();

        var challenge = gate.decide(memory, score(0.6, Action.CHALLENGE, List.of(STRAIGHT), START + 1), 2, START + 1);
        var block = gate.decide(challenge.memory(), score(0.9, Action.BLOCK, List.of(STRAIGHT), START + 2), 3, START + 2);

        assertThat(challenge.publish()).isTrue();
        assertThat(block.publish()).isTrue();
        assertThat(block.memory().publishedAt()).isEqualTo(START + 2);
    }

    @Test
    void aMaterialChangeWaitsForTheIntervalAndIsRememberedMeanwhile() {
        var memory = gate.decide(null, score(0.9, Action.BLOCK, List.of(STRAIGHT), START), 1, START).memory();

        var early = gate.decide(memory, score(0.85, Action.CHALLENGE, List.of(STRAIGHT), START + 1_000), 2,
                START + 1_000);
        assertThat(early.publish()).isFalse();
        assertThat(early.memory().withheld()).isTrue();
        assertThat(InterimScoreGate.nothingToDo(early.memory(), 2)).isFalse();

        var due = gate.decide(early.memory(), score(0.85, Action.CHALLENGE, List.of(STRAIGHT), START + 1_000), 2,
                START + INTERVAL);
        assertThat(due.publish()).isTrue();
        assertThat(due.memory().action()).isEqualTo(Action.CHALLENGE);
        assertThat(InterimScoreGate.nothingToDo(due.memory(), 2)).isTrue();
    }

    @Test
    void newReasonsAreMaterialASmallDriftIsNot() {
        var memory = gate.decide(null, score(0.9, Action.BLOCK, List.of(STRAIGHT), START), 1, START).memory();
        long later = START + 2 * INTERVAL;

        var drift = gate.decide(memory, score(0.9 + InterimScoreGate.MATERIAL_SCORE_CHANGE / 2, Action.BLOCK,
                List.of(STRAIGHT), later), 2, later);
        var reasons = gate.decide(memory, score(0.9, Action.BLOCK, List.of(STRAIGHT, CONSTANT), later), 2, later);

        assertThat(drift.publish()).isFalse();
        assertThat(drift.memory().withheld()).isFalse();
        assertThat(drift.memory().publishedAt()).isEqualTo(START);
        assertThat(reasons.publish()).isTrue();
    }

    @Test
    void aMemoryBelongsToTheVisitWhoseWindowItOverlaps() {
        var memory = gate.decide(null, score(0.1, Action.MONITOR, List.of(), START), 1, START).memory();

        assertThat(memory.isOfWindow(START - GAP / 2, START + GAP / 2)).isTrue(); // merged with an earlier batch
        assertThat(memory.isOfWindow(START + 2 * GAP, START + 3 * GAP)).isFalse(); // a later visit
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new InterimScoreGate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
