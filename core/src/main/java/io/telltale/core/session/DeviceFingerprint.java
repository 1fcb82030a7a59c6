package io.telltale.core.session;

import io.telltale.core.wire.DeviceInfo;
import java.nio.charset.StandardCharsets;

/**
 * A stable identifier of a browser from what it reports about itself: the user agent, screen
 * size, pixel ratio, hardware concurrency, touch points, platform, language and time zone. The
 * same browser coming back on another network, or in another session, gets the same one, which
 * is what campaign patterns key on. The viewport is left out: it changes whenever a window is
 * resized. Not a secret and not unique: many people share a common configuration, so it is a
 * grouping key, never evidence on its own.
 *
 * <p>64-bit FNV-1a over the fields with a separator byte between them, as 16 hex digits.
 */
public final class DeviceFingerprint {

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = 0x1f;

    private DeviceFingerprint() {}

    /** @return the fingerprint, or null when the browser reported nothing to identify it by */
    public static String of(String userAgent, DeviceInfo device) {
        if (userAgent == null && DeviceInfo.UNKNOWN.equals(device)) {
            return null;
        }
        long hash = FNV_OFFSET_BASIS;
        hash = mix(hash, userAgent);
        hash = mix(hash, device.screenWidth() + "x" + device.screenHeight());
        hash = mix(hash, Float.toString(device.pixelRatio()));
        hash = mix(hash, Integer.toString(device.hardwareConcurrency()));
        hash = mix(hash, Integer.toString(device.maxTouchPoints()));
        hash = mix(hash, device.platform());
        hash = mix(hash, device.language());
        hash = mix(hash, device.timezone());
        return String.format("%016x", hash);
    }

    private static long mix(long hash, String field) {
        if (field != null) {
            for (byte b : field.getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= FNV_PRIME;
            }
        }
        hash ^= SEPARATOR;
        return hash * FNV_PRIME;
    }
}
