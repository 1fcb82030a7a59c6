package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pointer feature tells DELBOT's people from the real bot tools recorded beside them
 * (pynput, pyhm; same task, same capture), and DELBOT's and Balabit's people from the generated
 * families that pass as human most often (ghost-cursor, WindMouse; re-sampled at each source's
 * capture), on the 60 s units the
 * evaluation scores: per feature the ROC AUC (below 0.5: the bots' values are lower) and the
 * quantiles of both sides. The analysis behind evaluation/README.md's reading of the DELBOT bots.
 *
 * <pre>java -cp ... io.telltale.evaluation.PointerSeparation ../shared/datasets</pre>
 */
public final class PointerSeparation {

    static final List<Feature> POINTER = List.copyOf(EnumSet.range(Feature.MOUSE_SPEED_MEAN, Feature.CLICK_WHILE_MOVING_SHARE));
    private static final List<String> GENERATED = List.of("ghost_cursor", "windmouse", "ghost_cursor_hesitant");

    private PointerSeparation() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        PointerSources sources = PointerSources.read(settings);
        compare(DelbotMouse.SOURCE, sources.delbotPeople(), sources.delbotBots(), sources.generated());
        System.out.println();
        compare(BalabitMouse.SOURCE, sources.balabit(), Map.of(), sources.generated());
    }

    /**
     * The pointer recordings both this and {@link GridSmoothness} read: DELBOT's people and its
     * recorded bots by family, Balabit's people, and the generated families that pass as human most
     * often, with the evaluation's seeds.
     */
    record PointerSources(List<Recording> delbotPeople, Map<String, List<Recording>> delbotBots, List<Recording> balabit,
            Map<String, List<Recording>> generated) {

        static PointerSources read(Evaluation.Settings settings) throws IOException {
            DropCounts drops = new DropCounts();
            Path datasets = settings.datasets();
            List<Recording> delbot = DelbotMouse.read(datasets.resolve("delbot-mouse"), drops);
            Map<String, List<Recording>> delbotBots = new LinkedHashMap<>();
            for (Recording r : delbot) {
                if (r.bot()) {
                    delbotBots.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r);
                }
            }
            List<Recording> balabit = BalabitMouse.read(datasets.resolve("balabit-mouse"), drops);
            Map<String, List<Recording>> generated = new LinkedHashMap<>();
            int index = 0;
            for (BotCorpus.Family family : BotCorpus.SIMULATED) {
                long seed = settings.seed() + index++;
                if (GENERATED.contains(family.name())) {
                    generated.put(family.name(), BotCorpus.simulate(family, settings.botSessions(), settings.botLength(), seed, drops));
                }
            }
            return new PointerSources(delbot.stream().filter(r -> !r.bot()).toList(), delbotBots, balabit, generated);
        }
    }

    /** The source's people against its own recorded bots and the generated families re-sampled at its capture. */
    private static void compare(String source, List<Recording> people, Map<String, List<Recording>> recordedBots,
            Map<String, List<Recording>> generated) {
        Map<String, List<Recording>> bots = new LinkedHashMap<>(recordedBots);
        CaptureClock clock = CaptureClock.of(source, people);
        long seed = 20260101L * 31;
        for (Map.Entry<String, List<Recording>> family : generated.entrySet()) {
            List<Recording> matched = new ArrayList<>();
            for (Recording r : family.getValue()) {
                matched.add(clock.resample(r.withoutKeys().withoutDevice(), seed++));
            }
            bots.put(family.getKey() + " (at " + source + " capture)", matched);
        }
        List<SessionFeatures> humans = TypingSeparation.features(people);
        System.out.println(source + " human 60 s units: " + humans.size());
        TypingSeparation.header(source + " humans");
        for (Feature f : POINTER) {
            System.out.println(TypingSeparation.line(f.key(), Double.NaN, TypingSeparation.values(humans, f)));
        }
        bots.forEach((family, recordings) -> {
            List<SessionFeatures> units = TypingSeparation.features(recordings);
            System.out.println();
            System.out.println(family + " 60 s units: " + units.size());
            TypingSeparation.header(family);
            for (Feature f : POINTER) {
                double[] b = TypingSeparation.values(units, f);
                System.out.println(TypingSeparation.line(f.key(), Separation.auc(TypingSeparation.values(humans, f), b), b));
            }
        });
    }
}
