package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How smooth people's pointer paths are on the 200 ms grid ({@code mouse_grid_residual}, with
 * {@code mouse_grid_speed_cv} and {@code mouse_submovement_rate} beside it), at 15 s, 60 s and
 * whole sessions, on every human source split in two halves of users (the norm is read on the
 * tune half, checked on the test half), against the generated families re-sampled at each source's
 * capture (as the evaluation's capture-matched rows), DELBOT's recorded bots and the simulator's
 * people. The analysis behind {@code MOUSE_PATH_TOO_SMOOTH} (evaluation/README.md).
 *
 * <pre>java -cp ... io.telltale.evaluation.GridSmoothness ../shared/datasets [units.tsv]</pre>
 *
 * <p>The optional file gets one line per unit (group, capture, window, user, evidence, the score of
 * {@code human-norms-v1}, the grid features).
 */
public final class GridSmoothness {

    static final List<Feature> GRID = List.of(Feature.MOUSE_GRID_RESIDUAL, Feature.MOUSE_GRID_SPEED_CV,
            Feature.MOUSE_SUBMOVEMENT_RATE, Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION);

    private GridSmoothness() {}

    /** One measured unit and who it is. */
    record Measured(String group, String capture, int windowMs, String userId, SessionFeatures features) {
        /** A real person of a dataset (either half), not a bot or a simulated person. */
        boolean person() {
            return group.endsWith(" " + TUNE) || group.endsWith(" " + TEST);
        }
    }

    /** The halves of each source's users: the norm's bound is read on the first, checked on the second. */
    static final String TUNE = "tune";
    static final String TEST = "test";

    /** A contribution this large is most of a norm's weight of 1.5: with it alone a unit is challenged. */
    static final double STRONG = 1.0;

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        List<Measured> units = measure(settings);
        report(units, "MOUSE_PATH_TOO_SMOOTH", GRID);
        if (args.length > 1) {
            writeUnits(units, Path.of(args[1]));
        }
    }

    /**
     * Per window: the norm with {@code reasonCode} per group (units, units that have its feature,
     * units it flags, units it counts at least {@link #STRONG} for, quantiles of its feature), then
     * how many ghost-cursor units of each capture lie outside every person's range of each of
     * {@code compared}, and their AUC against that capture's people.
     */
    static void report(List<Measured> units, String reasonCode, List<Feature> compared) {
        HumanNorm norm = HumanNormsModel.standard().norms().stream()
                .filter(n -> n.reasonCode().equals(reasonCode)).findFirst().orElseThrow();
        for (int window : Units.WINDOWS_MS) {
            System.out.println();
            System.out.println(Units.windowName(window) + " units: " + norm.feature().key()
                    + (norm.jointly() == null ? "" : " and " + norm.jointly().feature().key()) + "; flagged: "
                    + flaggedWhen(norm) + " (" + norm.reasonCode() + ")");
            System.out.printf(Locale.ROOT, "%-34s %6s %6s %8s %8s%n", "who (capture)", "units", "has it", "flagged",
                    "counts " + STRONG);
            groups(units, window).forEach((who, group) -> {
                double[] sorted = TypingSeparation.values(group.stream().map(Measured::features).toList(), norm.feature());
                long flagged = group.stream().filter(m -> norm.contribution(m.features()) > 0).count();
                long strong = group.stream().filter(m -> norm.contribution(m.features()) >= STRONG).count();
                System.out.printf(Locale.ROOT, "%-34s %6d %6d %8d %8d  %s%n", who, group.size(), sorted.length, flagged,
                        strong, quantiles(sorted));
            });
            System.out.println("how many ghost-cursor units lie outside every person's range (all sources, this window)");
            for (Feature f : compared) {
                double[] people = values(units, window, Measured::person, f);
                for (String capture : List.of(BalabitMouse.SOURCE, DelbotMouse.SOURCE)) {
                    double[] ghost = values(units, window, m -> m.group().equals("ghost_cursor") && m.capture().equals(capture), f);
                    if (people.length == 0 || ghost.length == 0) {
                        continue;
                    }
                    long below = Arrays.stream(ghost).filter(v -> v < people[0]).count();
                    long above = Arrays.stream(ghost).filter(v -> v > people[people.length - 1]).count();
                    System.out.printf(Locale.ROOT, "  %-38s at %-7s capture: %d below %.3f, %d above %.3f, of %d; AUC %.3f%n",
                            f.key(), capture, below, people[0], above, people[people.length - 1], ghost.length,
                            Separation.auc(values(units, window, m -> m.person() && m.capture().equals(capture), f), ghost));
                }
            }
        }
    }

    private static String flaggedWhen(HumanNorm norm) {
        String first = outside(norm.botSide(), norm.humanLow(), norm.humanHigh());
        return norm.jointly() == null ? first : first + " and " + norm.jointly().feature().key() + " "
                + outside(norm.jointly().botSide(), norm.jointly().humanLow(), norm.jointly().humanHigh());
    }

    private static String outside(HumanNorm.BotSide side, double low, double high) {
        return switch (side) {
            case LOW -> "below " + low;
            case HIGH -> "above " + high;
            case BOTH -> "outside " + low + ".." + high;
        };
    }

    /** Units by who they are, in the order measured. */
    static Map<String, List<Measured>> groups(List<Measured> units, int window) {
        Map<String, List<Measured>> groups = new LinkedHashMap<>();
        for (Measured m : units) {
            if (m.windowMs() == window) {
                String who = m.person() ? m.group() + " half" : m.group() + " (" + m.capture() + ")";
                groups.computeIfAbsent(who, k -> new ArrayList<>()).add(m);
            }
        }
        return groups;
    }

    static double[] values(List<Measured> units, int window, Predicate<Measured> who, Feature f) {
        return units.stream().filter(m -> m.windowMs() == window && who.test(m) && m.features().has(f))
                .mapToDouble(m -> m.features().get(f)).sorted().toArray();
    }

    static String quantiles(double[] sorted) {
        if (sorted.length == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "min %.3f", sorted[0]));
        for (double q : new double[] {0.001, 0.01, 0.05, 0.5, 0.95}) {
            s.append(String.format(Locale.ROOT, " p%s %.3f", q * 100,
                    sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))]));
        }
        return s.append(String.format(Locale.ROOT, " max %.3f", sorted[sorted.length - 1])).toString();
    }

    /** One line per unit, for reading the tails elsewhere. */
    private static void writeUnits(List<Measured> units, Path file) throws IOException {
        HumanNormsModel model = HumanNormsModel.standard();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.print("group\tcapture\twindow\tuser\tjudged\tstrokes\tmoves\tscore");
            GRID.forEach(f -> out.print("\t" + f.key()));
            out.println();
            for (Measured m : units) {
                SessionFeatures f = m.features();
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%s\t%b\t%d\t%d\t%.4f", m.group(), m.capture(), m.windowMs(), m.userId(),
                        HumanNormsModel.hasSufficientEvidence(f.counts()), f.counts().strokes(), f.counts().mouseEvents(),
                        model.assess(f).score());
                GRID.forEach(g -> out.printf(Locale.ROOT, "\t%.5f", f.get(g)));
                out.println();
            }
        }
    }

    /** Every unit of every group, at every window. */
    static List<Measured> measure(Evaluation.Settings settings) throws IOException {
        return measure(settings, PointerSeparation.PointerSources.read(settings));
    }

    /** As {@link #measure(Evaluation.Settings)}, on sources already read. */
    static List<Measured> measure(Evaluation.Settings settings, PointerSeparation.PointerSources sources) {
        List<Measured> units = new ArrayList<>();
        Map<String, List<Recording>> people = new LinkedHashMap<>();
        people.put(BalabitMouse.SOURCE, sources.balabit());
        people.put(DelbotMouse.SOURCE, sources.delbotPeople());
        for (Map.Entry<String, List<Recording>> source : people.entrySet()) {
            String name = source.getKey();
            for (Recording r : source.getValue()) {
                String half = UnitModel.foldOf(r.userId(), 2) == 0 ? TUNE : TEST;
                addUnits(units, name + " " + half, name, r);
            }
            CaptureClock clock = CaptureClock.of(name, source.getValue());
            for (Map.Entry<String, List<Recording>> family : sources.generated().entrySet()) {
                for (Recording r : captureMatched(settings, family.getKey(), family.getValue(), name, clock)) {
                    addUnits(units, family.getKey(), name, r);
                }
            }
        }
        sources.delbotBots().forEach((family, recordings) -> recordings.forEach(r -> addUnits(units, family, DelbotMouse.SOURCE, r)));
        for (Recording r : TrajectoryMeasurement.simulatedHumans(settings.botSessions(), settings.botLength(), settings.seed())) {
            addUnits(units, "simulated people", "browser", r.withoutKeys().withoutDevice());
        }
        return units;
    }

    /**
     * {@code bots}' pointer re-sampled at {@code capture}'s rhythm with the evaluation's seeds: its
     * capture-matched recordings.
     */
    static List<Recording> captureMatched(Evaluation.Settings settings, String family, List<Recording> bots,
            String capture, CaptureClock clock) {
        long seed = Evaluation.captureSeed(settings, family, capture);
        List<Recording> matched = new ArrayList<>(bots.size());
        for (Recording r : bots) {
            matched.add(clock.resample(r.withoutKeys().withoutDevice(), seed++));
        }
        return matched;
    }

    private static void addUnits(List<Measured> units, String group, String capture, Recording r) {
        for (int window : Units.WINDOWS_MS) {
            for (Units.Unit u : Units.measure(r, window)) {
                units.add(new Measured(group, capture, window, r.userId(), u.features()));
            }
        }
    }
}
