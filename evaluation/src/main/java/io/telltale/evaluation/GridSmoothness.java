package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How smooth people's pointer paths are on the 200 ms grid ({@code mouse_grid_residual}, with
 * {@code mouse_grid_speed_cv} and {@code mouse_submovement_rate} beside it), at 15 s, 60 s and
 * whole sessions, on every human source split in two halves of users (the norm is read on the
 * tune half, checked on the test half), against the generated families re-sampled at each source's
 * capture (as the evaluation's capture-matched rows), DELBOT's recorded bots and the simulator's
 * people. The analysis behind {@code MOUSE_PATH_TOO_SMOOTH} (evaluation/README.md).
 *
 * <pre>java -cp ... io.telltale.evaluation.GridSmoothness ../shared/datasets [units.tsv]</pre>
 */
public final class GridSmoothness {

    static final List<Feature> GRID = List.of(Feature.MOUSE_GRID_RESIDUAL, Feature.MOUSE_GRID_SPEED_CV,
            Feature.MOUSE_SUBMOVEMENT_RATE, Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION);
    private static final List<String> GENERATED = List.of("ghost_cursor", "windmouse");

    private GridSmoothness() {}

    /** One measured unit and who it is. */
    record Measured(String group, String capture, int windowMs, String userId, SessionFeatures features) {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        List<Measured> units = measure(settings);
        if (args.length > 1) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
                out.print("group\tcapture\twindow\tuser\tjudged\tstrokes\tmoves\tscore");
                GRID.forEach(f -> out.print("\t" + f.key()));
                out.println();
                HumanNormsModel model = HumanNormsModel.standard();
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
    }

    /** Every unit of every group, at every window. */
    static List<Measured> measure(Evaluation.Settings settings) throws IOException {
        DropCounts drops = new DropCounts();
        Path root = settings.datasets();
        List<Recording> delbot = DelbotMouse.read(root.resolve("delbot-mouse"), drops);
        List<Recording> delbotPeople = delbot.stream().filter(r -> !r.bot()).toList();
        Map<String, List<Recording>> delbotBots = new LinkedHashMap<>();
        for (Recording r : delbot) {
            if (r.bot()) {
                delbotBots.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r);
            }
        }
        List<Recording> balabit = BalabitMouse.read(root.resolve("balabit-mouse"), drops);
        Map<String, List<Recording>> generated = new LinkedHashMap<>();
        int index = 0;
        for (BotCorpus.Family family : BotCorpus.SIMULATED) {
            long seed = settings.seed() + index++;
            if (GENERATED.contains(family.name())) {
                generated.put(family.name(), BotCorpus.simulate(family, settings.botSessions(), settings.botLength(), seed, drops));
            }
        }
        List<Measured> units = new ArrayList<>();
        Map<String, List<Recording>> people = new LinkedHashMap<>();
        people.put(BalabitMouse.SOURCE, balabit);
        people.put(DelbotMouse.SOURCE, delbotPeople);
        for (Map.Entry<String, List<Recording>> source : people.entrySet()) {
            String name = source.getKey();
            for (Recording r : source.getValue()) {
                String half = UnitModel.foldOf(r.userId(), 2) == 0 ? "tune" : "test";
                addUnits(units, name + " " + half, name, r);
            }
            CaptureClock clock = CaptureClock.of(name, source.getValue());
            for (Map.Entry<String, List<Recording>> family : generated.entrySet()) {
                // the evaluation's seeds, so these are its capture-matched units
                long seed = settings.seed() + family.getKey().hashCode() * 31L + name.hashCode();
                for (Recording r : family.getValue()) {
                    addUnits(units, family.getKey(), name, clock.resample(r.withoutKeys().withoutDevice(), seed++));
                }
            }
        }
        delbotBots.forEach((family, recordings) -> recordings.forEach(r -> addUnits(units, family, DelbotMouse.SOURCE, r)));
        for (Recording r : TrajectoryMeasurement.simulatedHumans(settings.botSessions(), settings.botLength(), settings.seed())) {
            addUnits(units, "simulated people", "browser", r.withoutKeys().withoutDevice());
        }
        return units;
    }

    private static void addUnits(List<Measured> units, String group, String capture, Recording r) {
        for (int window : Units.WINDOWS_MS) {
            for (Units.Unit u : Units.measure(r, window)) {
                units.add(new Measured(group, capture, window, r.userId(), u.features()));
            }
        }
    }
}
