package io.telltale.core.wire;

/** What a mouse sample is. The wire carries {@link #code()}. */
public enum MouseKind {
    MOVE(0),
    DOWN(1),
    UP(2),
    CLICK(3),
    WHEEL(4);

    private static final MouseKind[] BY_CODE = values();

    private final int code;

    MouseKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no version of the wire format defines */
    public static MouseKind ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown mouse kind code " + code);
        }
        return BY_CODE[code];
    }
}
