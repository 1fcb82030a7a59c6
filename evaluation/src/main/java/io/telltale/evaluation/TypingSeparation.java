package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.evaluation.datasets.AaltoKeystrokes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which typing feature tells Aalto's people from each generated typing family, on the 60 s units
 * the evaluation scores (keys only, as capture-matched): per feature the ROC AUC (above 0.5: the
 * bots' values are higher) and the quantiles of both sides; then the share of units each joint
 * norm of {@code human-norms-v1} flags (both features outside their human ranges). The analysis
 * behind the typing norms (evaluation/README.md).
 *
 * <pre>java -cp ... io.telltale.evaluation.TypingSeparation ../shared/datasets</pre>
 */
public final class TypingSeparation {

    static final List<Feature> TYPING = List.of(Feature.KEY_DWELL_MEAN, Feature.KEY_DWELL_CV, Feature.KEY_DWELL_SKEW,
            Feature.KEY_FLIGHT_MEAN, Feature.KEY_FLIGHT_CV, Feature.KEY_FLIGHT_SKEW, Feature.KEY_FLIGHT_LOG_SD,
            Feature.KEY_WORD_START_SHIFT, Feature.KEY_FLIGHT_TAIL_SHARE);
    /** The norms whose low bounds are read on one half of Aalto's users and checked on the other. */
    static final List<Feature> HALVED = List.of(Feature.KEY_WORD_START_SHIFT, Feature.KEY_FLIGHT_TAIL_SHARE);
    private static final double[] QUANTILES = {0.001, 0.01, 0.05, 0.5, 0.95, 0.99};
    /** The word-structure norm is a low bound on the people's side: their low quantiles matter. */
    private static final double[] LOW_QUANTILES = {0, 0.001, 0.01, 0.05, 0.1, 0.5, 0.9};
    /** Simulated visits long enough that their people type the norm's minimum of word starts. */
    private static final Duration LONG_VISIT = Duration.ofMinutes(10);

    private TypingSeparation() {}

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Evaluation.Settings settings = new Evaluation.Settings(datasets, 200, Duration.ofSeconds(120), 20260101L);
        DropCounts drops = new DropCounts();
        List<Recording> aalto = AaltoKeystrokes.read(datasets.resolve("aalto-keystrokes"), drops);
        List<SessionFeatures> humans = features(aalto);
        System.out.println("aalto 60 s units: " + humans.size());
        header("aalto");
        for (Feature f : TYPING) {
            System.out.println(line(f.key(), Double.NaN, values(humans, f)));
        }
        jointlyFlagged("aalto", humans);
        Map<String, List<Recording>> typingBots = new LinkedHashMap<>();
        int index = 0;
        for (BotCorpus.Family family : BotCorpus.SIMULATED) {
            long seed = settings.seed() + index++;
            if (family.typing()) {
                typingBots.put(family.name(), BotCorpus.simulate(family, settings.botSessions(), settings.botLength(), seed, drops)
                        .stream().map(r -> r.withoutMouse().withoutDevice()).toList());
            }
        }
        typingBots.forEach((name, recordings) -> {
            List<SessionFeatures> bots = features(recordings);
            System.out.println();
            System.out.println(name + " 60 s units: " + bots.size());
            header(name);
            for (Feature f : TYPING) {
                double[] b = values(bots, f);
                System.out.println(line(f.key(), Separation.auc(values(humans, f), b), b));
            }
            jointlyFlagged(name, bots);
        });
        byHalves(settings, aalto, typingBots);
    }

    /**
     * Each {@link #HALVED} norm's feature (and the feature it is joint with) at 15 s and 60 s on
     * Aalto's users split in two halves by a hash of their id (the norm's bound is read on the tune
     * half, checked on the test half), on every typing family and on the simulator's people: how
     * many units have the feature at all, its quantiles, and how many units the norm flags. The units
     * are measured once for all the norms.
     */
    private static void byHalves(Evaluation.Settings settings, List<Recording> aalto,
            Map<String, List<Recording>> typingBots) {
        Map<Integer, Map<String, List<SessionFeatures>>> byWindow = new LinkedHashMap<>();
        for (int windowMs : new int[] {15_000, 60_000}) {
            Map<String, List<SessionFeatures>> groups = new LinkedHashMap<>();
            for (int half = 0; half < 2; half++) {
                int h = half;
                groups.put(half == 0 ? "aalto tune half" : "aalto test half",
                        units(aalto.stream().filter(r -> UnitModel.foldOf(r.userId(), 2) == h).toList(), windowMs));
            }
            groups.put("simulated people", units(simulatedPeople(settings.botSessions(), settings.botLength(), settings.seed()), windowMs));
            typingBots.forEach((name, recordings) -> groups.put(name, units(recordings, windowMs)));
            byWindow.put(windowMs, groups);
        }
        List<SessionFeatures> longVisits = units(simulatedPeople(settings.botSessions(), LONG_VISIT, settings.seed()), 0);
        for (Feature feature : HALVED) {
            HumanNorm norm = HumanNormsModel.standard().norms().stream()
                    .filter(n -> n.feature() == feature).findFirst().orElseThrow();
            byWindow.forEach((windowMs, groups) -> {
                System.out.println();
                System.out.println(windowMs / 1000 + " s units: " + norm.feature().key()
                        + (norm.jointly() == null ? "" : " and " + norm.jointly().feature().key())
                        + "; flagged: outside the human range of " + norm.reasonCode());
                lowHeader();
                groups.forEach((who, units) -> halfLines(who, norm, units));
            });
            System.out.println();
            System.out.println("whole " + LONG_VISIT.toMinutes() + "-minute visits of simulated people (their 60 s units type too few words)");
            lowHeader();
            halfLines("simulated people", norm, longVisits);
        }
    }

    private static List<Recording> simulatedPeople(int sessions, Duration length, long seed) {
        return TrajectoryMeasurement.simulatedHumans(sessions, length, seed).stream()
                .map(r -> r.withoutMouse().withoutDevice()).toList();
    }

    private static void lowHeader() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-40s %6s", "who, feature", "n"));
        for (double q : LOW_QUANTILES) {
            s.append(String.format(Locale.ROOT, " %8s", q == 0 ? "lowest" : "p" + (q * 100)));
        }
        System.out.println(s);
    }

    private static void halfLines(String who, HumanNorm norm, List<SessionFeatures> units) {
        long flagged = units.stream().filter(u -> norm.contribution(u) > 0).count();
        List<Feature> features = norm.jointly() == null ? List.of(norm.feature()) : List.of(norm.feature(), norm.jointly().feature());
        for (Feature f : features) {
            double[] sorted = values(units, f);
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-40s %6d", who + ", " + f.key(), sorted.length));
            for (double q : LOW_QUANTILES) {
                s.append(String.format(Locale.ROOT, " %8.3f", quantile(sorted, q)));
            }
            System.out.println(s);
        }
        System.out.printf(Locale.ROOT, "%-40s %6d of %d units%n", who + ", flagged", flagged, units.size());
    }

    private static List<SessionFeatures> units(List<Recording> recordings, int windowMs) {
        return recordings.parallelStream().flatMap(r -> Units.measure(r, windowMs).stream()).map(Units.Unit::features).toList();
    }

    private static void jointlyFlagged(String who, List<SessionFeatures> units) {
        for (HumanNorm norm : HumanNormsModel.standard().norms()) {
            if (norm.jointly() != null) {
                long flagged = units.stream().filter(u -> norm.contribution(u) > 0).count();
                System.out.printf(Locale.ROOT, "%s: %d of %d units outside the human range of both %s and %s (%s)%n", who,
                        flagged, units.size(), norm.feature().key(), norm.jointly().feature().key(), norm.reasonCode());
            }
        }
    }

    static List<SessionFeatures> features(List<Recording> recordings) {
        return units(recordings, 60_000);
    }

    static double[] values(List<SessionFeatures> units, Feature f) {
        return units.stream().filter(u -> u.has(f)).mapToDouble(u -> u.get(f)).sorted().toArray();
    }

    static void header(String who) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-18s %6s %6s", "feature", "AUC", "n"));
        for (double q : QUANTILES) {
            s.append(String.format(Locale.ROOT, " %8s", "p" + (q * 100)));
        }
        System.out.println(s + "   (" + who + ")");
    }

    static String line(String key, double auc, double[] sorted) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-18s %6.3f %6d", key, auc, sorted.length));
        for (double q : QUANTILES) {
            s.append(String.format(Locale.ROOT, " %8.3f", quantile(sorted, q)));
        }
        return s.toString();
    }

    private static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
