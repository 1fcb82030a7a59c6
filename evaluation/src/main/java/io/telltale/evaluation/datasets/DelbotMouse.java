package io.telltale.evaluation.datasets;

import io.telltale.core.wire.MouseKind;
import io.telltale.evaluation.DropCounts;
import io.telltale.evaluation.Normalisation;
import io.telltale.evaluation.Normalisation.RawMouse;
import io.telltale.evaluation.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DELBOT-Mouse (MIT): browser traces of circles drawn by people and by the bot tools pynput and
 * pyhm, {@code t_ms,Event,x,y} after a {@code resolution:W,H} line. Each folder is one person or
 * one tool; a few traces ({@code circles_human_fast/*pad*}) carry coordinates normalised to 0..1,
 * which are scaled back by the resolution.
 */
public final class DelbotMouse {

    public static final String SOURCE = "delbot";

    /** Folder → (family, user). The three human folders are three capture setups, taken as three people. */
    static final List<String[]> FOLDERS = List.of(
            new String[] {"circles_human_pc1", Recording.HUMAN, "pc1"},
            new String[] {"circles_human_pc2", Recording.HUMAN, "pc2"},
            new String[] {"circles_human_fast", Recording.HUMAN, "fast"},
            new String[] {"circles_bot_pynput", "delbot_pynput", "pynput"},
            new String[] {"circles_bot_pyhm", "delbot_pyhm", "pyhm"});

    private DelbotMouse() {}

    public static List<Recording> read(Path delbotRoot, DropCounts drops) throws IOException {
        List<Recording> recordings = new ArrayList<>();
        drops.add(SOURCE, "malformed row", 0); // reported even when there are none
        for (String[] folder : FOLDERS) {
            Path dir = delbotRoot.resolve(folder[0]);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path file : BalabitMouse.sorted(dir)) {
                boolean bot = !folder[1].equals(Recording.HUMAN);
                recordings.add(readTrace(file, folder[1], bot, SOURCE + ":" + folder[2],
                        SOURCE + ":" + folder[0] + ":" + file.getFileName(), drops));
            }
        }
        return recordings;
    }

    static Recording readTrace(Path file, String family, boolean bot, String userId, String sessionId, DropCounts drops)
            throws IOException {
        double width = 1;
        double height = 1;
        List<double[]> raw = new ArrayList<>();
        double maxCoordinate = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("resolution:")) {
                String[] wh = line.substring("resolution:".length()).split(",");
                width = Double.parseDouble(wh[0].trim());
                height = Double.parseDouble(wh[1].trim());
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                if (!line.isBlank()) {
                    drops.add(SOURCE, "malformed row");
                }
                continue;
            }
            MouseKind kind = switch (f[1].trim()) {
                case "Pressed" -> MouseKind.DOWN;
                case "Released" -> MouseKind.UP;
                case "Move" -> MouseKind.MOVE;
                default -> null;
            };
            if (kind == null) {
                drops.add(SOURCE, "unknown event " + f[1].trim());
                continue;
            }
            try {
                double t = Double.parseDouble(f[0]);
                double x = Double.parseDouble(f[2]);
                double y = Double.parseDouble(f[3]);
                maxCoordinate = Math.max(maxCoordinate, Math.max(x, y));
                raw.add(new double[] {t, x, y, kind.ordinal()});
            } catch (NumberFormatException e) {
                drops.add(SOURCE, "malformed row");
            }
        }
        boolean normalised = maxCoordinate <= 1.0;
        if (normalised && !raw.isEmpty()) {
            drops.add(SOURCE, "traces with 0..1 coordinates (scaled to the resolution)");
        }
        List<RawMouse> mouse = new ArrayList<>(raw.size());
        MouseKind[] kinds = MouseKind.values();
        for (double[] r : raw) {
            mouse.add(new RawMouse(r[0], normalised ? r[1] * width : r[1], normalised ? r[2] * height : r[2], kinds[(int) r[3]]));
        }
        return Normalisation.normalise(SOURCE, family, bot, userId, sessionId, DatasetClock.BASE_EPOCH_MS, mouse, List.of(),
                null, null, drops);
    }
}
