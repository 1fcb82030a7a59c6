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
        // Every batch is fingerprinted (the parser folds each into a fresh accumulator), so the fields
        // are hashed in place: no intermediate strings, no String.format (measured by bench/'s
        // AccumulatorBenchmark.deviceFingerprint: a fifth of the bytes foldBatch allocated).
        long hash = FNV_OFFSET_BASIS;
        hash = mix(hash, userAgent);
        hash = mixDecimal(hash, device.screenWidth());
        hash = mixByte(hash, 'x');
        hash = endField(mixDecimal(hash, device.screenHeight()));
        hash = mix(hash, Float.toString(device.pixelRatio()));
        hash = endField(mixDecimal(hash, device.hardwareConcurrency()));
        hash = endField(mixDecimal(hash, device.maxTouchPoints()));
        hash = mix(hash, device.platform());
        hash = mix(hash, device.language());
        hash = mix(hash, device.timezone());
        return hex(hash);
    }

    /** The field's UTF-8 bytes, then the separator. */
    private static long mix(long hash, String field) {
        if (field != null) {
            if (isAscii(field)) {
                for (int i = 0; i < field.length(); i++) {
                    hash = mixByte(hash, field.charAt(i));
                }
            } else {
                for (byte b : field.getBytes(StandardCharsets.UTF_8)) {
                    hash = mixByte(hash, b & 0xff);
                }
            }
        }
        return endField(hash);
    }

    /** The ASCII digits of {@code value} as {@link Integer#toString(int)} writes them. */
    private static long mixDecimal(long hash, int value) {
        if (value < 0) {
            hash = mixByte(hash, '-');
        }
        long magnitude = Math.abs((long) value);
        long divisor = 1;
        while (divisor * 10 <= magnitude) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            hash = mixByte(hash, '0' + (int) (magnitude / divisor % 10));
        }
        return hash;
    }

    private static long mixByte(long hash, int unsignedByte) {
        return (hash ^ unsignedByte) * FNV_PRIME;
    }

    private static long endField(long hash) {
        return mixByte(hash, SEPARATOR);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String hex(long hash) {
        char[] digits = new char[16];
        for (int i = 15; i >= 0; i--) {
            digits[i] = Character.forDigit((int) (hash & 0xf), 16);
            hash >>>= 4;
        }
        return new String(digits);
    }
}
