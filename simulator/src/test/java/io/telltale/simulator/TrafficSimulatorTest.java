package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.TelemetryBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest extends SimulatorTestBase {

    private static final Duration SHORT = Duration.ofSeconds(20);

    @Test
    void liveTrafficComesOutInSendOrderAndKeepsFlowing() {
        TrafficSimulator traffic = new TrafficSimulator(SEED, 0.5, 6, SHORT, HALF_A_MINUTE);
        List<TelemetryBatch> sent = new ArrayList<>();
        for (long now = BEGINNING; now <= BEGINNING + 90_000; now += 1_000) {
            List<TelemetryBatch> due = traffic.batchesDueBy(now);
            for (TelemetryBatch batch : due) {
                assertThat(batch.sentAt()).isLessThanOrEqualTo(now);
            }
            sent.addAll(due);
            assertThat(traffic.activeSessions()).isEqualTo(6);
        }

        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).sentAt()).isGreaterThanOrEqualTo(sent.get(i - 1).sentAt());
        }
        Map<String, Long> nextSequence = new HashMap<>();
        for (TelemetryBatch batch : sent) {
            assertThat(batch.sessionId()).matches("s-[0-9a-f]{16}");
            assertThat(batch.sequence()).isEqualTo(nextSequence.getOrDefault(batch.sessionId(), 0L));
            nextSequence.put(batch.sessionId(), batch.sequence() + 1);
            assertThat(traffic.actorOf(batch.sessionId())).isNotNull();
        }
        // Sessions of 20-30 s over 90 s: the pool was renewed several times.
        assertThat(nextSequence).hasSizeGreaterThan(12);
        assertThat(nextSequence.keySet().stream().map(traffic::actorOf).filter(Actor::isBot).count()).isPositive();
        assertThat(nextSequence.keySet().stream().map(traffic::actorOf).filter(a -> !a.isBot()).count()).isPositive();
        assertThat(sent.stream().map(TelemetryBatch::userId).filter(u -> u != null)).allMatch(u -> u.matches("u-\\d{3}"));
    }

    @Test
    void botShareDecidesTheMix() {
        long bots = new TrafficSimulator(SEED, 0.3).nextSessions(BEGINNING, 200, Duration.ofSeconds(5)).stream()
                .filter(s -> s.actor().isBot())
                .count();

        assertThat(bots).isBetween(40L, 80L);
        assertThat(new TrafficSimulator(SEED, 0).nextSessions(BEGINNING, 20, Duration.ofSeconds(5)))
                .allMatch(s -> s.actor() == Actor.HUMAN);
    }

    @Test
    void sameSeedSameTraffic() {
        List<TelemetryBatch> first = halfAMinuteOfTraffic(new TrafficSimulator(SEED, 0.5));
        List<TelemetryBatch> second = halfAMinuteOfTraffic(new TrafficSimulator(SEED, 0.5));

        assertThat(first).isNotEmpty();
        assertThat(second).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(first);
    }

    @Test
    void unknownSessionsHaveNoActor() {
        assertThat(new TrafficSimulator(SEED, 0.5).actorOf("s-unknown")).isNull();
    }

    /** New sessions start after the call that creates them, so a first call returns nothing yet. */
    private static List<TelemetryBatch> halfAMinuteOfTraffic(TrafficSimulator traffic) {
        assertThat(traffic.batchesDueBy(BEGINNING)).isEmpty();
        return traffic.batchesDueBy(BEGINNING + HALF_A_MINUTE.toMillis());
    }
}
