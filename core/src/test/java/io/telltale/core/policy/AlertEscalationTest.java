package io.telltale.core.policy;

import static io.telltale.core.wire.Action.BLOCK;
import static io.telltale.core.wire.Action.CHALLENGE;
import static io.telltale.core.wire.Action.MONITOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.Action;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEscalationTest {

    /** Feeds a session's successive actions through the escalation and returns those that alert. */
    private static List<Action> alertsFor(Action... actions) {
        List<Action> alerts = new ArrayList<>();
        Action last = null;
        for (Action now : actions) {
            if (AlertEscalation.shouldAlert(last, now)) {
                alerts.add(now);
            }
            last = AlertEscalation.remembered(last, now);
        }
        return alerts;
    }

    @Test
    void oneAlertOnFirstCrossingAndOneOnEscalation() {
        assertThat(alertsFor(MONITOR, CHALLENGE, CHALLENGE, CHALLENGE, BLOCK, BLOCK)).containsExactly(CHALLENGE, BLOCK);
    }

    @Test
    void flappingAroundAThresholdRaisesNoStorm() {
        assertThat(alertsFor(CHALLENGE, MONITOR, CHALLENGE, MONITOR, CHALLENGE)).containsExactly(CHALLENGE);
        assertThat(alertsFor(BLOCK, CHALLENGE, BLOCK, MONITOR, BLOCK)).containsExactly(BLOCK);
    }

    @Test
    void aHumanSessionRaisesNothing() {
        assertThat(alertsFor(MONITOR, MONITOR, MONITOR)).isEmpty();
        assertThat(AlertEscalation.remembered(null, MONITOR)).isNull();
    }

    @Test
    void straightToBlockThenNothingMore() {
        assertThat(alertsFor(BLOCK, CHALLENGE, CHALLENGE)).containsExactly(BLOCK);
    }
}
