package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptureClockTest {

    private static final byte MOVE = (byte) MouseKind.MOVE.code();
    private static final byte DOWN = (byte) MouseKind.DOWN.code();

    /** A person's recording whose capture reports a move exactly every {@code intervalMs} while moving. */
    private static Recording capturedEvery(int intervalMs, int moves) {
        int[] t = new int[moves];
        int[] x = new int[moves];
        for (int i = 0; i < moves; i++) {
            t[i] = i * intervalMs;
            x[i] = i;
        }
        byte[] kind = new byte[moves];
        java.util.Arrays.fill(kind, MOVE);
        return new Recording("rdp", Recording.HUMAN, false, "u", "s", 0, t, x, new int[moves], kind,
                new int[0], new boolean[0], new byte[0], null, null);
    }

    /** A bot moving one px per 16 ms frame for {@code frames} frames, then clicking where it stopped. */
    private static Recording sixtyHertzBot(int frames) {
        List<int[]> samples = new ArrayList<>();
        for (int i = 1; i <= frames; i++) {
            samples.add(new int[] {i * 16, 500 + i, 300, MOVE});
        }
        samples.add(new int[] {frames * 16 + 5, 500 + frames, 300, DOWN});
        int n = samples.size();
        int[] t = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = samples.get(i)[0];
            x[i] = samples.get(i)[1];
            y[i] = samples.get(i)[2];
            kind[i] = (byte) samples.get(i)[3];
        }
        return new Recording("simulator", "linear", true, "b", "b1", 0, t, x, y, kind,
                new int[0], new boolean[0], new byte[0], null, null);
    }

    @Test
    void measuresTheCapturesInMotionRate() {
        CaptureClock clock = CaptureClock.of("rdp", List.of(capturedEvery(110, 50)));

        assertThat(clock.medianIntervalMs()).isEqualTo(110);
    }

    @Test
    void resampledPointerMovesOnlyAtTheCapturesInstantsAndHoldsPositions() {
        CaptureClock clock = CaptureClock.of("rdp", List.of(capturedEvery(110, 50)));
        Recording bot = sixtyHertzBot(300);

        Recording resampled = clock.resample(bot, 1L);

        Set<Integer> botPositions = new HashSet<>();
        for (int x : bot.mouseX()) {
            botPositions.add(x);
        }
        int previousMove = -1;
        int moves = 0;
        for (int i = 0; i < resampled.mouseT().length; i++) {
            if (resampled.mouseKind()[i] != MOVE) {
                continue;
            }
            moves++;
            assertThat(botPositions).contains(resampled.mouseX()[i]);
            if (previousMove >= 0) {
                assertThat(resampled.mouseT()[i] - resampled.mouseT()[previousMove]).isEqualTo(110);
            }
            previousMove = i;
        }
        // 300 frames of 16 ms are 4.8 s: about 44 ticks of 110 ms.
        assertThat(moves).isBetween(42, 45);
        int last = resampled.mouseT().length - 1;
        assertThat(resampled.mouseKind()[last]).isEqualTo(DOWN);
        assertThat(resampled.mouseT()[last]).isEqualTo(300 * 16 + 5);
        assertThat(resampled.mouseX()[last]).isEqualTo(800);
    }

    @Test
    void aRestingPointerIsNotReported() {
        CaptureClock clock = CaptureClock.of("browser", List.of(capturedEvery(16, 100)));
        Recording bot = sixtyHertzBot(10);
        int[] t = java.util.Arrays.copyOf(bot.mouseT(), bot.mouseT().length + 1);
        int[] x = java.util.Arrays.copyOf(bot.mouseX(), t.length);
        int[] y = java.util.Arrays.copyOf(bot.mouseY(), t.length);
        byte[] kind = java.util.Arrays.copyOf(bot.mouseKind(), t.length);
        t[t.length - 1] = 60_000;
        x[t.length - 1] = 900;
        kind[t.length - 1] = MOVE;

        Recording resampled = clock.resample(bot.withMouse(t, x, y, kind), 3L);

        // Ten frames of movement, a click, one minute of rest, then one move: nothing reported in between.
        int[] times = resampled.mouseT();
        assertThat(times[times.length - 1]).isBetween(60_000, 60_016);
        assertThat(times[times.length - 2]).isEqualTo(10 * 16 + 5);
    }
}
