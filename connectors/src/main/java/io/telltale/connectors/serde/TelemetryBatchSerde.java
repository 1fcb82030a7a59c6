package io.telltale.connectors.serde;

import static io.telltale.connectors.serde.DeadLetterReason.BAD_TIMESTAMP;
import static io.telltale.connectors.serde.DeadLetterReason.INCONSISTENT_TRACK;
import static io.telltale.connectors.serde.DeadLetterReason.INVALID_VALUE;
import static io.telltale.connectors.serde.DeadLetterReason.UNSUPPORTED_VERSION;

import com.fasterxml.jackson.core.JsonGenerator;
import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.ScrollTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.TouchPhase;
import io.telltale.core.wire.TouchTrack;
import io.telltale.core.wire.WireVersion;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * JSON wire format v1 of {@link TelemetryBatch}, the browser's record; docs/wire-format.md is the
 * specification. Reading validates everything a browser (or a bot pretending to be one) can get
 * wrong, against {@link ValidationLimits} and a clock for "too far in the future".
 *
 * <p>Thread-safe; holds only its limits and clock.
 */
public final class TelemetryBatchSerde implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Bytes per sample in the compact JSON, to size the output buffer in one go. */
    private static final int BYTES_PER_SAMPLE_HINT = 24;
    private static final int BYTES_FIXED_HINT = 512;

    /**
     * Longest {@code pageId}: a UUID fits, the SDK's ids are 16 characters. Short because the job
     * keeps page streams per session (io.telltale.core.session.PageSequences).
     */
    public static final int MAX_PAGE_ID_LENGTH = 36;

    private final ValidationLimits limits;
    private final Clock clock;

    public TelemetryBatchSerde() {
        this(ValidationLimits.DEFAULTS, Clock.systemUTC());
    }

    public TelemetryBatchSerde(ValidationLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ValidationLimits limits() {
        return limits;
    }

    // ---- writing --------------------------------------------------------------------------

    public byte[] serialize(TelemetryBatch b) {
        int hint = BYTES_FIXED_HINT + BYTES_PER_SAMPLE_HINT * b.eventCount();
        return WireJson.write(hint, g -> {
            g.writeStartObject();
            g.writeNumberField("v", b.schemaVersion());
            g.writeStringField("sessionId", b.sessionId());
            WireJson.writeStringIfPresent(g, "userId", b.userId());
            WireJson.writeStringIfPresent(g, "pageId", b.pageId());
            g.writeNumberField("seq", b.sequence());
            g.writeNumberField("startedAt", b.startedAt());
            g.writeNumberField("sentAt", b.sentAt());
            if (b.receivedAt() != 0) {
                g.writeNumberField("receivedAt", b.receivedAt());
            }
            WireJson.writeStringIfPresent(g, "route", b.route());
            WireJson.writeStringIfPresent(g, "userAgent", b.userAgent());
            WireJson.writeStringIfPresent(g, "clientIp", b.clientIp());
            if (!DeviceInfo.UNKNOWN.equals(b.device())) {
                writeDevice(g, b.device());
            }
            if (b.mouse().size() > 0) {
                MouseTrack m = b.mouse();
                g.writeObjectFieldStart("mouse");
                writeInts(g, "t", m.t());
                writeInts(g, "x", m.x());
                writeInts(g, "y", m.y());
                writeCodes(g, "kind", m.kind());
                g.writeEndObject();
            }
            if (b.keys().size() > 0) {
                KeyTrack k = b.keys();
                g.writeObjectFieldStart("keys");
                writeInts(g, "t", k.t());
                g.writeArrayFieldStart("down");
                for (boolean down : k.down()) {
                    g.writeNumber(down ? 1 : 0);
                }
                g.writeEndArray();
                writeCodes(g, "cls", k.keyClass());
                g.writeEndObject();
            }
            if (b.scroll().size() > 0) {
                ScrollTrack s = b.scroll();
                g.writeObjectFieldStart("scroll");
                writeInts(g, "t", s.t());
                writeInts(g, "dx", s.dx());
                writeInts(g, "dy", s.dy());
                g.writeEndObject();
            }
            if (b.touch().size() > 0) {
                TouchTrack t = b.touch();
                g.writeObjectFieldStart("touch");
                writeInts(g, "t", t.t());
                writeInts(g, "x", t.x());
                writeInts(g, "y", t.y());
                writeCodes(g, "phase", t.phase());
                if (t.radius() != null) {
                    writeFloats(g, "radius", t.radius());
                }
                if (t.force() != null) {
                    writeFloats(g, "force", t.force());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static void writeDevice(JsonGenerator g, DeviceInfo d) throws IOException {
        g.writeObjectFieldStart("device");
        g.writeBooleanField("webdriver", d.webdriver());
        g.writeArrayFieldStart("headlessHints");
        for (String hint : d.headlessHints()) {
            g.writeString(hint);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("screen");
        g.writeNumber(d.screenWidth());
        g.writeNumber(d.screenHeight());
        g.writeEndArray();
        g.writeArrayFieldStart("viewport");
        g.writeNumber(d.viewportWidth());
        g.writeNumber(d.viewportHeight());
        g.writeEndArray();
        WireJson.requireFinite("device.pixelRatio", d.pixelRatio());
        g.writeNumberField("pixelRatio", d.pixelRatio());
        g.writeNumberField("hardwareConcurrency", d.hardwareConcurrency());
        g.writeNumberField("maxTouchPoints", d.maxTouchPoints());
        WireJson.writeStringIfPresent(g, "platform", d.platform());
        WireJson.writeStringIfPresent(g, "language", d.language());
        WireJson.writeStringIfPresent(g, "timezone", d.timezone());
        g.writeNumberField("untrustedEvents", d.untrustedEvents());
        g.writeEndObject();
    }

    private static void writeInts(JsonGenerator g, String field, int[] values) throws IOException {
        g.writeFieldName(field);
        g.writeArray(values, 0, values.length);
    }

    private static void writeCodes(JsonGenerator g, String field, byte[] codes) throws IOException {
        g.writeArrayFieldStart(field);
        for (byte code : codes) {
            g.writeNumber(code);
        }
        g.writeEndArray();
    }

    private static void writeFloats(JsonGenerator g, String field, float[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (float value : values) {
            WireJson.requireFinite("touch." + field, value);
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    // ---- reading --------------------------------------------------------------------------

    /**
     * Parses and validates one batch.
     *
     * @throws InvalidRecordException with the dead-letter reason and the field path at fault
     */
    public TelemetryBatch deserialize(byte[] payload) throws InvalidRecordException {
        try (WireReader r = WireReader.open(payload, limits.maxPayloadBytes())) {
            r.beginRoot();
            Integer version = null;
            String sessionId = null;
            String userId = null;
            String pageId = null;
            Long sequence = null;
            Long startedAt = null;
            Long sentAt = null;
            long receivedAt = 0;
            String route = null;
            String userAgent = null;
            String clientIp = null;
            DeviceInfo device = null;
            MouseTrack mouse = null;
            KeyTrack keys = null;
            ScrollTrack scroll = null;
            TouchTrack touch = null;
            int maxString = limits.maxStringLength();
            for (String field = r.nextField(); field != null; field = r.nextField()) {
                switch (field) {
                    case "v" -> version = checkVersion(r.intValue("v"));
                    case "sessionId" -> sessionId = r.stringOrNull("sessionId", maxString);
                    case "userId" -> userId = r.stringOrNull("userId", maxString);
                    case "pageId" -> pageId = r.stringOrNull("pageId", MAX_PAGE_ID_LENGTH);
                    case "seq" -> sequence = r.isNull() ? null : r.longValue("seq");
                    case "startedAt" -> startedAt = r.isNull() ? null : r.longValue("startedAt");
                    case "sentAt" -> sentAt = r.isNull() ? null : r.longValue("sentAt");
                    case "receivedAt" -> receivedAt = r.isNull() ? 0 : r.longValue("receivedAt");
                    case "route" -> route = r.stringOrNull("route", maxString);
                    case "userAgent" -> userAgent = r.stringOrNull("userAgent", maxString);
                    case "clientIp" -> clientIp = r.stringOrNull("clientIp", maxString);
                    case "device" -> device = r.isNull() ? null : readDevice(r);
                    case "mouse" -> mouse = r.isNull() ? null : readMouse(r);
                    case "keys" -> keys = r.isNull() ? null : readKeys(r);
                    case "scroll" -> scroll = r.isNull() ? null : readScroll(r);
                    case "touch" -> touch = r.isNull() ? null : readTouch(r);
                    default -> r.skipValue(); // forward compatible within v1
                }
            }
            r.finish();

            if (version == null) {
                throw WireReader.missing("v");
            }
            if (sessionId == null) {
                throw WireReader.missing("sessionId");
            }
            if (sessionId.isBlank()) {
                throw new InvalidRecordException(INVALID_VALUE, "sessionId must not be empty or blank");
            }
            if (pageId != null) {
                checkPageId(pageId);
            }
            if (sequence == null) {
                throw WireReader.missing("seq");
            }
            if (sequence < 0) {
                throw new InvalidRecordException(INVALID_VALUE, "seq = " + sequence + " must be >= 0");
            }
            if (startedAt == null) {
                throw WireReader.missing("startedAt");
            }
            if (sentAt == null) {
                throw WireReader.missing("sentAt");
            }
            long latest = clock.millis() + limits.maxClockSkewMillis();
            checkEpoch("startedAt", startedAt, latest);
            checkEpoch("sentAt", sentAt, latest);
            if (sentAt < startedAt) {
                throw new InvalidRecordException(BAD_TIMESTAMP,
                        "sentAt = " + sentAt + " is before startedAt = " + startedAt);
            }
            if (receivedAt < 0) {
                throw new InvalidRecordException(BAD_TIMESTAMP, "receivedAt = " + receivedAt + " must be > 0 when present");
            }
            return new TelemetryBatch(version, sessionId, userId, pageId, sequence, startedAt, sentAt, receivedAt,
                    route, userAgent, clientIp, device, mouse, keys, scroll, touch);
        }
    }

    /** 1 to {@link #MAX_PAGE_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -} (its length is checked on reading). */
    private static void checkPageId(String pageId) throws InvalidRecordException {
        if (pageId.isEmpty()) {
            throw new InvalidRecordException(INVALID_VALUE, "pageId must not be empty; leave it out when there is none");
        }
        for (int i = 0; i < pageId.length(); i++) {
            char c = pageId.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!allowed) {
                throw new InvalidRecordException(INVALID_VALUE,
                        "pageId may only hold A-Z a-z 0-9 _ -, found '" + c + "' at " + i);
            }
        }
    }

    static int checkVersion(int version) throws InvalidRecordException {
        if (version != WireVersion.CURRENT) {
            throw new InvalidRecordException(UNSUPPORTED_VERSION,
                    "v = " + version + " is not supported, this build reads v" + WireVersion.CURRENT);
        }
        return version;
    }

    static void checkEpoch(String path, long value, long latest) throws InvalidRecordException {
        if (value <= 0) {
            throw new InvalidRecordException(BAD_TIMESTAMP, path + " = " + value + " must be a positive epoch ms");
        }
        if (value > latest) {
            throw new InvalidRecordException(BAD_TIMESTAMP,
                    path + " = " + value + " is more than the allowed clock skew in the future (latest accepted " + latest + ")");
        }
    }

    private DeviceInfo readDevice(WireReader r) throws InvalidRecordException {
        r.beginObject("device");
        boolean webdriver = false;
        List<String> headlessHints = List.of();
        int[] screen = {0, 0};
        int[] viewport = {0, 0};
        float pixelRatio = 0f;
        int hardwareConcurrency = 0;
        int maxTouchPoints = 0;
        String platform = null;
        String language = null;
        String timezone = null;
        int untrustedEvents = 0;
        int maxString = limits.maxStringLength();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            if (r.isNull()) {
                continue; // every device field is optional; null means "the browser did not say"
            }
            switch (field) {
                case "webdriver" -> webdriver = r.booleanValue("device.webdriver");
                case "headlessHints" -> headlessHints =
                        r.stringListOrNull("device.headlessHints", limits.maxTrackLength(), maxString);
                case "screen" -> screen = readSize(r, "device.screen");
                case "viewport" -> viewport = readSize(r, "device.viewport");
                case "pixelRatio" -> {
                    pixelRatio = r.floatValue("device.pixelRatio");
                    requireRange("device.pixelRatio", pixelRatio, 0, limits.maxCoordinate());
                }
                case "hardwareConcurrency" -> hardwareConcurrency = nonNegative(r, "device.hardwareConcurrency");
                case "maxTouchPoints" -> maxTouchPoints = nonNegative(r, "device.maxTouchPoints");
                case "platform" -> platform = r.stringOrNull("device.platform", maxString);
                case "language" -> language = r.stringOrNull("device.language", maxString);
                case "timezone" -> timezone = r.stringOrNull("device.timezone", maxString);
                case "untrustedEvents" -> untrustedEvents = nonNegative(r, "device.untrustedEvents");
                default -> r.skipValue();
            }
        }
        return new DeviceInfo(webdriver, headlessHints, screen[0], screen[1], viewport[0], viewport[1], pixelRatio,
                hardwareConcurrency, maxTouchPoints, platform, language, timezone, untrustedEvents);
    }

    /** {@code [width, height]}, each in [0, maxCoordinate]. */
    private int[] readSize(WireReader r, String path) throws InvalidRecordException {
        int[] size = r.intArrayOrNull(path, limits.maxTrackLength());
        if (size.length != 2) {
            throw new InvalidRecordException(INVALID_VALUE, path + " must be [width, height], got " + size.length + " entries");
        }
        for (int i = 0; i < 2; i++) {
            requireRange(path + "[" + i + "]", size[i], 0, limits.maxCoordinate());
        }
        return size;
    }

    private static int nonNegative(WireReader r, String path) throws InvalidRecordException {
        int value = r.intValue(path);
        if (value < 0) {
            throw new InvalidRecordException(INVALID_VALUE, path + " = " + value + " must be >= 0");
        }
        return value;
    }

    private static void requireRange(String path, double value, double min, double max) throws InvalidRecordException {
        if (value < min || value > max) {
            throw new InvalidRecordException(INVALID_VALUE,
                    path + " = " + value + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ---- tracks ---------------------------------------------------------------------------

    private MouseTrack readMouse(WireReader r) throws InvalidRecordException {
        r.beginObject("mouse");
        int[] t = null, x = null, y = null, kind = null;
        int max = limits.maxTrackLength();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "t" -> t = r.intArrayOrNull("mouse.t", max);
                case "x" -> x = r.intArrayOrNull("mouse.x", max);
                case "y" -> y = r.intArrayOrNull("mouse.y", max);
                case "kind" -> kind = r.intArrayOrNull("mouse.kind", max);
                default -> r.skipValue();
            }
        }
        int n = required("mouse", "t", t).length;
        sameLength("mouse", "t", n, "x", required("mouse", "x", x));
        sameLength("mouse", "t", n, "y", required("mouse", "y", y));
        sameLength("mouse", "t", n, "kind", required("mouse", "kind", kind));
        checkTimes("mouse.t", t);
        checkCoordinates("mouse.x", x);
        checkCoordinates("mouse.y", y);
        return new MouseTrack(t, x, y, codes("mouse.kind", kind, MouseKind.values().length));
    }

    private KeyTrack readKeys(WireReader r) throws InvalidRecordException {
        r.beginObject("keys");
        int[] t = null, down = null, cls = null;
        int max = limits.maxTrackLength();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "t" -> t = r.intArrayOrNull("keys.t", max);
                case "down" -> down = r.intArrayOrNull("keys.down", max);
                case "cls" -> cls = r.intArrayOrNull("keys.cls", max);
                default -> r.skipValue();
            }
        }
        int n = required("keys", "t", t).length;
        sameLength("keys", "t", n, "down", required("keys", "down", down));
        sameLength("keys", "t", n, "cls", required("keys", "cls", cls));
        checkTimes("keys.t", t);
        boolean[] isDown = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (down[i] != 0 && down[i] != 1) {
                throw new InvalidRecordException(INCONSISTENT_TRACK,
                        "keys.down[" + i + "] = " + down[i] + " must be 1 (keydown) or 0 (keyup)");
            }
            isDown[i] = down[i] == 1;
        }
        return new KeyTrack(t, isDown, codes("keys.cls", cls, KeyClass.values().length));
    }

    private ScrollTrack readScroll(WireReader r) throws InvalidRecordException {
        r.beginObject("scroll");
        int[] t = null, dx = null, dy = null;
        int max = limits.maxTrackLength();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "t" -> t = r.intArrayOrNull("scroll.t", max);
                case "dx" -> dx = r.intArrayOrNull("scroll.dx", max);
                case "dy" -> dy = r.intArrayOrNull("scroll.dy", max);
                default -> r.skipValue();
            }
        }
        int n = required("scroll", "t", t).length;
        sameLength("scroll", "t", n, "dx", required("scroll", "dx", dx));
        sameLength("scroll", "t", n, "dy", required("scroll", "dy", dy));
        checkTimes("scroll.t", t);
        checkCoordinates("scroll.dx", dx);
        checkCoordinates("scroll.dy", dy);
        return new ScrollTrack(t, dx, dy);
    }

    private TouchTrack readTouch(WireReader r) throws InvalidRecordException {
        r.beginObject("touch");
        int[] t = null, x = null, y = null, phase = null;
        float[] radius = null, force = null;
        int max = limits.maxTrackLength();
        for (String field = r.nextField(); field != null; field = r.nextField()) {
            switch (field) {
                case "t" -> t = r.intArrayOrNull("touch.t", max);
                case "x" -> x = r.intArrayOrNull("touch.x", max);
                case "y" -> y = r.intArrayOrNull("touch.y", max);
                case "phase" -> phase = r.intArrayOrNull("touch.phase", max);
                case "radius" -> radius = r.floatArrayOrNull("touch.radius", max);
                case "force" -> force = r.floatArrayOrNull("touch.force", max);
                default -> r.skipValue();
            }
        }
        int n = required("touch", "t", t).length;
        sameLength("touch", "t", n, "x", required("touch", "x", x));
        sameLength("touch", "t", n, "y", required("touch", "y", y));
        sameLength("touch", "t", n, "phase", required("touch", "phase", phase));
        checkTimes("touch.t", t);
        checkCoordinates("touch.x", x);
        checkCoordinates("touch.y", y);
        if (radius != null) {
            sameLength("touch", "t", n, "radius", radius.length);
            for (int i = 0; i < n; i++) {
                requireRange("touch.radius[" + i + "]", radius[i], 0, limits.maxCoordinate());
            }
        }
        if (force != null) {
            sameLength("touch", "t", n, "force", force.length);
            for (int i = 0; i < n; i++) {
                requireRange("touch.force[" + i + "]", force[i], 0, 1);
            }
        }
        return new TouchTrack(t, x, y, codes("touch.phase", phase, TouchPhase.values().length), radius, force);
    }

    private static int[] required(String track, String column, int[] values) throws InvalidRecordException {
        if (values == null) {
            throw WireReader.missing(track + "." + column);
        }
        return values;
    }

    private static void sameLength(String track, String first, int n, String column, int[] values)
            throws InvalidRecordException {
        sameLength(track, first, n, column, values.length);
    }

    private static void sameLength(String track, String first, int n, String column, int length)
            throws InvalidRecordException {
        if (length != n) {
            throw new InvalidRecordException(INCONSISTENT_TRACK,
                    track + "." + column + " has " + length + " entries but " + track + "." + first + " has " + n);
        }
    }

    /** Track times: ms since startedAt, non-negative, non-decreasing, within the batch span. */
    private void checkTimes(String path, int[] t) throws InvalidRecordException {
        int previous = 0;
        int maxSpan = limits.maxBatchSpanMillis();
        for (int i = 0; i < t.length; i++) {
            int ti = t[i];
            if (ti < previous || ti > maxSpan) {
                if (ti < 0) {
                    throw new InvalidRecordException(BAD_TIMESTAMP, path + "[" + i + "] = " + ti + " must be >= 0");
                }
                if (ti < previous) {
                    throw new InvalidRecordException(BAD_TIMESTAMP,
                            path + "[" + i + "] = " + ti + " is before " + path + "[" + (i - 1) + "] = " + previous);
                }
                throw new InvalidRecordException(BAD_TIMESTAMP,
                        path + "[" + i + "] = " + ti + " ms is beyond the batch span limit of " + maxSpan + " ms");
            }
            previous = ti;
        }
    }

    private void checkCoordinates(String path, int[] values) throws InvalidRecordException {
        int max = limits.maxCoordinate();
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v > max || v < -max) {
                throw new InvalidRecordException(INVALID_VALUE,
                        path + "[" + i + "] = " + v + " is beyond the coordinate limit of +/-" + max + " px");
            }
        }
    }

    private static byte[] codes(String path, int[] values, int codeCount) throws InvalidRecordException {
        byte[] codes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v < 0 || v >= codeCount) {
                throw new InvalidRecordException(INCONSISTENT_TRACK,
                        path + "[" + i + "] = " + v + " is not a v1 code (0.." + (codeCount - 1) + ")");
            }
            codes[i] = (byte) v;
        }
        return codes;
    }
}
