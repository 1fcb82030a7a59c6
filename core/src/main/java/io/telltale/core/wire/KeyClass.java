package io.telltale.core.wire;

/**
 * The class of a key, the only thing the SDK reports about which key it was: never the key
 * value, never field contents. Enough to separate word rhythm from corrections and navigation.
 */
public enum KeyClass {
    LETTER(0),
    DIGIT(1),
    SPACE(2),
    BACKSPACE(3),
    MODIFIER(4),
    NAVIGATION(5),
    PUNCTUATION(6),
    ENTER(7),
    OTHER(8);

    private static final KeyClass[] BY_CODE = values();

    private final int code;

    KeyClass(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static KeyClass ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown key class code " + code);
        }
        return BY_CODE[code];
    }
}
