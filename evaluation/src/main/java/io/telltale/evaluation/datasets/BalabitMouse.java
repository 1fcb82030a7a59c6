package io.telltale.evaluation.datasets;

import io.telltale.core.wire.MouseKind;
import io.telltale.evaluation.DropCounts;
import io.telltale.evaluation.Normalisation;
import io.telltale.evaluation.Normalisation.RawMouse;
import io.telltale.evaluation.Recording;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Balabit Mouse Dynamics Challenge (Fülöp et al. 2016): remote-desktop mouse logs,
 * {@code record timestamp,client timestamp,button,state,x,y} with times in seconds.
 * {@code training_files/<user>/} are the account owners; {@code test_files/<user>/} are scored
 * only where {@code public_labels.csv} says who it was: {@code is_illegal=0} is the owner,
 * {@code is_illegal=1} another human whose identity is unknown (a user of its own here).
 * Unlabelled test sessions are left out: who moved is unknown.
 */
public final class BalabitMouse {

    public static final String SOURCE = "balabit";

    /** The RDP client clock is a 32-bit ms counter: it wraps after 2^32 ms. */
    static final double CLOCK_WRAP_S = 4_294_967.296;
    /** A backwards jump larger than this is a wrap, not jitter. */
    static final double WRAP_DETECT_S = 1_000;

    private BalabitMouse() {}

    public static List<Recording> read(Path balabitRoot, DropCounts drops) throws IOException {
        Map<String, Boolean> illegal = labels(balabitRoot.resolve("public_labels.csv"));
        List<Recording> recordings = new ArrayList<>();
        drops.add(SOURCE, "malformed row", 0); // reported even when there are none
        for (String part : List.of("training_files", "test_files")) {
            Path dir = balabitRoot.resolve(part);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path userDir : sorted(dir)) {
                String user = userDir.getFileName().toString();
                for (Path file : sorted(userDir)) {
                    String session = file.getFileName().toString();
                    String userId = SOURCE + ":" + user;
                    if (part.equals("test_files")) {
                        Boolean isIllegal = illegal.get(session);
                        if (isIllegal == null) {
                            drops.add(SOURCE, "test session without a public label (left out)");
                            continue;
                        }
                        if (isIllegal) {
                            userId = SOURCE + ":other-human:" + session;
                        }
                    }
                    recordings.add(readSession(file, userId, SOURCE + ":" + part + ":" + user + ":" + session, drops));
                }
            }
        }
        return recordings;
    }

    static Recording readSession(Path file, String userId, String sessionId, DropCounts drops) throws IOException {
        List<RawMouse> mouse = new ArrayList<>();
        double offset = 0;
        double previous = Double.NEGATIVE_INFINITY;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length != 6 || f[0].startsWith("record")) {
                    if (!line.isBlank() && !line.startsWith("record")) {
                        drops.add(SOURCE, "malformed row");
                    }
                    continue;
                }
                MouseKind kind = switch (f[3]) {
                    case "Pressed" -> MouseKind.DOWN;
                    case "Released" -> MouseKind.UP;
                    case "Up", "Down" -> MouseKind.WHEEL;
                    default -> MouseKind.MOVE; // Move, Drag
                };
                double t;
                int x;
                int y;
                try {
                    t = Double.parseDouble(f[1]);
                    x = Integer.parseInt(f[4].trim());
                    y = Integer.parseInt(f[5].trim());
                } catch (NumberFormatException e) {
                    drops.add(SOURCE, "malformed row");
                    continue;
                }
                if (t + offset < previous - WRAP_DETECT_S) {
                    offset += CLOCK_WRAP_S;
                    drops.add(SOURCE, "client clock wraps unwrapped");
                }
                previous = t + offset;
                mouse.add(new RawMouse((t + offset) * 1000, x, y, kind));
            }
        }
        return Normalisation.normalise(SOURCE, Recording.HUMAN, false, userId, sessionId, DatasetClock.BASE_EPOCH_MS,
                mouse, List.of(), null, null, drops);
    }

    private static Map<String, Boolean> labels(Path csv) throws IOException {
        Map<String, Boolean> labels = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return labels;
        }
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length == 2 && f[1].trim().matches("[01]")) {
                labels.put(f[0].trim(), f[1].trim().equals("1"));
            }
        }
        return labels;
    }

    static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
