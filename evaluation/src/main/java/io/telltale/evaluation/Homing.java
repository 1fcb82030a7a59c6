package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        GridSmoothness.report(units, "MOUSE_NO_HOMING", List.of(Feature.MOUSE_HOMING_SHARE));
        GridSmoothness.report(units, "MOUSE_SMOOTH_NO_HOMING", List.of(Feature.MOUSE_HOMING_SHARE, Feature.MOUSE_GRID_RESIDUAL));
    }
}
