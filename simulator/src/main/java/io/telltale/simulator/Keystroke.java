package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;

/** One key press: keydown and keyup in ms since typing started, and the class of the key. */
public record Keystroke(int downMs, int upMs, KeyClass keyClass) {
    public Keystroke {
        if (upMs < downMs) {
            throw new IllegalArgumentException("key released at " + upMs + " before pressed at " + downMs);
        }
    }

    /** How long the key was held. */
    public int dwellMs() {
        return upMs - downMs;
    }

    /** The key class of a typed character, as the SDK would report it. */
    public static KeyClass classOf(char c) {
        if (Character.isLetter(c)) {
            return KeyClass.LETTER;
        }
        if (Character.isDigit(c)) {
            return KeyClass.DIGIT;
        }
        if (c == ' ') {
            return KeyClass.SPACE;
        }
        if (c == '\n') {
            return KeyClass.ENTER;
        }
        return KeyClass.PUNCTUATION;
    }
}
