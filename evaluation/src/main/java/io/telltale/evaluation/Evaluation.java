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
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The evaluation behind {@code docs/evaluation.md}: every human source against every bot family,
 * raw and capture-matched, at 15 s, 60 s and whole sessions, on the job's core scoring path
 * ({@link Units}, {@link UnitModel}).
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
    /** Trained models only: capture-matched, the family was in training (other sessions of it). */
    public static final String MATCHED_SEEN = "capture-matched, family seen in training";
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
            Map<String, Map<String, Long>> drops, Map<String, double[]> matched60sScores, int folds, String training) {}

    private final RiskModel model;
    private final Trainer trainer;
    private final List<Feature> trainedFeatures;
    private final String training;
    private final String version;
    private final Settings settings;
    private final Consumer<String> log;

    /** Evaluates a fixed model. */
    public Evaluation(RiskModel model, Settings settings, Consumer<String> log) {
        this.model = model;
        this.trainer = null;
        this.trainedFeatures = List.of();
        this.training = null;
        this.version = model.version();
        this.settings = settings;
        this.log = log;
    }

    /**
     * Evaluates a model trained by {@code trainer}, cross-fitted over folds of users.
     *
     * @param trainedFeatures the features the trained model reads, for the capture-artefact check
     * @param training        how the model is trained, in a sentence for the report
     */
    public Evaluation(String version, Trainer trainer, List<Feature> trainedFeatures, String training, Settings settings,
            Consumer<String> log) {
        this.model = null;
        this.trainer = trainer;
        this.trainedFeatures = List.copyOf(trainedFeatures);
        this.training = training;
        this.version = version;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Trains a model for one fold: humans and bots of the other folds, optionally without one
     * family. Humans come as units, with their user, so a trainer can hold people out by user.
     */
    public interface Trainer {
        RiskModel train(String version, List<Units.Unit> humans, List<SessionFeatures> bots, long seed);
    }

    /** Folds of users (people and scripts) for a trained model: each is scored by models that never saw it. */
    public static final int FOLDS = 5;

    /** The units of one human source against one bot family, at one window. */
    private record Cell(String source, String family, boolean real, int window, List<Units.Unit> humans,
            List<Units.Unit> rawBots, List<Units.Unit> matchedBots) {}

    /** Everything measured before any model scores: the units of every source and family. */
    private record Prepared(List<Cell> cells, Map<String, Map<Integer, List<Units.Unit>>> humansBySource,
            List<Units.Unit> recapturedHumans, Map<String, Integer> medians, Map<String, Integer> counts, DropCounts drops,
            List<Recording> balabit, List<Recording> delbotHumans, CaptureClock balabitClock) {}

    public Result run() throws IOException {
        Prepared p = prepare();
        UnitModel scorer = unitModel(p.cells(), p.humansBySource(), p.recapturedHumans());
        return score(p, scorer);
    }

    /**
     * Trains one model on every user and every generated family (capture-matched), as
     * {@code telltale train} ships it; the evaluation's cross-fitted models are trained the same way.
     */
    public RiskModel trainOnAll() throws IOException {
        if (trainer == null) {
            throw new IllegalStateException("a fixed model is not trained");
        }
        Prepared p = prepare();
        List<Units.Unit> humans = new ArrayList<>(p.recapturedHumans());
        p.humansBySource().values().forEach(byWindow -> byWindow.values().forEach(humans::addAll));
        List<SessionFeatures> bots = new ArrayList<>();
        for (Cell cell : p.cells()) {
            if (!cell.real()) {
                cell.matchedBots().forEach(u -> bots.add(u.features()));
            }
        }
        log.accept("training on " + humans.size() + " human and " + bots.size() + " bot units");
        return trainer.train(version, humans, bots, settings.seed());
    }

    private Prepared prepare() throws IOException {
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

        record Source(String name, List<Recording> humans, boolean typing) {}
        List<Source> sources = List.of(
                new Source(BalabitMouse.SOURCE, balabit, false),
                new Source(DelbotMouse.SOURCE, delbotHumans, false),
                new Source(AaltoKeystrokes.SOURCE, aalto, true));
        List<Cell> cells = new ArrayList<>();
        Map<String, Map<Integer, List<Units.Unit>>> humansBySource = new LinkedHashMap<>();
        for (Source source : sources) {
            log.accept("measuring " + source.name() + " humans");
            Map<Integer, List<Units.Unit>> humanUnits = new LinkedHashMap<>();
            for (int window : Units.WINDOWS_MS) {
                humanUnits.put(window, measureAll(source.humans(), window));
            }
            humansBySource.put(source.name(), humanUnits);

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
                log.accept("measuring " + family.getKey() + " against " + source.name());
                boolean real = realBots.containsKey(family.getKey());
                List<Recording> matched = new ArrayList<>(family.getValue().size());
                long seed = captureSeed(settings, family.getKey(), source.name());
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
                for (int window : Units.WINDOWS_MS) {
                    cells.add(new Cell(source.name(), family.getKey(), real, window, humanUnits.get(window),
                            measureAll(family.getValue(), window), measureAll(matched, window)));
                }
            }
        }

        List<Units.Unit> recapturedHumans = new ArrayList<>();
        if (trainer != null) {
            // Training people seen through the other capture too, so the model learns movement, not sampling:
            // DELBOT's browser traces at Balabit's remote-desktop rhythm (the reverse would need upsampling).
            log.accept("re-capturing delbot humans at balabit capture for training");
            long seed = settings.seed() + 11;
            List<Recording> recaptured = new ArrayList<>();
            for (Recording r : delbotHumans) {
                recaptured.add(clocks.get(BalabitMouse.SOURCE).resample(r, seed++));
            }
            for (int window : Units.WINDOWS_MS) {
                recapturedHumans.addAll(measureAll(recaptured, window));
            }
        }
        return new Prepared(cells, humansBySource, recapturedHumans, medians, counts, drops, balabit, delbotHumans,
                clocks.get(BalabitMouse.SOURCE));
    }

    private Result score(Prepared p, UnitModel scorer) {
        List<Cell> cells = p.cells();
        Map<String, Map<Integer, List<Units.Unit>>> humansBySource = p.humansBySource();
        List<HumanRow> humanRows = new ArrayList<>();
        humansBySource.forEach((source, byWindow) -> byWindow.forEach((window, units) ->
                humanRows.add(humanRow(source, window, units, scorer))));
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> distributions = new LinkedHashMap<>();
        for (Cell cell : cells) {
            String heldOut = cell.real() ? null : cell.family();
            double[] humans = scores(cell.humans(), scorer, heldOut);
            rows.add(row(RAW, cell, humans, cell.rawBots(), scorer, heldOut));
            rows.add(row(MATCHED, cell, humans, cell.matchedBots(), scorer, heldOut));
            if (trainer != null && !cell.real()) {
                rows.add(row(MATCHED_SEEN, cell, scores(cell.humans(), scorer, null), cell.matchedBots(), scorer, null));
            }
            if (cell.window() == 60_000) {
                if (!distributions.containsKey(cell.source() + " / human")) {
                    distributions.put(cell.source() + " / human", scores(cell.humans(), scorer, null));
                }
                distributions.put(cell.source() + " / " + cell.family(), scores(cell.matchedBots(), scorer, heldOut));
            }
        }
        for (Map.Entry<String, Map<Integer, List<Units.Unit>>> e : humansBySource.entrySet()) {
            String key = e.getKey() + " / human";
            if (!distributions.containsKey(key)) {
                distributions.put(key, scores(e.getValue().get(60_000), scorer, null));
            }
        }
        log.accept("artefact check");
        List<ArtefactRow> artefacts = artefactCheck(p.balabit(), p.delbotHumans(), p.balabitClock(), scorer);
        return new Result(scorer.version(), settings, p.medians(), p.counts(), humanRows, rows, artefacts, p.drops().asMap(),
                distributions, trainer == null ? 0 : FOLDS, training);
    }

    /**
     * The fixed model, or models trained per fold of users and per held-out family: for fold k, on
     * every human unit and every capture-matched generated bot unit whose user is not in fold k,
     * once with all families and once without each family.
     */
    private UnitModel unitModel(List<Cell> cells, Map<String, Map<Integer, List<Units.Unit>>> humansBySource,
            List<Units.Unit> recapturedHumans) {
        if (trainer == null) {
            return UnitModel.fixed(model);
        }
        List<Units.Unit> humans = new ArrayList<>(recapturedHumans);
        humansBySource.values().forEach(byWindow -> byWindow.values().forEach(humans::addAll));
        Map<String, List<Units.Unit>> botsByFamily = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (!cell.real()) {
                botsByFamily.computeIfAbsent(cell.family(), f -> new ArrayList<>()).addAll(cell.matchedBots());
            }
        }
        Map<Integer, Map<String, RiskModel>> models = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> heldOut = new ArrayList<>();
        heldOut.add("");
        heldOut.addAll(botsByFamily.keySet());
        List<int[]> jobs = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            for (int f = 0; f < heldOut.size(); f++) {
                jobs.add(new int[] {fold, f});
            }
        }
        log.accept("training " + jobs.size() + " models (" + FOLDS + " folds of users x each family held out)");
        jobs.parallelStream().forEach(job -> {
            int fold = job[0];
            String without = heldOut.get(job[1]);
            List<Units.Unit> h = humans.stream().filter(u -> UnitModel.foldOf(u.userId(), FOLDS) != fold).toList();
            List<SessionFeatures> b = new ArrayList<>();
            botsByFamily.forEach((family, units) -> {
                if (!family.equals(without)) {
                    units.stream().filter(u -> UnitModel.foldOf(u.userId(), FOLDS) != fold).forEach(u -> b.add(u.features()));
                }
            });
            RiskModel trained = trainer.train(version, h, b, settings.seed() + fold);
            models.computeIfAbsent(fold, k -> new java.util.concurrent.ConcurrentHashMap<>()).put(without, trained);
        });
        return UnitModel.crossFitted(version, FOLDS, models);
    }

    private static List<Units.Unit> measureAll(List<Recording> recordings, int window) {
        return recordings.parallelStream().flatMap(r -> Units.measure(r, window).stream()).toList();
    }

    private static double[] scores(List<Units.Unit> units, UnitModel scorer, String family) {
        return units.parallelStream().mapToDouble(u -> scorer.assess(u, family).score()).toArray();
    }

    private static double judged(List<Units.Unit> units) {
        return units.isEmpty() ? Double.NaN
                : units.stream().filter(u -> HumanNormsModel.hasSufficientEvidence(u.features().counts())).count()
                        / (double) units.size();
    }

    private static HumanRow humanRow(String source, int window, List<Units.Unit> units, UnitModel scorer) {
        double[] s = scores(units, scorer, null);
        return new HumanRow(source, Units.windowName(window), units.size(),
                (int) units.stream().map(Units.Unit::userId).distinct().count(), num(judged(units)),
                num(Separation.shareAtOrAbove(s, ActionThresholds.DEFAULT.challenge())),
                num(Separation.shareAtOrAbove(s, ActionThresholds.DEFAULT.block())),
                num(java.util.Arrays.stream(s).max().orElse(Double.NaN)));
    }

    private static Row row(String mode, Cell cell, double[] h, List<Units.Unit> botUnits, UnitModel scorer, String family) {
        double[] b = scores(botUnits, scorer, family);
        return new Row(mode, cell.source(), cell.family(), cell.real(), Units.windowName(cell.window()), h.length, b.length,
                num(judged(botUnits)), num(Separation.auc(h, b)), num(Separation.tprAtFpr(h, b, 0.01)),
                num(Separation.tprAtFpr(h, b, 0.001)),
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
    private List<ArtefactRow> artefactCheck(List<Recording> balabit, List<Recording> delbotHumans, CaptureClock balabitClock,
            UnitModel scorer) {
        List<Feature> used = usedFeatures();
        List<ArtefactRow> rows = new ArrayList<>();
        List<Recording> recaptured = new ArrayList<>();
        long seed = settings.seed() + 7;
        for (Recording r : delbotHumans) {
            recaptured.add(balabitClock.resample(r, seed++));
        }
        compare(rows, "delbot humans: browser capture vs the same traces re-sampled at balabit capture", true, delbotHumans, recaptured, used, scorer);
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
        compare(rows, "balabit sessions captured every <= 30 ms vs every >= 80 ms", true, fast, slow, used, scorer);
        compare(rows, "balabit humans vs delbot humans (task and capture differ)", false, balabit, delbotHumans, used, scorer);
        return rows;
    }

    private void compare(List<ArtefactRow> rows, String comparison, boolean captureOnly, List<Recording> a, List<Recording> b,
            List<Feature> used, UnitModel scorer) {
        List<Units.Unit> ua = measureAll(a, 0);
        List<Units.Unit> ub = measureAll(b, 0);
        List<SessionFeatures> fa = ua.stream().map(Units.Unit::features).toList();
        List<SessionFeatures> fb = ub.stream().map(Units.Unit::features).toList();
        for (Feature feature : used) {
            double[] va = fa.stream().filter(f -> f.has(feature)).mapToDouble(f -> f.get(feature)).toArray();
            double[] vb = fb.stream().filter(f -> f.has(feature)).mapToDouble(f -> f.get(feature)).toArray();
            rows.add(new ArtefactRow(comparison, captureOnly, feature.key(), va.length, vb.length, num(Separation.auc(va, vb))));
        }
        // The score only among recordings judged on behaviour: an unjudged one scores 0 whatever its
        // capture, and a slower capture leaves more recordings unjudged.
        double[] sa = scores(ua.stream().filter(u -> HumanNormsModel.hasSufficientEvidence(u.features().counts())).toList(), scorer, null);
        double[] sb = scores(ub.stream().filter(u -> HumanNormsModel.hasSufficientEvidence(u.features().counts())).toList(), scorer, null);
        rows.add(new ArtefactRow(comparison, captureOnly, SCORE, sa.length, sb.length, num(Separation.auc(sa, sb))));
    }

    /**
     * The pointer features the model scores (all pointer features for a model that does not say),
     * then the shape features measured on raw samples and on the canonical 200 ms grid, so the
     * report shows which of them a model could lean on without seeing capture.
     */
    private List<Feature> usedFeatures() {
        Set<Feature> pointer = EnumSet.range(Feature.MOUSE_SPEED_MEAN, Feature.CLICK_WHILE_MOVING_SHARE);
        Set<Feature> used = new LinkedHashSet<>();
        if (trainer != null) {
            trainedFeatures.stream().filter(pointer::contains).forEach(used::add);
        } else if (model instanceof HumanNormsModel norms) {
            norms.norms().stream().map(HumanNorm::feature).filter(pointer::contains).forEach(used::add);
        } else {
            used.addAll(pointer);
        }
        used.addAll(SHAPE_CANDIDATES);
        return List.copyOf(used);
    }

    /**
     * The first seed of the re-sampling of {@code family} at {@code capture}'s rhythm (one more per
     * recording), so that the analysis tools see the evaluation's capture-matched recordings.
     */
    static long captureSeed(Settings settings, String family, String capture) {
        return settings.seed() + family.hashCode() * 31L + capture.hashCode();
    }

    /** Shape features on raw samples and on the 200 ms grid: always in the capture-artefact check. */
    static final List<Feature> SHAPE_CANDIDATES = List.of(Feature.MOUSE_PATH_RESIDUAL,
            Feature.MOUSE_RESIDUAL_AUTOCORRELATION, Feature.MOUSE_GRID_SPEED_CV, Feature.MOUSE_GRID_RESIDUAL,
            Feature.MOUSE_GRID_RESIDUAL_AUTOCORRELATION, Feature.MOUSE_SUBMOVEMENT_RATE);

    static Double num(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
