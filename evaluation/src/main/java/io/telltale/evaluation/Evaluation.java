package io.telltale.evaluation;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import io.telltale.evaluation.datasets.AaltoKeystrokes;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * The evaluation behind {@code docs/evaluation.md}: every human source against every bot family,
 * raw and capture-matched, at 15 s, 60 s and whole sessions, on the job's core scoring path
 * ({@link UnitScorer}).
 *
 * <p>Raw: each side as recorded, bots with their browser's self-report (device tells). Capture
 * matched: a bot's pointer is re-sampled at the human source's capture instants
 * ({@link CaptureClock}), it keeps only the modality the source records (pointer for Balabit and
 * DELBOT, keys for Aalto) and reports no device, so a score can only use how the pointer moves or
 * the keys fall. The targets are capture-matched.
 */
public final class Evaluation {

    public static final String RAW = "raw";
    public static final String MATCHED = "capture-matched";
    /** The artefact-check row of the model's score itself. */
    public static final String SCORE = "score";

    /** @param botSessions sessions generated per simulated family (and per replay family) */
    public record Settings(Path datasets, int botSessions, Duration botLength, long seed) {
        public static Settings defaults(Path datasets) {
            return new Settings(datasets, 80, Duration.ofSeconds(120), 20260101L);
        }
    }

    /** Humans of one source in one window: how often they would be challenged or blocked. */
    public record HumanRow(String source, String window, int units, int users, Double judged,
            Double fprChallenge, Double fprBlock, Double maxScore) {}

    /** One bot family against one human source, in one mode and window. */
    public record Row(String mode, String source, String family, boolean unseenRealBot, String window,
            int humans, int bots, Double botsJudged, Double auc, Double tprAt1pctFpr, Double tprAt01pctFpr,
            Double botsChallenged, Double botsBlocked) {}

    /** How well one feature (or the score) tells two groups of human recordings apart. */
    public record ArtefactRow(String comparison, boolean captureOnly, String feature, int a, int b, Double auc) {}

    public record Result(String model, Settings settings, Map<String, Integer> captureMedianIntervalMs,
            Map<String, Integer> recordings, List<HumanRow> humans, List<Row> rows, List<ArtefactRow> artefacts,
            Map<String, Map<String, Long>> drops, Map<String, double[]> matched60sScores) {}

    private final RiskModel model;
    private final UnitScorer scorer;
    private final Settings settings;
    private final Consumer<String> log;

    public Evaluation(RiskModel model, Settings settings, Consumer<String> log) {
        this.model = model;
        this.scorer = new UnitScorer(model);
        this.settings = settings;
        this.log = log;
    }

    public Result run() throws IOException {
        DropCounts drops = new DropCounts();
        Path root = settings.datasets();
        log.accept("reading balabit");
        List<Recording> balabit = BalabitMouse.read(root.resolve("balabit-mouse"), drops);
        log.accept("reading delbot");
        List<Recording> delbot = DelbotMouse.read(root.resolve("delbot-mouse"), drops);
        log.accept("reading aalto");
        List<Recording> aalto = AaltoKeystrokes.read(root.resolve("aalto-keystrokes"), drops);
        List<Recording> delbotHumans = delbot.stream().filter(r -> !r.bot()).toList();
        Map<String, List<Recording>> realBots = new LinkedHashMap<>();
        for (Recording r : delbot) {
            if (r.bot()) {
                realBots.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r);
            }
        }
        Map<String, CaptureClock> clocks = new LinkedHashMap<>();
        clocks.put(BalabitMouse.SOURCE, CaptureClock.of(BalabitMouse.SOURCE, balabit));
        clocks.put(DelbotMouse.SOURCE, CaptureClock.of(DelbotMouse.SOURCE, delbotHumans));
        Map<String, Integer> medians = new LinkedHashMap<>();
        clocks.forEach((s, c) -> medians.put(s, c.medianIntervalMs()));

        log.accept("generating bot families");
        Map<String, List<Recording>> simulated = new LinkedHashMap<>();
        int index = 0;
        for (BotCorpus.Family family : BotCorpus.SIMULATED) {
            simulated.put(family.name(), BotCorpus.simulate(family, settings.botSessions(), settings.botLength(),
                    settings.seed() + index++, drops));
        }

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("balabit human sessions", balabit.size());
        counts.put("balabit users", (int) balabit.stream().map(Recording::userId).distinct().count());
        counts.put("delbot human traces", delbotHumans.size());
        realBots.forEach((f, rs) -> counts.put(f + " traces", rs.size()));
        counts.put("aalto participants", aalto.size());
        simulated.forEach((f, rs) -> counts.put(f + " sessions", rs.size()));

