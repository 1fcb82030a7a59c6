package io.telltale.evaluation;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.MouseKind;

/**
 * One recorded session after {@link Normalisation}: pointer and key samples in integer ms since
 * {@link #startEpochMs}, integer CSS pixels, time-ordered. Only key classes are kept, never keys.
 *
 * @param source    where it comes from: {@code balabit}, {@code delbot}, {@code aalto}, {@code simulator}
 * @param family    {@code human} or the bot family that produced it
 * @param userId    the person (humans) or script instance (bots): splits are made on it
 * @param device    what the browser reported about itself; {@link DeviceInfo#UNKNOWN} for datasets
 * @param userAgent the browser's user agent, or null
 */
public record Recording(
        String source,
        String family,
        boolean bot,
        String userId,
        String sessionId,
        long startEpochMs,
        int[] mouseT,
        int[] mouseX,
        int[] mouseY,
        byte[] mouseKind,
        int[] keyT,
        boolean[] keyDown,
        byte[] keyClass,
        DeviceInfo device,
        String userAgent) {

    public static final String HUMAN = "human";

    public Recording {
        device = device == null ? DeviceInfo.UNKNOWN : device;
        if (mouseT.length != mouseX.length || mouseT.length != mouseY.length || mouseT.length != mouseKind.length
                || keyT.length != keyDown.length || keyT.length != keyClass.length) {
            throw new IllegalArgumentException("columns of unequal length in " + sessionId);
        }
    }

    /** Ms from the first to the last sample of any kind. */
    public int durationMs() {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        if (mouseT.length > 0) {
            first = Math.min(first, mouseT[0]);
            last = Math.max(last, mouseT[mouseT.length - 1]);
        }
        if (keyT.length > 0) {
            first = Math.min(first, keyT[0]);
            last = Math.max(last, keyT[keyT.length - 1]);
        }
        return first == Integer.MAX_VALUE ? 0 : last - first;
    }

    /** Ms of the first sample of any kind. */
    public int firstMs() {
        int first = Integer.MAX_VALUE;
        if (mouseT.length > 0) {
            first = mouseT[0];
        }
        if (keyT.length > 0) {
            first = Math.min(first, keyT[0]);
        }
        return first == Integer.MAX_VALUE ? 0 : first;
    }

    public int moveCount() {
        int n = 0;
        for (byte k : mouseKind) {
            if (k == MouseKind.MOVE.code()) {
                n++;
            }
        }
        return n;
    }

    public boolean hasMouse() {
        return mouseT.length > 0;
    }

    public boolean hasKeys() {
        return keyT.length > 0;
    }

    /** The same session without its key samples. */
    public Recording withoutKeys() {
        return new Recording(source, family, bot, userId, sessionId, startEpochMs, mouseT, mouseX, mouseY, mouseKind,
                new int[0], new boolean[0], new byte[0], device, userAgent);
    }

    /** The same session without its pointer samples. */
    public Recording withoutMouse() {
        return new Recording(source, family, bot, userId, sessionId, startEpochMs, new int[0], new int[0], new int[0],
                new byte[0], keyT, keyDown, keyClass, device, userAgent);
    }

    /** The same behaviour with nothing the browser says about itself: only movement and typing remain. */
    public Recording withoutDevice() {
        return new Recording(source, family, bot, userId, sessionId, startEpochMs, mouseT, mouseX, mouseY, mouseKind,
                keyT, keyDown, keyClass, DeviceInfo.UNKNOWN, null);
    }

    public Recording withMouse(int[] t, int[] x, int[] y, byte[] kind) {
        return new Recording(source, family, bot, userId, sessionId, startEpochMs, t, x, y, kind,
                keyT, keyDown, keyClass, device, userAgent);
    }

    public Recording relabelled(String newSource, String newFamily, String newSessionId) {
        return new Recording(newSource, newFamily, bot, userId, newSessionId, startEpochMs, mouseT, mouseX, mouseY,
                mouseKind, keyT, keyDown, keyClass, device, userAgent);
    }
}
