package io.telltale.evaluation;

import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskAssessment;
import io.telltale.core.wire.MouseKind;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What puts people at the top of {@code human-norms-v1}'s scores, where the 0.1% false-positive
 * threshold is read: the highest-scoring 60 s units of each pointer source's people, with their
 * reasons (those scoring above 0); and how Balabit's people click after a rest: presses more than a
 * second after the last move, and how many of those land where that move stopped (the
 * click-approach test, evaluation/README.md).
 *
 * <pre>java -cp ... io.telltale.evaluation.PeopleTail ../shared/datasets</pre>
 */
public final class PeopleTail {

    private static final int SHOWN = 12;
    private static final int REST_MS = 1000;
    private static final double WHERE_IT_STOPPED_PX = 25;

    private PeopleTail() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        HumanNormsModel model = HumanNormsModel.standard();
        List<GridSmoothness.Measured> people = GridSmoothness.measure(settings).stream()
                .filter(m -> m.windowMs() == 60_000 && m.person()).toList();
        for (String capture : List.of(BalabitMouse.SOURCE, DelbotMouse.SOURCE)) {
            System.out.println("highest-scoring 60 s units of " + capture + "'s people");
            people.stream().filter(m -> m.capture().equals(capture))
                    .map(m -> new Scored(m, model.assess(m.features())))
                    .filter(s -> s.risk().score() > 0)
                    .sorted(Comparator.comparingDouble((Scored s) -> s.risk().score()).reversed())
                    .limit(SHOWN)
                    .forEach(s -> System.out.printf(Locale.ROOT, "  %.3f %s %s%n", s.risk().score(), s.unit().userId(),
                            s.risk().reasons().stream().map(r -> r.code() + " (" + r.text() + ")").toList()));
        }
        long presses = 0;
        long afterRest = 0;
        long whereItStopped = 0;
        for (Recording r : BalabitMouse.read(datasets.resolve("balabit-mouse"), new DropCounts())) {
            boolean moved = false;
            int lastT = 0;
            int lastX = 0;
            int lastY = 0;
            for (int i = 0; i < r.mouseT().length; i++) {
                if (r.mouseKind()[i] == MouseKind.MOVE.code()) {
                    moved = true;
                    lastT = r.mouseT()[i];
                    lastX = r.mouseX()[i];
                    lastY = r.mouseY()[i];
                } else if (r.mouseKind()[i] == MouseKind.DOWN.code()) {
                    presses++;
                    if (moved && r.mouseT()[i] - lastT > REST_MS) {
                        afterRest++;
                        if (Math.hypot(r.mouseX()[i] - lastX, r.mouseY()[i] - lastY) <= WHERE_IT_STOPPED_PX) {
                            whereItStopped++;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "balabit presses: %d; more than %d ms after the last move: %d (%.1f%%), of those within"
                + " %.0f px of where it stopped: %d%n", presses, REST_MS, afterRest, 100.0 * afterRest / presses,
                WHERE_IT_STOPPED_PX, whereItStopped);
    }

    private record Scored(GridSmoothness.Measured unit, RiskAssessment risk) {}
}
