package io.telltale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HumanInputScriptTest {

    @Test
    void strokesEndInTheTargetAndTheClickComesAfterThem() {
        List<HumanInputScript.Event> events = new HumanInputScript(7, 100, 100).moveTo(600, 400, 120, 40).click().events();
        HumanInputScript.Event lastMove = events.stream().filter(e -> e.type().equals("move")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastMove.x()).isBetween(600, 720);
        assertThat(lastMove.y()).isBetween(400, 440);
        assertThat(events.stream().filter(e -> e.type().equals("move")).count()).isGreaterThan(10);
        int down = index(events, "down");
        assertThat(events.get(down).tMs()).isGreaterThanOrEqualTo(lastMove.tMs());
        assertThat(index(events, "up")).isGreaterThan(down);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).tMs()).isGreaterThanOrEqualTo(events.get(i - 1).tMs());
        }
    }

    @Test
    void typingReplayedKeyByKeyGivesTheTextWithTyposCorrected() {
        String secret = "Tr0ub4dor&3-Horse staple";
        for (long seed = 0; seed < 40; seed++) {
            StringBuilder field = new StringBuilder();
            for (HumanInputScript.Event e : new HumanInputScript(seed, 0, 0).type(secret).events()) {
                if (!e.type().equals("keydown") || e.key().equals("Shift")) {
                    continue;
                }
                if (e.key().equals("Backspace")) {
                    field.setLength(field.length() - 1);
                } else {
                    field.append(e.key());
                }
            }
            assertThat(field.toString()).as("seed %d", seed).isEqualTo(secret);
        }
    }

    private static int index(List<HumanInputScript.Event> events, String type) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }
}
