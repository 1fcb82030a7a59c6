package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Whether pointer movements slow into their end ({@code mouse_homing_share}: of the aimed
 * movements, the share whose last 200 ms grid step is at most 70 % of the one before), per window,
 * on the units of {@link GridSmoothness} (every human source in two halves of users; the
 * generated families re-sampled at each source's capture; DELBOT's recorded bots; the simulator's
 * people). The analysis behind {@code MOUSE_NO_HOMING} (evaluation/README.md).
 *
 * <pre>java -cp ... io.telltale.evaluation.Homing ../shared/datasets</pre>
 */
public final class Homing {

    private Homing() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        List<GridSmoothness.Measured> units = GridSmoothness.measure(settings);
        Feature f = Feature.MOUSE_HOMING_SHARE;
        for (int window : Units.WINDOWS_MS) {
            System.out.println();
            System.out.println(Units.windowName(window) + " units: " + f.key());
            System.out.printf(Locale.ROOT, "%-34s %6s %6s%n", "who (capture)", "units", "has it");
            GridSmoothness.groups(units, window).forEach((who, group) -> {
                double[] sorted = TypingSeparation.values(group.stream().map(GridSmoothness.Measured::features).toList(), f);
                System.out.printf(Locale.ROOT, "%-34s %6d %6d  %s%n", who, group.size(), sorted.length,
                        GridSmoothness.quantiles(sorted));
            });
            double[] people = values(units, window, GridSmoothness.Measured::person, f);
            for (String capture : List.of(BalabitMouse.SOURCE, DelbotMouse.SOURCE)) {
                double[] ghost = values(units, window, m -> m.group().equals("ghost_cursor") && m.capture().equals(capture), f);
                if (people.length > 0 && ghost.length > 0) {
                    long below = Arrays.stream(ghost).filter(v -> v < people[0]).count();
                    System.out.printf(Locale.ROOT, "  ghost-cursor at %-7s capture: %d of %d below every person's %.3f; AUC %.3f%n",
                            capture, below, ghost.length, people[0],
                            Separation.auc(values(units, window, m -> m.person() && m.capture().equals(capture), f), ghost));
                }
            }
        }
    }

    private static double[] values(List<GridSmoothness.Measured> units, int window,
            Predicate<GridSmoothness.Measured> who, Feature f) {
        return units.stream().filter(m -> m.windowMs() == window && who.test(m) && m.features().has(f))
                .mapToDouble(m -> m.features().get(f)).sorted().toArray();
    }
}
