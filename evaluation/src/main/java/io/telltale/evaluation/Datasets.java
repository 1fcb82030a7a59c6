package io.telltale.evaluation;

import io.telltale.evaluation.datasets.AaltoKeystrokes;
import io.telltale.evaluation.datasets.BalabitMouse;
import io.telltale.evaluation.datasets.DelbotMouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The human (and DELBOT bot) sources under a datasets folder, by name. */
public final class Datasets {

    public static final List<String> SOURCES = List.of(BalabitMouse.SOURCE, DelbotMouse.SOURCE, AaltoKeystrokes.SOURCE);

    private Datasets() {}

    /** Whether {@code root} holds at least one of the sources. */
    public static boolean present(Path root) {
        return Files.isDirectory(root.resolve("balabit-mouse")) || Files.isDirectory(root.resolve("delbot-mouse"))
                || Files.isDirectory(root.resolve("aalto-keystrokes"));
    }

    public static List<Recording> read(Path root, String source, DropCounts drops) throws IOException {
        return switch (source) {
            case BalabitMouse.SOURCE -> BalabitMouse.read(root.resolve("balabit-mouse"), drops);
            case DelbotMouse.SOURCE -> DelbotMouse.read(root.resolve("delbot-mouse"), drops);
            case AaltoKeystrokes.SOURCE -> AaltoKeystrokes.read(root.resolve("aalto-keystrokes"), drops);
            default -> throw new IllegalArgumentException("unknown source " + source + ", expected one of " + SOURCES);
        };
    }
}
