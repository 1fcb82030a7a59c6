package io.telltale.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.MouseKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MouseActionsTest {

    /** A pointer track written sample by sample: time, then kind; positions do not matter here. */
    private static final class Track {
        private final List<int[]> samples = new ArrayList<>();

        Track move(int t) {
            return sample(t, MouseKind.MOVE);
        }

        Track moves(int from, int count, int step) {
            for (int i = 0; i < count; i++) {
                move(from + i * step);
            }
            return this;
        }

        Track sample(int t, MouseKind kind) {
            samples.add(new int[] {t, kind.code()});
            return this;
        }

        Recording recording() {
            int n = samples.size();
            int[] t = new int[n];
            int[] xy = new int[n];
            byte[] kind = new byte[n];
            for (int i = 0; i < n; i++) {
                t[i] = samples.get(i)[0];
                xy[i] = i;
                kind[i] = (byte) samples.get(i)[1];
            }
            return new Recording("test", "test", false, "test:user", "test:session", 0L, t, xy, xy.clone(), kind,
                    new int[0], new boolean[0], new byte[0], null, null);
        }
    }

    private static List<String> ranges(Recording r) {
        return MouseActions.of(r).stream().map(a -> a[0] + "-" + a[1]).toList();
    }

    @Test
    void aMovementEndingInAClickIsOneActionEndingAtTheRelease() {
        Recording r = new Track().moves(0, 5, 20)
                .sample(120, MouseKind.DOWN).sample(200, MouseKind.UP)
                .moves(300, 4, 20)
                .sample(400, MouseKind.DOWN).sample(450, MouseKind.UP)
                .recording();

        assertThat(ranges(r)).containsExactly("0-7", "7-13");
    }

    @Test
    void aDragAndDropIsOneActionFromThePressThroughTheHeldMovementToTheRelease() {
        Recording r = new Track().moves(0, 3, 20)
                .sample(60, MouseKind.DOWN).moves(80, 10, 20).sample(300, MouseKind.UP)
                .recording();

        assertThat(ranges(r)).containsExactly("0-15");
    }

    @Test
    void aPauseOfMoreThanTenSecondsEndsAMovementWithoutAClick() {
        Recording r = new Track().moves(0, 6, 20)
                .moves(100 + MouseActions.PAUSE_MS + 1, 6, 20)
                // A pause of exactly the limit does not cut.
                .moves(100 + MouseActions.PAUSE_MS + 1 + 100 + MouseActions.PAUSE_MS, 3, 20)
                .recording();

        assertThat(ranges(r)).containsExactly("0-6", "6-15");
    }

    @Test
    void aRunOfFewerThanFourSamplesIsNoActionAndALoneClickIsNone() {
        Recording r = new Track().sample(0, MouseKind.DOWN).sample(80, MouseKind.UP)
                .moves(100, 2, 20).sample(150, MouseKind.DOWN).sample(200, MouseKind.UP)
                .moves(300, MouseActions.MIN_SAMPLES, 20)
                .recording();

        assertThat(ranges(r)).containsExactly("2-6", "6-10");
        assertThat(MouseActions.of(new Track().moves(0, MouseActions.MIN_SAMPLES - 1, 20).recording())).isEmpty();
    }
}
