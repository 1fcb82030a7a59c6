package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplayedTrajectoriesTest extends CepTestBase {

    /** Shape hashes {@code first .. first + count - 1} of a made-up numbering, as a fingerprint carries them. */
    private static String[] shapes(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> String.format("%08x", 0x01000000 + i * 7919))
                .toArray(String[]::new);
    }

    /** A replay: most of the recording's shapes (which ones survive noise differs per replay) and a few of its own. */
    private static String[] replayOf(int recording, int skip, int own) {
        List<String> s = new ArrayList<>(List.of(shapes(recording * 100, 10)).subList(skip, 10));
        s.addAll(List.of(shapes(5_000 + own * 10, 3)));
        return s.toArray(String[]::new);
    }

    @Test
    void sessionsMovingAlongTheSameStrokesFireOnceUnderTheSmallestSharedShape() {
        Timeline t = Timeline.startingAt(BEGINNING);
        // A bot replaying recording 1 from three addresses; the first and third replays lost different strokes.
        t.session("replay-a").at(minutes(0)).from(cloudServer(1)).trajectory(replayOf(1, 0, 1)).pageView(seconds(5));
        t.session("replay-b").at(minutes(20)).from(cloudServer(2)).trajectory(replayOf(1, 2, 2)).pageView(seconds(5));
        // Two people whose strokes happen to hash alike twice: too few to be a replay.
        String[] alice = shapes(200, 12);
        String[] bob = shapes(300, 12);
        bob[0] = alice[3];
        bob[1] = alice[7];
        t.session("alice").at(minutes(5)).from(home(1)).trajectory(alice).pageView(seconds(5));
        t.session("bob").at(minutes(9)).from(home(2)).trajectory(bob).pageView(seconds(5));
        // A session with no complete strokes carries no fingerprint.
        t.session("reader").at(minutes(12)).from(home(3)).risk(0.1).pageView(seconds(5));

        var found = PatternTestKit.of(new ReplayedTrajectories()).run(t)
                .expectExactly(finding("trajectory:" + shapes(102, 1)[0], "replay-a", "replay-b"));
        assertThat(found.all().get(0).parameters()).containsEntry("minSharedShapes", "5");
    }

    @Test
    void aLargerCampaignAndDistinctAddressesCanBeRequired() {
        Timeline t = Timeline.startingAt(BEGINNING);
        for (int i = 0; i < 3; i++) {
            t.session("replay-" + i).at(minutes(10 * i)).from(cloudServer(i)).trajectory(replayOf(4, i, i))
                    .pageView(seconds(5));
        }
        // The same recording replayed twice from one address.
        t.session("loop-1").at(minutes(1)).from(cloudServer(9)).trajectory(replayOf(6, 0, 7)).pageView(seconds(5));
        t.session("loop-2").at(minutes(3)).from(cloudServer(9)).trajectory(replayOf(6, 1, 8)).pageView(seconds(5));

        PatternTestKit.of(new ReplayedTrajectories()).with("minSessions", "3").with("minAddresses", "2").run(t)
                .expectExactly(finding("trajectory:" + shapes(402, 1)[0], "replay-0", "replay-1", "replay-2"));
    }
}
