package io.telltale.evaluation;

import static io.telltale.core.features.SessionFeatureAccumulator.PRESS_LOOKBACK_MS;
import static io.telltale.core.features.SessionFeatureAccumulator.PRESS_TICK_MS;
import static io.telltale.core.features.SessionFeatureAccumulator.STROKE_BREAK_MS;

import io.telltale.core.features.Feature;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.wire.MouseKind;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether presses come while the pointer still moves ({@code click_while_moving_share}: the share
 * of presses more than 10 px from where the pointer was 200-225 ms before, as the lower end of its
 * one-sided 95% interval): first how far the pointer was from each press, per press, for Balabit's
 * people and the generated families that click on arrival, re-sampled at each capture; then the
 * share per window on the units of {@link GridSmoothness}; last, which norms count in the
 * generated families' 60 s units. The analysis behind {@code CLICK_WHILE_MOVING}
 * (evaluation/README.md, "Clicks while moving").
 *
 * <pre>java -cp ... io.telltale.evaluation.PressesWhileMoving ../shared/datasets</pre>
 */
public final class PressesWhileMoving {

    private PressesWhileMoving() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        PointerSeparation.PointerSources sources = PointerSeparation.PointerSources.read(settings);
        System.out.println("px from where the pointer was 200-225 ms before each press");
        System.out.printf(Locale.ROOT, "%-30s %7s %6s %6s %6s %6s %6s%n",
                "who (capture)", "presses", "p25", "p50", "p75", "p90", "p99");
        printTravels("balabit people", sources.balabit());
        for (String capture : List.of(BalabitMouse.SOURCE, DelbotMouse.SOURCE)) {
            List<Recording> people = capture.equals(BalabitMouse.SOURCE) ? sources.balabit() : sources.delbotPeople();
            CaptureClock clock = CaptureClock.of(capture, people);
            for (Map.Entry<String, List<Recording>> family : sources.generated().entrySet()) {
                printTravels(family.getKey() + " (" + capture + ")",
                        GridSmoothness.captureMatched(settings, family.getKey(), family.getValue(), capture, clock));
            }
        }
        printTravels("simulated people",
                TrajectoryMeasurement.simulatedHumans(settings.botSessions(), settings.botLength(), settings.seed()));
        List<GridSmoothness.Measured> units = GridSmoothness.measure(settings, sources);
        GridSmoothness.report(units, "CLICK_WHILE_MOVING", List.of(Feature.CLICK_WHILE_MOVING_SHARE));
        printNormsFiring(units);
    }

    /** Per generated family and capture, 60 s: how many units each norm of the default model counts in. */
    private static void printNormsFiring(List<GridSmoothness.Measured> units) {
        System.out.println();
        System.out.println("60s units of the generated families: how many units each norm counts in (contribution > 0.1)");
        HumanNormsModel model = HumanNormsModel.standard();
        GridSmoothness.groups(units, 60_000).forEach((who, group) -> {
            if (group.get(0).person() || group.get(0).capture().equals("browser")) {
                return;
            }
            Map<String, Integer> fired = new TreeMap<>();
            for (GridSmoothness.Measured m : group) {
                for (HumanNorm norm : model.norms()) {
                    if (norm.contribution(m.features()) > 0.1) {
                        fired.merge(norm.reasonCode(), 1, Integer::sum);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-34s %4d units: %s%n", who, group.size(), fired);
        });
    }

    private static void printTravels(String who, List<Recording> recordings) {
        double[] travels = recordings.stream().flatMapToDouble(r -> Arrays.stream(travels(r))).sorted().toArray();
        if (travels.length == 0) {
            System.out.printf(Locale.ROOT, "%-30s %7d%n", who, 0);
            return;
        }
        System.out.printf(Locale.ROOT, "%-30s %7d %6.1f %6.1f %6.1f %6.1f %6.1f%n", who, travels.length,
                quantile(travels, 0.25), quantile(travels, 0.5), quantile(travels, 0.75), quantile(travels, 0.9),
                quantile(travels, 0.99));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /**
     * Per press with a move at or before its lookback instant: px from where the pointer was then,
     * by the feature's rule (core's {@code PressTravel}, whose constants {@link io.telltale.core.features.SessionFeatureAccumulator}
     * publishes): interpolated between the moves around that instant when both came before the press
     * and are close enough, else where the last move left it.
     */
    static double[] travels(Recording r) {
        int[] t = r.mouseT();
        int[] x = r.mouseX();
        int[] y = r.mouseY();
        byte[] kind = r.mouseKind();
        double[] out = new double[t.length];
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            if (kind[i] != MouseKind.DOWN.code()) {
                continue;
            }
            long tick = Math.floorDiv(r.startEpochMs() + t[i] - PRESS_LOOKBACK_MS, PRESS_TICK_MS) * PRESS_TICK_MS
                    - r.startEpochMs();
            int before = -1;
            int after = -1;
            for (int j = i - 1; j >= 0; j--) {
                if (kind[j] != MouseKind.MOVE.code()) {
                    continue;
                }
                if (t[j] <= tick) {
                    before = j;
                    break;
                }
                after = j;
            }
            if (before < 0) {
                continue;
            }
            double wasX = x[before];
            double wasY = y[before];
            if (after >= 0 && t[after] - t[before] <= STROKE_BREAK_MS) {
                double share = (double) (tick - t[before]) / (t[after] - t[before]);
                wasX += share * (x[after] - x[before]);
                wasY += share * (y[after] - y[before]);
            }
            out[n++] = Math.hypot(x[i] - wasX, y[i] - wasY);
        }
        return Arrays.copyOf(out, n);
    }
}
