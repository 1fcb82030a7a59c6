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
import java.util.LinkedHashMap;
import java.util.List;
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
     * One amount of evidence.
     *
     * @param units       label: "n actions" or "whole test session"
     * @param owner       units of the owner
     * @param others      units of someone else on the account
     * @param judged      share of units the profile judged (the rest are "unknown")
     * @param auc         ROC AUC of the distance, someone else as the positive class
     * @param eer         equal error rate
     * @param ownerChallenged  share of the owner's units the profile alone challenges at the default threshold
     * @param othersChallenged share of the others' units it challenges
     */
    public record Row(String units, int actions, int owner, int others, double judged, Double auc, Double eer,
            Double ownerChallenged, Double othersChallenged) {}

    public record Result(List<Row> rows, Map<Integer, Map<String, Integer>> trainingSessions, int labelledTestSessions,
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

        Map<Integer, Map<String, Integer>> trainingSessions = new TreeMap<>();
        List<Row> rows = new ArrayList<>();
        for (int n : ACTIONS) {
            Map<String, BehaviourProfile> profiles = learn(training, n, trainingSessions.computeIfAbsent(n, k -> new TreeMap<>()));
            List<ProfileDeviation> owner = new ArrayList<>();
            List<ProfileDeviation> others = new ArrayList<>();
            for (String account : profiles.keySet()) {
                BehaviourProfile profile = profiles.get(account);
                judge(profile, ownerTests.get(account), n, owner);
                judge(profile, otherTests.get(account), n, others);
            }
            rows.add(row(n + " actions", n, owner, others));
            log.accept(rows.get(rows.size() - 1).toString());
        }
        Map<String, BehaviourProfile> profiles = learn(training, WHOLE_SESSION_TRAINING_ACTIONS,
                trainingSessions.computeIfAbsent(WHOLE_SESSION_TRAINING_ACTIONS, k -> new TreeMap<>()));
        List<ProfileDeviation> owner = new ArrayList<>();
        List<ProfileDeviation> others = new ArrayList<>();
        for (String account : profiles.keySet()) {
            BehaviourProfile profile = profiles.get(account);
            for (Recording r : ownerTests.getOrDefault(account, List.of())) {
                owner.add(profile.deviation(measure(r, 0, r.mouseT().length), SCALE));
            }
            for (Recording r : otherTests.getOrDefault(account, List.of())) {
                others.add(profile.deviation(measure(r, 0, r.mouseT().length), SCALE));
            }
        }
        rows.add(row("whole test session", 0, owner, others));
        log.accept(rows.get(rows.size() - 1).toString());
        return new Result(rows, trainingSessions, labelled, drops.asMap());
    }

    private static Map<String, BehaviourProfile> learn(
            Map<String, List<Recording>> training, int actions, Map<String, Integer> sessions) {
        Map<String, BehaviourProfile> profiles = new TreeMap<>();
        for (Map.Entry<String, List<Recording>> e : training.entrySet()) {
            BehaviourProfile profile = new BehaviourProfile();
            for (Recording r : e.getValue()) {
                for (SessionFeatures unit : units(r, actions)) {
                    profile.learn(unit, 0L);
                }
            }
            profiles.put(e.getKey(), profile);
            sessions.put(e.getKey(), (int) profile.sessions());
        }
        return profiles;
    }

    private static void judge(BehaviourProfile profile, List<Recording> sessions, int n, List<ProfileDeviation> into) {
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        for (SessionFeatures unit : units(stream(sessions), n)) {
            into.add(profile.deviation(unit, SCALE));
        }
    }

    private static Row row(String label, int n, List<ProfileDeviation> owner, List<ProfileDeviation> others) {
        double[] o = distances(owner);
        double[] x = distances(others);
        long judged = owner.stream().filter(ProfileDeviation::judged).count()
                + others.stream().filter(ProfileDeviation::judged).count();
        double total = owner.size() + others.size();
        return new Row(label, n, o.length, x.length, total == 0 ? Double.NaN : judged / total,
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

    /** Rows by label, for the report. */
    public static Map<String, Row> byLabel(List<Row> rows) {
        Map<String, Row> map = new LinkedHashMap<>();
        rows.forEach(r -> map.put(r.units(), r));
        return map;
    }
}
