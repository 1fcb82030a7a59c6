package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
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
 * (pynput, pyhm; same task, same capture), and from the generated families that pass as human
 * most often (ghost-cursor, WindMouse; re-sampled at DELBOT's capture), on the 60 s units the
 * evaluation scores: per feature the ROC AUC (below 0.5: the bots' values are lower) and the
 * quantiles of both sides. The analysis behind evaluation/README.md's reading of the DELBOT bots.
 *
 * <pre>java -cp ... io.telltale.evaluation.PointerSeparation ../shared/datasets</pre>
 */
public final class PointerSeparation {

    static final List<Feature> POINTER = List.copyOf(EnumSet.range(Feature.MOUSE_SPEED_MEAN, Feature.MOUSE_TELEPORT_SHARE));
    private static final List<String> GENERATED = List.of("ghost_cursor", "windmouse");

    private PointerSeparation() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        DropCounts drops = new DropCounts();
        List<Recording> delbot = DelbotMouse.read(datasets.resolve("delbot-mouse"), drops);
        List<Recording> people = delbot.stream().filter(r -> !r.bot()).toList();
        Map<String, List<Recording>> bots = new LinkedHashMap<>();
        for (Recording r : delbot) {
            if (r.bot()) {
                bots.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r);
            }
        }
        CaptureClock clock = CaptureClock.of(DelbotMouse.SOURCE, people);
        int index = 0;
        for (BotCorpus.Family family : BotCorpus.SIMULATED) {
            long seed = settings.seed() + index++;
            if (GENERATED.contains(family.name())) {
                long resample = seed * 31;
                List<Recording> matched = new ArrayList<>();
                for (Recording r : BotCorpus.simulate(family, settings.botSessions(), settings.botLength(), seed, drops)) {
                    matched.add(clock.resample(r.withoutKeys().withoutDevice(), resample++));
                }
                bots.put(family.name() + " (at delbot capture)", matched);
            }
        }
        List<SessionFeatures> humans = TypingSeparation.features(people);
        System.out.println("delbot human 60 s units: " + humans.size());
        TypingSeparation.header("delbot humans");
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
