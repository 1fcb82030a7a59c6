package io.telltale.core.scoring;

import io.telltale.core.features.Feature;
import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.features.SessionFeatures;
import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Development tool, not a test: prints per-source feature quantiles of the real human (and bot)
 * recordings in the shared datasets, the evidence behind {@code human-norms-v1.properties}.
 * Each recording is cut into 5 s batches and folded as the job would.
 *
 * <pre>
 * mvn -o -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes \
 *     io.telltale.core.scoring.HumanNormsCalibration /work/shared/datasets [filesPerSource]
 * </pre>
 */
public final class HumanNormsCalibration {

    private static final long BATCH_MS = 5_000;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets");
        int perSource = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        if (!Files.isDirectory(root)) {
            System.out.println("no datasets at " + root + ", nothing to do");
            return;
        }
        for (String source : List.of("circles_human_pc1", "circles_human_pc2", "circles_human_fast",
                "circles_bot_pynput", "circles_bot_pyhm")) {
            report("delbot/" + source, files(root.resolve("delbot-mouse").resolve(source), perSource), HumanNormsCalibration::delbot);
        }
        List<Path> balabit = new ArrayList<>();
        try (Stream<Path> users = Files.list(root.resolve("balabit-mouse/training_files"))) {
            for (Path user : users.sorted().toList()) {
                balabit.addAll(files(user, Math.max(1, perSource / 10)));
            }
        }
        report("balabit", balabit, HumanNormsCalibration::balabit);
        report("aalto", files(root.resolve("aalto-keystrokes/keystroke-samples"), perSource), HumanNormsCalibration::aalto);
    }

    private interface Reader {
        SessionFeatures read(Path file) throws IOException;
    }

    private static List<Path> files(Path dir, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().limit(limit).toList();
        }
    }

    private static void report(String source, List<Path> files, Reader reader) throws IOException {
        Map<Feature, List<Double>> values = new EnumMap<>(Feature.class);
        HumanNormsModel model = HumanNormsModel.standard();
        int judged = 0;
        int challenged = 0;
        int blocked = 0;
        for (Path file : files) {
            SessionFeatures features = reader.read(file);
            RiskAssessment verdict = model.assess(features);
            if (verdict.sufficientEvidence()) {
                judged++;
            }
            if (verdict.score() >= ActionThresholds.DEFAULT.challenge()) {
                challenged++;
                System.out.printf("  %s %.2f %s%n", file.getFileName(), verdict.score(), verdict.reasons());
            }
            if (verdict.score() >= ActionThresholds.DEFAULT.block()) {
                blocked++;
            }
            for (Feature feature : Feature.values()) {
                if (features.has(feature)) {
                    values.computeIfAbsent(feature, f -> new ArrayList<>()).add(features.get(feature));
                }
            }
        }
        System.out.printf("%n== %s (%d recordings, %d with sufficient evidence, %s: %d challenged, %d blocked)%n%-32s %5s %9s %9s %9s %9s %9s %9s %9s%n", source, files.size(), judged,
                model.version(), challenged, blocked, "feature", "n", "p1", "p5", "p25", "p50", "p75", "p95", "p99");
        for (Map.Entry<Feature, List<Double>> entry : values.entrySet()) {
            double[] v = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-32s %5d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", entry.getKey().key(), v.length,
                    q(v, 0.01), q(v, 0.05), q(v, 0.25), q(v, 0.5), q(v, 0.75), q(v, 0.95), q(v, 0.99));
        }
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /**
     * {@code t_ms,Event,x,y} with a {@code resolution:W,H} header; Pressed/Released/Move. A few
     * recordings (circles_human_fast/*pad*) carry coordinates normalised to 0..1: scaled back.
     */
    private static SessionFeatures delbot(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double width = 1;
        double height = 1;
        List<double[]> raw = new ArrayList<>();
        double maxCoordinate = 0;
        for (String line : lines) {
            if (line.startsWith("resolution:")) {
                String[] wh = line.substring("resolution:".length()).split(",");
                width = Double.parseDouble(wh[0]);
                height = Double.parseDouble(wh[1]);
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                continue;
            }
            int kind = switch (f[1]) {
                case "Pressed" -> MouseKind.DOWN.code();
                case "Released" -> MouseKind.UP.code();
                default -> MouseKind.MOVE.code();
            };
            double x = Double.parseDouble(f[2]);
            double y = Double.parseDouble(f[3]);
            maxCoordinate = Math.max(maxCoordinate, Math.max(x, y));
            raw.add(new double[] {Double.parseDouble(f[0]), x, y, kind});
        }
        boolean normalised = maxCoordinate <= 1.0;
        List<long[]> samples = new ArrayList<>();
        for (double[] r : raw) {
            samples.add(new long[] {Math.round(r[0]), Math.round(normalised ? r[1] * width : r[1]),
                    Math.round(normalised ? r[2] * height : r[2]), (long) r[3]});
        }
        return mouseFeatures(samples);
    }

    /** Balabit: {@code record timestamp,client timestamp (s),button,state,x,y}. */
    private static SessionFeatures balabit(Path file) throws IOException {
        List<long[]> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",");
            if (f.length != 6 || f[0].startsWith("record")) {
                continue;
            }
            int kind = switch (f[3]) {
                case "Pressed" -> MouseKind.DOWN.code();
                case "Released" -> MouseKind.UP.code();
                case "Up", "Down" -> MouseKind.WHEEL.code();
                default -> MouseKind.MOVE.code();
            };
            long t = Math.round(Double.parseDouble(f[1]) * 1000);
            if (!samples.isEmpty() && t < samples.get(samples.size() - 1)[0]) {
                continue; // clock wrap
            }
            samples.add(new long[] {t, Integer.parseInt(f[4]), Integer.parseInt(f[5]), kind});
        }
        return mouseFeatures(samples);
    }

    private static SessionFeatures mouseFeatures(List<long[]> samples) {
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        int from = 0;
        long sequence = 0;
        while (from < samples.size()) {
            long start = samples.get(from)[0];
            int to = from;
            while (to < samples.size() && samples.get(to)[0] < start + BATCH_MS) {
                to++;
            }
            int n = to - from;
            int[] t = new int[n];
            int[] x = new int[n];
            int[] y = new int[n];
            byte[] kind = new byte[n];
            for (int i = 0; i < n; i++) {
                long[] s = samples.get(from + i);
                t[i] = (int) (s[0] - start);
                x[i] = (int) s[1];
                y[i] = (int) s[2];
                kind[i] = (byte) s[3];
            }
            acc.add(batch(sequence++, start, new MouseTrack(t, x, y, kind), null));
            from = to;
        }
        return acc.features();
    }

    /** Aalto: tab-separated, PRESS_TIME and RELEASE_TIME epoch ms, LETTER the key. */
    private static SessionFeatures aalto(Path file) throws IOException {
        List<long[]> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length < 9 || f[0].startsWith("PARTICIPANT")) {
                continue;
            }
            try {
                long press = Long.parseLong(f[5].trim());
                long release = Long.parseLong(f[6].trim());
                int keyClass = keyClass(f[7]).code();
                events.add(new long[] {press, 1, keyClass});
                events.add(new long[] {release, 0, keyClass});
            } catch (NumberFormatException malformed) {
                // a few malformed rows in the set
            }
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        int from = 0;
        long sequence = 0;
        while (from < events.size()) {
            long start = events.get(from)[0];
            int to = from;
            while (to < events.size() && events.get(to)[0] < start + BATCH_MS) {
                to++;
            }
            int n = to - from;
            int[] t = new int[n];
            boolean[] down = new boolean[n];
            byte[] cls = new byte[n];
            for (int i = 0; i < n; i++) {
                long[] e = events.get(from + i);
                t[i] = (int) (e[0] - start);
                down[i] = e[1] == 1;
                cls[i] = (byte) e[2];
            }
            acc.add(batch(sequence++, start, null, new KeyTrack(t, down, cls)));
            from = to;
        }
        return acc.features();
    }

    private static KeyClass keyClass(String key) {
        if (key.length() == 1) {
            char c = key.charAt(0);
            if (Character.isLetter(c)) return KeyClass.LETTER;
            if (Character.isDigit(c)) return KeyClass.DIGIT;
            if (c == ' ') return KeyClass.SPACE;
            return KeyClass.PUNCTUATION;
        }
        return switch (key) {
            case "BKSP" -> KeyClass.BACKSPACE;
            case "SHIFT", "CTRL", "ALT" -> KeyClass.MODIFIER;
            default -> KeyClass.OTHER;
        };
    }

    private static TelemetryBatch batch(long sequence, long start, MouseTrack mouse, KeyTrack keys) {
        return new TelemetryBatch(WireVersion.CURRENT, "calibration", null, sequence, start, start, 0, "/", null, null,
                null, mouse, keys, null, null);
    }

    private HumanNormsCalibration() {}
}
