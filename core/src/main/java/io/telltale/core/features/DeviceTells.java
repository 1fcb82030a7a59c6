package io.telltale.core.features;

import io.telltale.core.wire.DeviceInfo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Automation tells from the device description, OR-ed across batches: the webdriver flag, the
 * distinct headless hints (kept as a small set of name hashes), contradictions between device
 * characteristics (a bitmask, one bit per check), and the most synthetic events any batch reported.
 */
final class DeviceTells {

    /** Distinct headless hints remembered; the SDK reports a handful, more than this is already damning. */
    static final int MAX_HINTS = 16;

    /**
     * Viewport wider than the screen by more than this many CSS px. Zoom and scrollbars keep a
     * real viewport at or under the screen width; headless browsers default to an 800x600 screen
     * with whatever window size the script sets.
     */
    static final int VIEWPORT_SLACK_PX = 16;

    /** The hint name recorded when the user agent itself says HeadlessChrome. */
    static final String HEADLESS_USER_AGENT_HINT = "user-agent:headlesschrome";

    /** The user agent says HeadlessChrome: Chrome's headless mode before it was renamed "new headless". */
    static final int HEADLESS_USER_AGENT = 1;
    /** The viewport is larger than the screen it is shown on. */
    static final int VIEWPORT_LARGER_THAN_SCREEN = 1 << 1;
    /** navigator.platform names another OS family than the user agent (a spoofed UA). */
    static final int PLATFORM_CONTRADICTS_USER_AGENT = 1 << 2;
    /** A phone or tablet user agent on a device without touch points (desktop browser with a spoofed UA). */
    static final int MOBILE_USER_AGENT_WITHOUT_TOUCH = 1 << 3;

    boolean webdriver;
    int hintCount;
    final int[] hintHashes = new int[MAX_HINTS];
    int inconsistencies;
    int untrustedEventsMax;

    void observe(DeviceInfo device, String userAgent) {
        webdriver |= device.webdriver();
        for (String hint : device.headlessHints()) {
            if (hint != null && !hint.isBlank()) {
                addHint(hint.trim().toLowerCase(Locale.ROOT).hashCode());
            }
        }
        int found = inconsistenciesOf(device, userAgent);
        if ((found & HEADLESS_USER_AGENT) != 0) {
            // a user agent that names headless Chrome is a headless hint in its own right, not only a contradiction
            addHint(HEADLESS_USER_AGENT_HINT.hashCode());
        }
        inconsistencies |= found;
        untrustedEventsMax = Math.max(untrustedEventsMax, device.untrustedEvents());
    }

    static int inconsistenciesOf(DeviceInfo device, String userAgent) {
        int found = 0;
        String ua = userAgent == null ? "" : userAgent;
        if (ua.contains("HeadlessChrome")) {
            found |= HEADLESS_USER_AGENT;
        }
        if (device.screenWidth() > 0 && device.viewportWidth() > device.screenWidth() + VIEWPORT_SLACK_PX
                || device.screenHeight() > 0 && device.viewportHeight() > device.screenHeight() + VIEWPORT_SLACK_PX) {
            found |= VIEWPORT_LARGER_THAN_SCREEN;
        }
        String platform = device.platform() == null ? "" : device.platform();
        if (!ua.isEmpty() && !platform.isEmpty()) {
            boolean uaWindows = ua.contains("Windows");
            boolean uaMac = ua.contains("Macintosh") || ua.contains("Mac OS X");
            boolean uaMobile = ua.contains("Android") || ua.contains("iPhone") || ua.contains("iPad");
            if (platform.startsWith("Win") && !uaWindows
                    || platform.startsWith("Mac") && !uaMac
                    || platform.startsWith("Linux x86") && (uaWindows || uaMac || ua.contains("iPhone"))) {
                found |= PLATFORM_CONTRADICTS_USER_AGENT;
            }
            if (uaMobile && device.maxTouchPoints() == 0) {
                found |= MOBILE_USER_AGENT_WITHOUT_TOUCH;
            }
        }
        return found;
    }

    private void addHint(int hash) {
        if (hintCount == MAX_HINTS) {
            return;
        }
        int at = Arrays.binarySearch(hintHashes, 0, hintCount, hash);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        System.arraycopy(hintHashes, insert, hintHashes, insert + 1, hintCount - insert);
        hintHashes[insert] = hash;
        hintCount++;
    }

    void merge(DeviceTells other) {
        webdriver |= other.webdriver;
        for (int i = 0; i < other.hintCount; i++) {
            addHint(other.hintHashes[i]);
        }
        inconsistencies |= other.inconsistencies;
        untrustedEventsMax = Math.max(untrustedEventsMax, other.untrustedEventsMax);
    }

    void copyFrom(DeviceTells o) {
        webdriver = o.webdriver;
        hintCount = o.hintCount;
        System.arraycopy(o.hintHashes, 0, hintHashes, 0, MAX_HINTS);
        inconsistencies = o.inconsistencies;
        untrustedEventsMax = o.untrustedEventsMax;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(webdriver);
        out.writeByte(hintCount);
        for (int i = 0; i < hintCount; i++) {
            out.writeInt(hintHashes[i]);
        }
        out.writeByte(inconsistencies);
        BinaryForm.writeVarInt(out, untrustedEventsMax);
    }

    void readFrom(DataInput in) throws IOException {
        webdriver = in.readBoolean();
        hintCount = in.readUnsignedByte();
        if (hintCount > MAX_HINTS) {
            throw new IOException("headless hints out of range: " + hintCount);
        }
        for (int i = 0; i < hintCount; i++) {
            hintHashes[i] = in.readInt();
        }
        inconsistencies = in.readUnsignedByte();
        untrustedEventsMax = BinaryForm.readVarInt(in);
    }
}
