package io.telltale.evaluation;

import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.profile.BehaviourProfile;
import io.telltale.core.profile.ProfileDistanceScale;
import io.telltale.core.profile.ProfileRisk;
import io.telltale.core.wire.ProfileDeviation;
import io.telltale.evaluation.datasets.BalabitMouse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Continuous authentication on Balabit: each account's {@link BehaviourProfile} learns from its
 * owner's {@code training_files}, cut into sessions of a number of {@link MouseActions}; then
 * the labelled test sessions are judged against the profile of the account they were recorded on
 * ({@code is_illegal} 0: the owner, 1: someone else). Everything is measured on the job's core path:
 * batches ({@link BatchSlicer}) folded into a {@link SessionFeatureAccumulator}, the profile's
 * {@link BehaviourProfile#deviation}.
 *
 * <p>Most labelled test sessions are short (median about 50 actions, one of 465 reaches 200), so a
 * unit of n actions is cut from a stream: an account's owner sessions one after another, and its
 * other-person sessions one after another, each in file order, cut into consecutive units of n
 * actions. A unit of the other stream may span two people, both not the owner. The whole test
 * sessions, as the challenge scored them, are a row of their own.
 */
public final class ProfileEvaluation {

    /** Amounts of evidence reported: mouse actions per unit. */
    public static final int[] ACTIONS = {10, 50, 200};
    /**
     * Actions per training session when whole test sessions are judged: about their median length.
     * For n-action units the training files are cut into sessions of n actions: the spread of a
     * feature depends on how much behaviour a session holds, and a profile judges best sessions like
     * those it learned from (learning from 50-action sessions, 200-action units separate less well,
     * docs/profiles.md).
     */
    public static final int WHOLE_SESSION_TRAINING_ACTIONS = 50;
    /** Silence put between two test sessions joined into one stream: a pause, never a stroke. */
    static final int STREAM_GAP_MS = 60_000;
    /** The job's scale: AUC and EER do not depend on it, the challenge rates do. */
    static final ProfileDistanceScale SCALE = ProfileRisk.STANDARD_SCALE;
    /** The job's default challenge threshold. */
    static final double CHALLENGE = 0.5;

    /**
     * Round 1's constants, chosen by looking at this evaluation's test labels: reported beside the
     * honestly chosen ones so the difference shows.
     */
    static final BehaviourProfile.Tuning ROUND_1 = new BehaviourProfile.Tuning(50, 0.05, 3.0, false);
    /**
     * Session lengths, in actions, a profile learns from when it learns from sessions of every
     * length, as in the job: the training files are cut into sessions of these lengths in turn.
     */
    static final int[] MIXED_LENGTHS = {10, 25, 50, 100, 200};
    /** Share of each account's training sessions (in file order) its profile learns from while tuning. */
    static final double TUNING_LEARN_SHARE = 0.7;
    /** Constants tried while tuning: half-life in sessions, spread floor, z cap. */
    static final double[] HALF_LIVES = {20, 50, 200};
    static final double[] SPREAD_FLOORS = {0.02, 0.05, 0.1};
    static final double[] Z_CAPS = {2.5, 3.0, 4.0, 6.0};

    /**
     * One amount of evidence.
     *
     * @param units       label: "n actions" or "whole test session"
     * @param profile     what the profile learned from and with which constants
     * @param owner       units of the owner
     * @param others      units of someone else on the account
     * @param judged      share of units the profile judged (the rest are "unknown")
     * @param auc         ROC AUC of the distance, someone else as the positive class
     * @param eer         equal error rate
     * @param ownerChallenged  share of the owner's units the profile alone challenges at the default threshold
     * @param othersChallenged share of the others' units it challenges
     */
    public record Row(String units, String profile, int actions, int owner, int others, double judged, Double auc,
            Double eer, Double ownerChallenged, Double othersChallenged) {}

    /**
     * One set of constants tried on the split of the training files.
     *
     * @param aucs ROC AUC on the held-out training sessions, by actions per session
     * @param mean their mean: the choice maximises it
     */
    public record Trial(BehaviourProfile.Tuning tuning, Map<Integer, Double> aucs, double mean) {}

    /**
     * @param ownerDistances percentiles of the owner's distances on the held-out training sessions
     *                       with the chosen constants, by actions per session: what a distance scale
     *                       chosen without the test labels would start from
     */
    public record Result(List<Row> rows, Map<Integer, Map<String, Integer>> trainingSessions, int labelledTestSessions,
            BehaviourProfile.Tuning chosen, List<Trial> trials, Map<Integer, Map<String, Double>> ownerDistances,
            Map<String, Map<String, Long>> drops) {}

    private final Path balabitRoot;
    private final Consumer<String> log;

    public ProfileEvaluation(Path datasets, Consumer<String> log) {
        this.balabitRoot = datasets.resolve("balabit-mouse");
        this.log = log;
    }

    public Result run() throws IOException {
        DropCounts drops = new DropCounts();
        List<Recording> all = BalabitMouse.read(balabitRoot, drops);
        Map<String, List<Recording>> training = new TreeMap<>();
        Map<String, List<Recording>> ownerTests = new TreeMap<>();
        Map<String, List<Recording>> otherTests = new TreeMap<>();
        int labelled = 0;
        for (Recording r : all) {
            String account = accountOf(r);
            if (r.sessionId().contains(":training_files:")) {
                training.computeIfAbsent(account, a -> new ArrayList<>()).add(r);
            } else {
                labelled++;
                boolean other = r.userId().contains(":other-human:");
                (other ? otherTests : ownerTests).computeIfAbsent(account, a -> new ArrayList<>()).add(r);
            }
        }
        log.accept(String.format("%d training recordings of %d accounts, %d labelled test sessions",
                training.values().stream().mapToInt(List::size).sum(), training.size(), labelled));

        // Every unit is measured once; tuning only relearns and rejudges.
        Map<Integer, Map<String, List<SessionFeatures>>> trainingUnits = new TreeMap<>();
        Map<Integer, Map<String, List<SessionFeatures>>> ownerUnits = new TreeMap<>();
        Map<Integer, Map<String, List<SessionFeatures>>> otherUnits = new TreeMap<>();
        for (int n : ACTIONS) {
            trainingUnits.put(n, unitsByAccount(training, n, false));
            ownerUnits.put(n, unitsByAccount(ownerTests, n, true));
            otherUnits.put(n, unitsByAccount(otherTests, n, true));
        }
        Map<String, List<SessionFeatures>> ownerWhole = wholeSessions(ownerTests);
        Map<String, List<SessionFeatures>> otherWhole = wholeSessions(otherTests);

        List<Trial> trials = tune(trainingUnits);
        BehaviourProfile.Tuning chosen = trials.stream().max(Comparator.comparingDouble(Trial::mean)).orElseThrow().tuning();
        log.accept("chosen on the training split: " + chosen);
        Map<Integer, Map<String, Double>> ownerDistances = new TreeMap<>();
        for (int n : ACTIONS) {
            ownerDistances.put(n, percentiles(heldOutOwnerDistances(trainingUnits.get(n), chosen)));
        }

        Map<Integer, Map<String, Integer>> trainingSessions = new TreeMap<>();
        trainingUnits.forEach((n, byAccount) -> {
            Map<String, Integer> counts = new TreeMap<>();
            byAccount.forEach((account, units) -> counts.put(account, units.size()));
            trainingSessions.put(n, counts);
        });
        List<Row> rows = new ArrayList<>();
        List<BehaviourProfile.Tuning> reported = chosen.equals(ROUND_1) ? List.of(chosen) : List.of(chosen, ROUND_1);
        for (BehaviourProfile.Tuning tuning : reported) {
            String profile = (tuning == chosen ? "constants chosen on training files" : "round 1 constants, chosen on test")
                    + " " + describe(tuning);
            for (int n : ACTIONS) {
                Map<String, BehaviourProfile> profiles = learn(trainingUnits.get(n), tuning);
                rows.add(row(n + " actions", "n-action sessions; " + profile, n,
                        judge(profiles, ownerUnits.get(n)), judge(profiles, otherUnits.get(n))));
                log.accept(rows.get(rows.size() - 1).toString());
            }
            Map<String, BehaviourProfile> profiles = learn(trainingUnits.get(WHOLE_SESSION_TRAINING_ACTIONS), tuning);
            rows.add(row("whole test session", WHOLE_SESSION_TRAINING_ACTIONS + "-action sessions; " + profile, 0,
                    judge(profiles, ownerWhole), judge(profiles, otherWhole)));
            log.accept(rows.get(rows.size() - 1).toString());
        }
        // Profiles learned from sessions of any length, as in the job, judging units of n actions:
        // with the length model and without it.
        Map<String, List<SessionFeatures>> mixed = new TreeMap<>();
        training.forEach((account, list) -> mixed.put(account, mixedUnits(list)));
        Map<String, List<SessionFeatures>> wholeFiles = wholeSessions(training);
        BehaviourProfile.Tuning blind = new BehaviourProfile.Tuning(
                chosen.halfLifeSessions(), chosen.minRelativeSpread(), chosen.maxZ(), !chosen.lengthAware());
        for (BehaviourProfile.Tuning tuning : List.of(chosen, blind)) {
            String model = tuning.lengthAware() ? "with the length model" : "without the length model";
            Map<String, Map<String, List<SessionFeatures>>> learnedFrom = new LinkedHashMap<>();
            learnedFrom.put("sessions of " + lengths() + " actions in turn", mixed);
            learnedFrom.put("whole training files", wholeFiles);
            for (Map.Entry<String, Map<String, List<SessionFeatures>>> learned : learnedFrom.entrySet()) {
                Map<String, BehaviourProfile> profiles = learn(learned.getValue(), tuning);
                for (int n : ACTIONS) {
                    rows.add(row(n + " actions", learned.getKey() + "; " + model, n,
                            judge(profiles, ownerUnits.get(n)), judge(profiles, otherUnits.get(n))));
                    log.accept(rows.get(rows.size() - 1).toString());
                }
            }
        }
        rows.addAll(actionHistogramRows(training, ownerTests, otherTests, trainingUnits, ownerUnits, otherUnits, chosen));
        return new Result(rows, trainingSessions, labelled, chosen, trials, ownerDistances, drops.asMap());
    }

    /**
     * Tries every combination of constants on the training files alone: each account's profile
     * learns from the first {@link #TUNING_LEARN_SHARE} of its sessions; its held-out sessions are
     * the owner, every other account's held-out sessions the impostors (people the profile never
     * learned from, as on the test set).
     */
    static List<Trial> tune(Map<Integer, Map<String, List<SessionFeatures>>> trainingUnits) {
        List<Trial> trials = new ArrayList<>();
        for (double halfLife : HALF_LIVES) {
            for (double floor : SPREAD_FLOORS) {
                for (double cap : Z_CAPS) {
                    BehaviourProfile.Tuning tuning = new BehaviourProfile.Tuning(
                            halfLife, floor, cap, BehaviourProfile.Tuning.STANDARD.lengthAware());
                    Map<Integer, Double> aucs = new TreeMap<>();
                    for (Map.Entry<Integer, Map<String, List<SessionFeatures>>> e : trainingUnits.entrySet()) {
                        aucs.put(e.getKey(), heldOutAuc(e.getValue(), tuning));
                    }
                    trials.add(new Trial(tuning, aucs,
                            aucs.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                }
            }
        }
        return trials;
    }

    private static double heldOutAuc(Map<String, List<SessionFeatures>> units, BehaviourProfile.Tuning tuning) {
        Map<String, List<SessionFeatures>> learned = new TreeMap<>();
        Map<String, List<SessionFeatures>> heldOut = new TreeMap<>();
        units.forEach((account, list) -> {
            int cut = (int) Math.round(list.size() * TUNING_LEARN_SHARE);
            learned.put(account, list.subList(0, cut));
            heldOut.put(account, list.subList(cut, list.size()));
        });
        Map<String, BehaviourProfile> profiles = learn(learned, tuning);
        List<ProfileDeviation> owner = new ArrayList<>();
        List<ProfileDeviation> impostors = new ArrayList<>();
        for (Map.Entry<String, BehaviourProfile> p : profiles.entrySet()) {
            heldOut.forEach((account, list) -> {
                List<ProfileDeviation> into = account.equals(p.getKey()) ? owner : impostors;
                list.forEach(unit -> into.add(p.getValue().deviation(unit, SCALE)));
            });
        }
        return Separation.auc(distances(owner), distances(impostors));
    }

    /** Whether the trial tried round 1's constants (the length model aside). */
    static boolean roundOne(Trial trial) {
        BehaviourProfile.Tuning t = trial.tuning();
        return t.halfLifeSessions() == ROUND_1.halfLifeSessions() && t.minRelativeSpread() == ROUND_1.minRelativeSpread()
                && t.maxZ() == ROUND_1.maxZ();
    }

    /** The 50th, 90th, 95th and 99th percentiles (nearest rank). */
    static Map<String, Double> percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Double> map = new LinkedHashMap<>();
        for (int p : new int[] {50, 90, 95, 99}) {
            map.put("p" + p, sorted.length == 0 ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)]);
        }
        return map;
    }

    /** The owner's distances on the held-out training sessions, as in {@link #tune}. */
    static double[] heldOutOwnerDistances(Map<String, List<SessionFeatures>> units, BehaviourProfile.Tuning tuning) {
        List<ProfileDeviation> owner = new ArrayList<>();
        units.forEach((account, list) -> {
            int cut = (int) Math.round(list.size() * TUNING_LEARN_SHARE);
            BehaviourProfile profile = new BehaviourProfile(tuning);
            list.subList(0, cut).forEach(u -> profile.learn(u, 0L));
            list.subList(cut, list.size()).forEach(u -> owner.add(profile.deviation(u, SCALE)));
        });
        return distances(owner);
    }

    static String describe(BehaviourProfile.Tuning tuning) {
        return String.format(Locale.ROOT, "(half-life %.0f, spread floor %.0f %%, z cap %.1f%s)",
                tuning.halfLifeSessions(), 100 * tuning.minRelativeSpread(), tuning.maxZ(),
                tuning.lengthAware() ? ", length model" : "");
    }

    private static Map<String, List<SessionFeatures>> unitsByAccount(
            Map<String, List<Recording>> recordings, int n, boolean joined) {
        Map<String, List<SessionFeatures>> units = new TreeMap<>();
        recordings.forEach((account, list) -> {
            List<SessionFeatures> into = units.computeIfAbsent(account, a -> new ArrayList<>());
            if (joined) {
                into.addAll(units(stream(list), n));
            } else {
                list.forEach(r -> into.addAll(units(r, n)));
            }
        });
        return units;
    }

    /**
     * The third step's experiment ({@link ActionHistograms}): each account's per-action histograms
     * learn from all its training actions; each test unit of n actions is scored by their divergence
     * alone, and by its sum with the profile's distance (unweighted: no constant chosen on the test).
     */
    private List<Row> actionHistogramRows(Map<String, List<Recording>> training, Map<String, List<Recording>> ownerTests,
            Map<String, List<Recording>> otherTests, Map<Integer, Map<String, List<SessionFeatures>>> trainingUnits,
            Map<Integer, Map<String, List<SessionFeatures>>> ownerUnits,
            Map<Integer, Map<String, List<SessionFeatures>>> otherUnits, BehaviourProfile.Tuning tuning) {
        Map<String, ActionHistograms> histograms = new TreeMap<>();
        training.forEach((account, list) -> {
            ActionHistograms h = new ActionHistograms();
            list.forEach(r -> h.learn(MouseActions.of(r).stream().map(a -> ActionHistograms.measure(r, a[0], a[1])).toList()));
            histograms.put(account, h);
        });
        List<Row> rows = new ArrayList<>();
        for (int n : ACTIONS) {
            Map<String, BehaviourProfile> profiles = learn(trainingUnits.get(n), tuning);
            double[][] owner = histogramScores(histograms, profiles, ownerTests, ownerUnits.get(n), n);
            double[][] others = histogramScores(histograms, profiles, otherTests, otherUnits.get(n), n);
            rows.add(scoreRow(n + " actions", "per-action histograms (experiment, not in the job)", n, owner[0], others[0]));
            rows.add(scoreRow(n + " actions", "per-action histograms + distance of n-action sessions (experiment)", n,
                    owner[1], others[1]));
            log.accept(rows.get(rows.size() - 2).toString());
            log.accept(rows.get(rows.size() - 1).toString());
        }
        return rows;
    }

    /** Per unit of n actions, in the order of {@link #units}: {divergence, divergence + distance}. */
    private static double[][] histogramScores(Map<String, ActionHistograms> histograms,
            Map<String, BehaviourProfile> profiles, Map<String, List<Recording>> tests,
            Map<String, List<SessionFeatures>> units, int n) {
        List<Double> alone = new ArrayList<>();
        List<Double> combined = new ArrayList<>();
        tests.forEach((account, list) -> {
            ActionHistograms h = histograms.get(account);
            BehaviourProfile profile = profiles.get(account);
            if (h == null || profile == null) {
                return;
            }
            Recording joined = stream(list);
            List<int[]> actions = MouseActions.of(joined);
            List<SessionFeatures> measured = units.get(account);
            for (int a = 0, u = 0; a + n <= actions.size(); a += n, u++) {
                List<double[]> unit = new ArrayList<>();
                for (int[] action : actions.subList(a, a + n)) {
                    unit.add(ActionHistograms.measure(joined, action[0], action[1]));
                }
                double divergence = h.divergence(unit);
                ProfileDeviation d = profile.deviation(measured.get(u), SCALE);
                alone.add(divergence);
                combined.add(divergence + (d.judged() ? d.distance() : 0.0));
            }
        });
        return new double[][] {
            alone.stream().mapToDouble(Double::doubleValue).toArray(),
            combined.stream().mapToDouble(Double::doubleValue).toArray()
        };
    }

    private static Row scoreRow(String label, String profile, int n, double[] owner, double[] others) {
        return new Row(label, profile, n, owner.length, others.length, 1.0, num(Separation.auc(owner, others)),
                num(equalErrorRate(owner, others)), null, null);
    }

    /** An account's training recordings cut into sessions of {@link #MIXED_LENGTHS} actions in turn. */
    private static List<SessionFeatures> mixedUnits(List<Recording> recordings) {
        List<SessionFeatures> units = new ArrayList<>();
        int turn = 0;
        for (Recording r : recordings) {
            List<int[]> actions = MouseActions.of(r);
            int a = 0;
            while (a + MIXED_LENGTHS[turn % MIXED_LENGTHS.length] <= actions.size()) {
                int n = MIXED_LENGTHS[turn++ % MIXED_LENGTHS.length];
                units.add(measure(r, actions.get(a)[0], actions.get(a + n - 1)[1]));
                a += n;
            }
        }
        return units;
    }

    private static String lengths() {
        return Arrays.stream(MIXED_LENGTHS).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", "));
    }

    private static Map<String, List<SessionFeatures>> wholeSessions(Map<String, List<Recording>> recordings) {
        Map<String, List<SessionFeatures>> whole = new TreeMap<>();
        recordings.forEach((account, list) -> whole.put(account,
                list.stream().map(r -> measure(r, 0, r.mouseT().length)).toList()));
        return whole;
    }

    private static Map<String, BehaviourProfile> learn(
            Map<String, List<SessionFeatures>> units, BehaviourProfile.Tuning tuning) {
        Map<String, BehaviourProfile> profiles = new TreeMap<>();
        units.forEach((account, list) -> {
            BehaviourProfile profile = new BehaviourProfile(tuning);
            list.forEach(unit -> profile.learn(unit, 0L));
            profiles.put(account, profile);
        });
        return profiles;
    }

    /** Each account's units judged against its own profile. */
    private static List<ProfileDeviation> judge(
            Map<String, BehaviourProfile> profiles, Map<String, List<SessionFeatures>> units) {
        List<ProfileDeviation> into = new ArrayList<>();
        profiles.forEach((account, profile) ->
                units.getOrDefault(account, List.of()).forEach(unit -> into.add(profile.deviation(unit, SCALE))));
        return into;
    }

    private static Row row(String label, String profile, int n, List<ProfileDeviation> owner,
            List<ProfileDeviation> others) {
        double[] o = distances(owner);
        double[] x = distances(others);
        long judged = owner.stream().filter(ProfileDeviation::judged).count()
                + others.stream().filter(ProfileDeviation::judged).count();
        double total = owner.size() + others.size();
        return new Row(label, profile, n, o.length, x.length, total == 0 ? Double.NaN : judged / total,
                num(Separation.auc(o, x)), num(equalErrorRate(o, x)), num(challenged(owner)), num(challenged(others)));
    }

    private static double challenged(List<ProfileDeviation> deviations) {
        if (deviations.isEmpty()) {
            return Double.NaN;
        }
        return deviations.stream().filter(d -> ProfileRisk.PROFILE_WEIGHT * d.deviation() >= CHALLENGE).count()
                / (double) deviations.size();
    }

    /** Distance of each unit; an unknown verdict counts as no deviation, as in the job. */
    private static double[] distances(List<ProfileDeviation> deviations) {
        return deviations.stream().mapToDouble(d -> d.judged() ? d.distance() : 0.0).toArray();
    }

    /**
     * The error rate where the share of owners flagged equals the share of others let through, over
     * every threshold between observed scores; where the two never meet exactly, the mean of both at
     * the threshold where they are closest.
     */
    public static double equalErrorRate(double[] owner, double[] others) {
        if (owner.length == 0 || others.length == 0) {
            return Double.NaN;
        }
        double[] thresholds = new double[owner.length + others.length];
        System.arraycopy(owner, 0, thresholds, 0, owner.length);
        System.arraycopy(others, 0, thresholds, owner.length, others.length);
        Arrays.sort(thresholds);
        double best = Double.NaN;
        double bestGap = Double.POSITIVE_INFINITY;
        for (double t : thresholds) {
            double falseAlarms = Separation.shareAtOrAbove(owner, t);
            double misses = 1.0 - Separation.shareAtOrAbove(others, t);
            double gap = Math.abs(falseAlarms - misses);
            if (gap < bestGap) {
                bestGap = gap;
                best = (falseAlarms + misses) / 2;
            }
        }
        return best;
    }

    /** The recording cut into consecutive units of {@code n} actions, each measured; a remainder is dropped. */
    static List<SessionFeatures> units(Recording r, int n) {
        List<int[]> actions = MouseActions.of(r);
        List<SessionFeatures> units = new ArrayList<>();
        for (int a = 0; a + n <= actions.size(); a += n) {
            units.add(measure(r, actions.get(a)[0], actions.get(a + n - 1)[1]));
        }
        return units;
    }

    /** Samples {@code [from, to)} of the pointer track as one session on the job's core path. */
    static SessionFeatures measure(Recording r, int from, int to) {
        if (from >= to) {
            return new SessionFeatureAccumulator().features();
        }
        int fromMs = r.mouseT()[from];
        int toMs = r.mouseT()[to - 1] + 1;
        SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
        BatchSlicer.batches(r, fromMs, toMs, r.sessionId() + "@" + fromMs).forEach(accumulator::add);
        return accumulator.features();
    }

    /** Sessions joined one after another, {@link #STREAM_GAP_MS} apart, as one recording. */
    static Recording stream(List<Recording> sessions) {
        int total = sessions.stream().mapToInt(r -> r.mouseT().length).sum();
        int[] t = new int[total];
        int[] x = new int[total];
        int[] y = new int[total];
        byte[] kind = new byte[total];
        int at = 0;
        long offset = 0;
        for (Recording r : sessions) {
            int n = r.mouseT().length;
            if (n == 0) {
                continue;
            }
            long shift = offset - r.mouseT()[0];
            for (int i = 0; i < n; i++) {
                t[at + i] = Math.toIntExact(r.mouseT()[i] + shift);
            }
            System.arraycopy(r.mouseX(), 0, x, at, n);
            System.arraycopy(r.mouseY(), 0, y, at, n);
            System.arraycopy(r.mouseKind(), 0, kind, at, n);
            at += n;
            offset = t[at - 1] + (long) STREAM_GAP_MS;
        }
        Recording first = sessions.get(0);
        return new Recording(first.source(), first.family(), false, first.userId(), first.sessionId() + "+stream",
                first.startEpochMs(), t, x, y, kind, new int[0], new boolean[0], new byte[0], null, null);
    }

    /** {@code balabit:user7} from a session id {@code balabit:<part>:user7:<session>}. */
    static String accountOf(Recording r) {
        String[] parts = r.sessionId().split(":");
        return parts[0] + ":" + parts[2];
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The headline rows (the first of each label: the chosen constants) by label, for the report. */
    public static Map<String, Row> byLabel(List<Row> rows) {
        Map<String, Row> map = new LinkedHashMap<>();
        rows.forEach(r -> map.putIfAbsent(r.units(), r));
        return map;
    }
}
