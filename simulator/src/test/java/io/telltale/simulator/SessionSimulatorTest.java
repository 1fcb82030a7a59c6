package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionSimulatorTest extends SimulatorTestBase {

    private static final Map<Actor, SimulatedSession> ONE_MINUTE_OF = new EnumMap<>(Actor.class);

    @BeforeAll
    static void simulateEachActorOnce() {
        SessionSimulator simulator = new SessionSimulator(SEED);
        for (Actor actor : Actor.values()) {
            ONE_MINUTE_OF.put(actor, simulator.simulate(actor, "s-" + actor.label(), "u-007", BEGINNING, ONE_MINUTE));
        }
    }

    @Test
    void sameSeedAndArgumentsGiveTheSameSession() {
        SimulatedSession again = new SessionSimulator(SEED).simulate(Actor.HUMAN, "s-human", "u-007", BEGINNING, ONE_MINUTE);

        assertThat(again.batches()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(ONE_MINUTE_OF.get(Actor.HUMAN).batches());
    }

    @Test
    void anotherSeedGivesAnotherSession() {
        SimulatedSession other = new SessionSimulator(SEED + 1).simulate(Actor.HUMAN, "s-human", "u-007", BEGINNING, ONE_MINUTE);

        assertThat(other.batches().get(0).mouse().x()).isNotEqualTo(ONE_MINUTE_OF.get(Actor.HUMAN).batches().get(0).mouse().x());
    }

    @ParameterizedTest
    @EnumSource(Actor.class)
    void batchesAreWellFormed(Actor actor) {
        SimulatedSession session = ONE_MINUTE_OF.get(actor);
        List<TelemetryBatch> batches = session.batches();

        assertThat(session.actor()).isEqualTo(actor);
        assertThat(batches).hasSizeGreaterThan(5);
        long previousStart = Long.MIN_VALUE;
        for (int i = 0; i < batches.size(); i++) {
            TelemetryBatch batch = batches.get(i);
            assertThat(batch.schemaVersion()).isEqualTo(WireVersion.CURRENT);
            assertThat(batch.sessionId()).isEqualTo("s-" + actor.label());
            assertThat(batch.userId()).isEqualTo("u-007");
            assertThat(batch.sequence()).isEqualTo(i);
            assertThat(batch.startedAt()).isGreaterThan(previousStart).isGreaterThanOrEqualTo(BEGINNING);
            assertThat(batch.eventCount()).isPositive();
            int span = (int) (batch.sentAt() - batch.startedAt());
            assertThat(span).isBetween(1, BatchCutter.MAX_FLUSH_INTERVAL_MS + BatchCutter.MAX_SEND_DELAY_MS);
            assertThat(batch.endedAt()).isLessThan(batch.sentAt());
            assertThat(batch.endedAt()).isLessThan(BEGINNING + ONE_MINUTE.toMillis());
            assertThat(batch.route()).startsWith("/");
            assertThat(batch.clientIp()).matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}");

            var mouse = batch.mouse();
            assertThat(mouse.x()).hasSameSizeAs(mouse.t());
            assertThat(mouse.y()).hasSameSizeAs(mouse.t());
            assertThat(mouse.kind()).hasSameSizeAs(mouse.t());
            assertNonDecreasingWithin(mouse.t(), span);
            assertThat(batch.keys().down()).hasSameSizeAs(batch.keys().t());
            assertThat(batch.keys().keyClass()).hasSameSizeAs(batch.keys().t());
            assertNonDecreasingWithin(batch.keys().t(), span);
            assertThat(batch.scroll().dx()).hasSameSizeAs(batch.scroll().t());
            assertThat(batch.scroll().dy()).hasSameSizeAs(batch.scroll().t());
            assertNonDecreasingWithin(batch.scroll().t(), span);
            previousStart = batch.startedAt();
        }
    }

    @Test
    void humansSendBusyBatchesAtBrowserFrameRates() {
        List<TelemetryBatch> batches = ONE_MINUTE_OF.get(Actor.HUMAN).batches();

        int busiest = batches.stream().mapToInt(TelemetryBatch::eventCount).max().orElseThrow();
        assertThat(busiest).isBetween(100, 320);
        assertThat(count(batches, MouseKind.CLICK)).isPositive();
    }

    @Test
    void teleportBotsClickWithoutMovingThere() {
        List<TelemetryBatch> batches = ONE_MINUTE_OF.get(Actor.TELEPORT_BOT).batches();

        assertThat(count(batches, MouseKind.CLICK)).isGreaterThan(10);
        assertThat(count(batches, MouseKind.MOVE)).isZero();
    }

    @Test
    void linearBotsClickTheMomentTheyArrive() {
        for (TelemetryBatch batch : ONE_MINUTE_OF.get(Actor.LINEAR_BOT).batches()) {
            var mouse = batch.mouse();
            for (int i = 1; i < mouse.size(); i++) {
                if (mouse.kind()[i] == MouseKind.DOWN.code() && mouse.kind()[i - 1] == MouseKind.MOVE.code()) {
                    assertThat(mouse.t()[i]).isEqualTo(mouse.t()[i - 1]);
                    assertThat(mouse.x()[i]).isEqualTo(mouse.x()[i - 1]);
                }
            }
        }
    }

    @Test
    void typingBotsPressKeysAtConstantIntervals() {
        List<Long> downs = keyDownTimes(ONE_MINUTE_OF.get(Actor.UNIFORM_TYPING_BOT).batches());
        long[] gaps = new long[downs.size() - 1];
        for (int i = 1; i < downs.size(); i++) {
            gaps[i - 1] = downs.get(i) - downs.get(i - 1);
        }
        long delay = Arrays.stream(gaps).boxed()
                .collect(Collectors.groupingBy(g -> g, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        // Inside a field every gap is the script's delay, give or take a millisecond of timer
        // wobble; the others are moves from field to field.
        long onBeat = Arrays.stream(gaps).filter(gap -> Math.abs(gap - delay) <= 2).count();
        assertThat(onBeat).isGreaterThan(30);
        assertThat((double) onBeat / gaps.length).isGreaterThan(0.8);
    }

    @Test
    void headlessBotsShowTheirBrowser() {
        TelemetryBatch batch = ONE_MINUTE_OF.get(Actor.HEADLESS_BOT).batches().get(0);

        assertThat(batch.userAgent()).contains("HeadlessChrome");
        assertThat(batch.device().webdriver()).isTrue();
        assertThat(batch.device().headlessHints()).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Actor.class, names = "HEADLESS_BOT", mode = EnumSource.Mode.EXCLUDE)
    void everyoneElsePresentsARealConsistentDesktopBrowser(Actor actor) {
        TelemetryBatch batch = ONE_MINUTE_OF.get(actor).batches().get(0);
        DeviceInfo device = batch.device();

        assertThat(batch.userAgent()).startsWith("Mozilla/5.0").doesNotContain("Headless");
        assertThat(device.webdriver()).isFalse();
        assertThat(device.headlessHints()).isEmpty();
        assertThat(device.viewportWidth()).isPositive().isLessThanOrEqualTo(device.screenWidth());
        assertThat(device.viewportHeight()).isPositive().isLessThan(device.screenHeight());
        assertThat(device.platform()).isEqualTo(batch.userAgent().contains("Windows") ? "Win32"
                : batch.userAgent().contains("Macintosh") ? "MacIntel" : "Linux x86_64");
    }

    private static void assertNonDecreasingWithin(int[] t, int span) {
        for (int i = 0; i < t.length; i++) {
            assertThat(t[i]).isBetween(0, span);
            if (i > 0) {
                assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
            }
        }
    }
}
