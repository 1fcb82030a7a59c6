package io.telltale.core.wire;

/** Phase of a touch sample, as in the DOM's touchstart/touchmove/touchend/touchcancel. */
public enum TouchPhase {
    START(0),
    MOVE(1),
    END(2),
    CANCEL(3);

    private static final TouchPhase[] BY_CODE = values();

    private final int code;

    TouchPhase(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TouchPhase ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown touch phase code " + code);
        }
        return BY_CODE[code];
    }
}