        List<HumanRow> humanRows = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> distributions = new LinkedHashMap<>();
        record Source(String name, List<Recording> humans, boolean typing) {}
        List<Source> sources = List.of(
                new Source(BalabitMouse.SOURCE, balabit, false),
                new Source(DelbotMouse.SOURCE, delbotHumans, false),
                new Source(AaltoKeystrokes.SOURCE, aalto, true));
        for (Source source : sources) {
            log.accept("scoring " + source.name() + " humans");
            Map<Integer, List<UnitScorer.Unit>> humanUnits = new LinkedHashMap<>();
            for (int window : UnitScorer.WINDOWS_MS) {
                List<UnitScorer.Unit> units = scoreAll(source.humans(), window);
                humanUnits.put(window, units);
                humanRows.add(humanRow(source.name(), window, units));
            }
            distributions.put(source.name() + " / human", scores(humanUnits.get(60_000)));

            Map<String, List<Recording>> families = new LinkedHashMap<>();
            Set<String> sameCapture = new java.util.HashSet<>();
            for (BotCorpus.Family family : BotCorpus.SIMULATED) {
                if (family.typing() == source.typing()) {
                    families.put(family.name(), simulated.get(family.name()));
                }
            }
            if (!source.typing()) {
                families.put(BotCorpus.REPLAY, BotCorpus.replays(source.humans(), settings.botSessions(),
                        (int) settings.botLength().toMillis(), settings.seed() + 100 + source.name().hashCode(), drops));
                sameCapture.add(BotCorpus.REPLAY);
                families.putAll(realBots);
                if (source.name().equals(DelbotMouse.SOURCE)) {
                    sameCapture.addAll(realBots.keySet());
                }
            }
            for (Map.Entry<String, List<Recording>> family : families.entrySet()) {
                log.accept("scoring " + family.getKey() + " against " + source.name());
                boolean real = realBots.containsKey(family.getKey());
                List<Recording> matched = new ArrayList<>(family.getValue().size());
                long seed = settings.seed() + family.getKey().hashCode() * 31L + source.name().hashCode();
                for (Recording bot : family.getValue()) {
                    if (source.typing()) {
                        matched.add(bot.withoutMouse().withoutDevice());
                    } else {
                        Recording pointer = bot.withoutKeys().withoutDevice();
                        matched.add(sameCapture.contains(family.getKey())
                                ? pointer
                                : clocks.get(source.name()).resample(pointer, seed++));
                    }
                }
                for (int window : UnitScorer.WINDOWS_MS) {
                    List<UnitScorer.Unit> humans = humanUnits.get(window);
                    rows.add(row(RAW, source.name(), family.getKey(), real, window, humans, scoreAll(family.getValue(), window)));
                    List<UnitScorer.Unit> bots = scoreAll(matched, window);
                    rows.add(row(MATCHED, source.name(), family.getKey(), real, window, humans, bots));
                    if (window == 60_000) {
                        distributions.put(source.name() + " / " + family.getKey(), scores(bots));
                    }
                }
            }
        }
        log.accept("artefact check");
        List<ArtefactRow> artefacts = artefactCheck(balabit, delbotHumans, clocks.get(BalabitMouse.SOURCE));
        return new Result(model.version(), settings, medians, counts, humanRows, rows, artefacts, drops.asMap(), distributions);
    }

    private List<UnitScorer.Unit> scoreAll(List<Recording> recordings, int window) {
        return recordings.parallelStream().flatMap(r -> scorer.score(r, window).stream()).toList();
    }

    static String windowName(int windowMs) {
        return windowMs == 0 ? "session" : windowMs / 1000 + "s";
    }

    private static double[] scores(List<UnitScorer.Unit> units) {
        return units.stream().mapToDouble(UnitScorer.Unit::score).toArray();
    }

    private static double judged(List<UnitScorer.Unit> units) {
        return units.isEmpty() ? Double.NaN : units.stream().filter(UnitScorer.Unit::sufficient).count() / (double) units.size();
    }

    private static HumanRow humanRow(String source, int window, List<UnitScorer.Unit> units) {
        double[] s = scores(units);
        return new HumanRow(source, windowName(window), units.size(),
                (int) units.stream().map(UnitScorer.Unit::userId).distinct().count(), num(judged(units)),
                num(Separation.shareAtOrAbove(s, ActionThresholds.DEFAULT.challenge())),
                num(Separation.shareAtOrAbove(s, ActionThresholds.DEFAULT.block())),
                num(java.util.Arrays.stream(s).max().orElse(Double.NaN)));
    }

    private static Row row(String mode, String source, String family, boolean real, int window,
            List<UnitScorer.Unit> humanUnits, List<UnitScorer.Unit> botUnits) {
        double[] h = scores(humanUnits);
        double[] b = scores(botUnits);
        return new Row(mode, source, family, real, windowName(window), h.length, b.length, num(judged(botUnits)),
                num(Separation.auc(h, b)), num(Separation.tprAtFpr(h, b, 0.01)), num(Separation.tprAtFpr(h, b, 0.001)),
                num(Separation.shareAtOrAbove(b, ActionThresholds.DEFAULT.challenge())),
                num(Separation.shareAtOrAbove(b, ActionThresholds.DEFAULT.block())));
    }

    /**
     * Can the features the model uses (and its score) tell human recordings apart by capture
     * alone? (1) the same DELBOT human movements at their browser capture and re-sampled at
     * Balabit's remote-desktop capture; (2) Balabit sessions whose capture reports moves at most
     * every 30 ms against those reporting them every 80 ms or more (same office task, same kind
     * of people); (3) for scale, Balabit against DELBOT humans, where task and capture both differ.
     * AUC 0.5 is chance; the further from 0.5 either way, the more the feature sees capture.
     */
    private List<ArtefactRow> artefactCheck(List<Recording> balabit, List<Recording> delbotHumans, CaptureClock balabitClock) {
        List<Feature> used = usedFeatures();
        List<ArtefactRow> rows = new ArrayList<>();
        List<Recording> recaptured = new ArrayList<>();
        long seed = settings.seed() + 7;
        for (Recording r : delbotHumans) {
            recaptured.add(balabitClock.resample(r, seed++));
        }
        compare(rows, "delbot humans: browser capture vs the same traces re-sampled at balabit capture", true, delbotHumans, recaptured, used);
        List<Recording> fast = new ArrayList<>();
        List<Recording> slow = new ArrayList<>();
        for (Recording r : balabit) {
            if (r.moveCount() < 100) {
                continue;
            }
            int median = CaptureClock.of("one", List.of(r)).medianIntervalMs();
            if (median <= 30) {
                fast.add(r);
            } else if (median >= 80) {
                slow.add(r);
            }
        }
        compare(rows, "balabit sessions captured every <= 30 ms vs every >= 80 ms", true, fast, slow, used);
        compare(rows, "balabit humans vs delbot humans (task and capture differ)", false, balabit, delbotHumans, used);
        return rows;
    }

    private void compare(List<ArtefactRow> rows, String comparison, boolean captureOnly, List<Recording> a, List<Recording> b,
            List<Feature> used) {
        List<SessionFeatures> fa = a.parallelStream().map(scorer::features).toList();
        List<SessionFeatures> fb = b.parallelStream().map(scorer::features).toList();
        for (Feature feature : used) {
            double[] va = fa.stream().filter(f -> f.has(feature)).mapToDouble(f -> f.get(feature)).toArray();
            double[] vb = fb.stream().filter(f -> f.has(feature)).mapToDouble(f -> f.get(feature)).toArray();
            rows.add(new ArtefactRow(comparison, captureOnly, feature.key(), va.length, vb.length, num(Separation.auc(va, vb))));
        }
        double[] sa = a.parallelStream().mapToDouble(scorer::wholeScore).toArray();
        double[] sb = b.parallelStream().mapToDouble(scorer::wholeScore).toArray();
        rows.add(new ArtefactRow(comparison, captureOnly, SCORE, sa.length, sb.length, num(Separation.auc(sa, sb))));
    }

    /** The pointer features the model scores (all pointer features for a model that does not say). */
    private List<Feature> usedFeatures() {
        Set<Feature> pointer = EnumSet.range(Feature.MOUSE_SPEED_MEAN, Feature.MOUSE_TELEPORT_SHARE);
        if (model instanceof HumanNormsModel norms) {
            return norms.norms().stream().map(HumanNorm::feature).filter(pointer::contains).toList();
        }
        return List.copyOf(pointer);
    }

    static Double num(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
