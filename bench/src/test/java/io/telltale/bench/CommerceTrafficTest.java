package io.telltale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommerceTrafficTest {

    private static final long START = 1_790_000_000_000L;
    private static final int SESSIONS = 200;
    private static final Workload WORKLOAD =
            Workload.simulate(new Workload.Parameters(SESSIONS, 6, 12, 0.5, 3), START);

    /** Every commerce event the workload writes, as (key, JSON, record time). */
    private record Written(String key, byte[] json, long time) {}

    private static List<Written> written(Workload workload) {
        List<Written> events = new ArrayList<>();
        workload.forEachRecord(0, START, (key, value, sentAt) -> {},
                (key, value, time) -> events.add(new Written(new String(key, StandardCharsets.US_ASCII), value, time)));
        return events;
    }

    @Test
    void theSameSeedWritesTheSameEventsAndAnotherSeedOthers() {
        List<Written> once = written(WORKLOAD);
        List<Written> again = written(WORKLOAD);
        Workload reseeded = new Workload(new Workload.Parameters(SESSIONS, 6, 12, 0.5, 4), WORKLOAD.templates);

        assertThat(again).hasSameSizeAs(once);
        for (int i = 0; i < once.size(); i++) {
            assertThat(again.get(i).key()).isEqualTo(once.get(i).key());
            assertThat(again.get(i).json()).isEqualTo(once.get(i).json());
            assertThat(again.get(i).time()).isEqualTo(once.get(i).time());
        }
        assertThat(written(reseeded).stream().map(w -> new String(w.json(), StandardCharsets.UTF_8)).toList())
                .isNotEqualTo(once.stream().map(w -> new String(w.json(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void everyEventIsValidKeyedByItsSessionAndStampedAtItsOwnTime() throws Exception {
        CommerceEventSerde serde = new CommerceEventSerde();
        long previous = Long.MIN_VALUE;
        for (Written w : written(WORKLOAD)) {
            CommerceEvent event = serde.deserialize(w.json());
            assertThat(event.sessionId()).isEqualTo(w.key());
            assertThat(event.time()).isEqualTo(w.time());
            // A batch is sent a few seconds after the visit's end at most.
            assertThat(event.time()).isBetween(START, START + Workload.START_SPREAD.toMillis()
                    + Workload.TEMPLATE_LENGTH.toMillis() + 10_000);
            // Written in time order, as the shop backend would send them: none is late for the pattern job.
            assertThat(event.time()).isGreaterThanOrEqualTo(previous);
            previous = event.time();
        }
    }

    @Test
    void eventsCarryTheSessionsUserAndAddress() throws Exception {
        CommerceEventSerde serde = new CommerceEventSerde();
        CommerceTraffic traffic = new CommerceTraffic(3);
        for (Written w : written(WORKLOAD)) {
            CommerceEvent event = serde.deserialize(w.json());
            long session = Long.parseUnsignedLong(w.key().substring(2), 16) & Long.MAX_VALUE;
            SessionTemplate template = WORKLOAD.templateOf(session);
            assertThat(event.clientIp()).isEqualTo(template.clientIp());
            if (traffic.scriptOf(session, template) == CommerceTraffic.Script.SHOPPER) {
                assertThat(event.userId()).isEqualTo(template.userId());
            }
        }
    }

    @Test
    void stuffersFailToLogInToLeakedAccountsAndHoardersHoldWithoutBuying() throws Exception {
        CommerceEventSerde serde = new CommerceEventSerde();
        CommerceTraffic traffic = new CommerceTraffic(3);
        Map<String, List<CommerceEvent>> bySession = new java.util.HashMap<>();
        for (Written w : written(WORKLOAD)) {
            bySession.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(serde.deserialize(w.json()));
        }
        int stuffers = 0;
        int hoarders = 0;
        for (long session = 0; session < SESSIONS; session++) {
            SessionTemplate template = WORKLOAD.templateOf(session);
            List<CommerceEvent> events = bySession.getOrDefault(SessionTemplate.sessionId(session), List.of());
            Set<CommerceEventType> types = events.stream().map(CommerceEvent::type).collect(Collectors.toSet());
            switch (traffic.scriptOf(session, template)) {
                case STUFFER -> {
                    stuffers++;
                    List<String> accounts = events.stream().filter(e -> e.type() == CommerceEventType.LOGIN_FAILED)
                            .map(CommerceEvent::userId).toList();
                    assertThat(accounts).hasSize(CommerceTraffic.STUFFING_ATTEMPTS).doesNotHaveDuplicates()
                            .allMatch(a -> a.startsWith("leaked-user-"));
                    assertThat(types).doesNotContain(CommerceEventType.LOGIN, CommerceEventType.CHECKOUT);
                }
                case HOARDER -> {
                    hoarders++;
                    assertThat(events.stream().filter(e -> e.type() == CommerceEventType.CART_ADD))
                            .singleElement()
                            .satisfies(e -> assertThat(e.quantity()).isGreaterThanOrEqualTo(3));
                    assertThat(types).doesNotContain(CommerceEventType.CHECKOUT, CommerceEventType.LOGIN_FAILED);
                }
                case SHOPPER -> {
                    assertThat(template.actor().isBot()).isFalse();
                    if (types.contains(CommerceEventType.LOGIN_FAILED)) {
                        assertThat(types).as("a typo, then the right password").contains(CommerceEventType.LOGIN);
                    }
                    if (types.contains(CommerceEventType.CHECKOUT)) {
                        assertThat(types).contains(CommerceEventType.CART_ADD);
                    }
                }
            }
        }
        // Half the templates are bots: both scripts show up among 200 sessions.
        assertThat(stuffers).isPositive();
        assertThat(hoarders).isPositive();
    }

    @Test
    void theTotalsCountWhatWasWritten() {
        List<Written> events = written(WORKLOAD);
        Workload.Totals totals = WORKLOAD.forEachRecord(0, START, (key, value, sentAt) -> {},
                (key, value, time) -> {});

        assertThat(totals.commerceEvents()).isEqualTo(events.size());
        assertThat(totals.commerce()).containsKeys(CommerceEventType.PAGE_VIEW, CommerceEventType.LOGIN_FAILED,
                CommerceEventType.CART_ADD);
        assertThat(totals.scripts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(SESSIONS);
        assertThat(WORKLOAD.forEachRecord(0, START, (key, value, sentAt) -> {}).commerce()).isEmpty();
    }
}
