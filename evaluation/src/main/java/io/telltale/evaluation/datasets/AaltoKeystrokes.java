package io.telltale.evaluation.datasets;

import io.telltale.core.wire.KeyClass;
import io.telltale.evaluation.DropCounts;
import io.telltale.evaluation.Normalisation;
import io.telltale.evaluation.Normalisation.RawKey;
import io.telltale.evaluation.Recording;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Aalto 136M Keystrokes (Dhakal et al., CHI 2018; non-commercial, with attribution): one
 * tab-separated file per participant, {@code PRESS_TIME} and {@code RELEASE_TIME} in epoch ms,
 * {@code LETTER} the key, {@code KEYCODE} the browser's {@code keyCode}. The key is reduced to its
 * {@link KeyClass} on reading and never kept. One participant's 15 sentences are one session.
 */
public final class AaltoKeystrokes {

    public static final String SOURCE = "aalto";

    private static final int PARTICIPANT = 0;
    private static final int PRESS_TIME = 5;
    private static final int RELEASE_TIME = 6;
    private static final int LETTER = 7;
    private static final int KEYCODE = 8;

    private AaltoKeystrokes() {}

    public static List<Recording> read(Path aaltoRoot, DropCounts drops) throws IOException {
        Path dir = aaltoRoot.resolve("keystroke-samples");
        List<Recording> recordings = new ArrayList<>();
        drops.add(SOURCE, "malformed row", 0); // reported even when there are none
        if (!Files.isDirectory(dir)) {
            return recordings;
        }
        for (Path file : BalabitMouse.sorted(dir)) {
            if (file.getFileName().toString().endsWith("_keystrokes.txt")) {
                recordings.add(readParticipant(file, drops));
            }
        }
        return recordings;
    }

    static Recording readParticipant(Path file, DropCounts drops) throws IOException {
        List<RawKey> keys = new ArrayList<>();
        String participant = file.getFileName().toString().replace("_keystrokes.txt", "");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("PARTICIPANT_ID") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 9) {
                    drops.add(SOURCE, "malformed row");
                    continue;
                }
                try {
                    long press = Long.parseLong(f[PRESS_TIME].trim());
                    long release = Long.parseLong(f[RELEASE_TIME].trim());
                    participant = f[PARTICIPANT].trim();
                    keys.add(new RawKey(press, release, keyClass(f[LETTER], f[KEYCODE].trim())));
                } catch (NumberFormatException e) {
                    drops.add(SOURCE, "malformed row");
                }
            }
        }
        long origin = keys.stream().mapToLong(k -> Math.round(k.downMs())).min().orElse(0);
        List<RawKey> relative = new ArrayList<>(keys.size());
        for (RawKey k : keys) {
            relative.add(new RawKey(k.downMs() - origin, k.upMs() - origin, k.keyClass()));
        }
        return Normalisation.normalise(SOURCE, Recording.HUMAN, false, SOURCE + ":" + participant,
                SOURCE + ":" + participant, origin, List.of(), relative, null, null, drops);
    }

    /**
     * The class of a key as the dataset names it: a character, or a name like {@code BKSP},
     * {@code SHIFT}. In 50 of the 300 participants' files every character is empty (33,321 of 220,068
     * rows), named keys are not; there the {@code keyCode} says which kind of key it was, as the SDK
     * falls back to the physical key when a browser gives no character.
     */
    static KeyClass keyClass(String key, String keyCode) {
        if (key.isEmpty()) {
            try {
                return keyClassOfCode(Integer.parseInt(keyCode));
            } catch (NumberFormatException e) {
                return KeyClass.OTHER;
            }
        }
        if (key.length() == 1) {
            char c = key.charAt(0);
            if (Character.isLetter(c)) {
                return KeyClass.LETTER;
            }
            if (Character.isDigit(c)) {
                return KeyClass.DIGIT;
            }
            if (c == ' ') {
                return KeyClass.SPACE;
            }
            return KeyClass.PUNCTUATION;
        }
        return switch (key) {
            case "BKSP" -> KeyClass.BACKSPACE;
            case "SHIFT", "CTRL", "ALT", "CAPS_LOCK", "META", "WIN" -> KeyClass.MODIFIER;
            case "ENTER" -> KeyClass.ENTER;
            case "TAB", "ARW_LEFT", "ARW_RIGHT", "ARW_UP", "ARW_DOWN", "ARw_DOWN", "HOME", "END", "PAGE_UP", "PAGE_DOWN" -> KeyClass.NAVIGATION;
            default -> KeyClass.OTHER;
        };
    }

    /** A browser {@code keyCode} (US layout codes; Firefox's 59, 61, 173 for ; = -) to its class. */
    static KeyClass keyClassOfCode(int keyCode) {
        if (keyCode >= 65 && keyCode <= 90) {
            return KeyClass.LETTER;
        }
        if ((keyCode >= 48 && keyCode <= 57) || (keyCode >= 96 && keyCode <= 105)) {
            return KeyClass.DIGIT;
        }
        if ((keyCode >= 186 && keyCode <= 192) || (keyCode >= 219 && keyCode <= 222) || (keyCode >= 106 && keyCode <= 111)) {
            return KeyClass.PUNCTUATION;
        }
        return switch (keyCode) {
            case 32 -> KeyClass.SPACE;
            case 8, 46 -> KeyClass.BACKSPACE;
            case 13 -> KeyClass.ENTER;
            case 16, 17, 18, 20, 91, 92, 93, 225 -> KeyClass.MODIFIER;
            case 9, 33, 34, 35, 36, 37, 38, 39, 40 -> KeyClass.NAVIGATION;
            case 59, 61, 63, 163, 173 -> KeyClass.PUNCTUATION;
            default -> KeyClass.OTHER;
        };
    }
}
