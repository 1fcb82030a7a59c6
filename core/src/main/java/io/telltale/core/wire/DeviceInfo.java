package io.telltale.core.wire;

import java.util.List;

/**
 * Browser and device characteristics the SDK reads once per page. Several of them reveal
 * automation on their own (the webdriver flag, headless hints) or by disagreeing with each other
 * (a viewport larger than the screen, a touch-capable desktop).
 *
 * @param webdriver       {@code navigator.webdriver}
 * @param headlessHints   names of headless tells the SDK saw (e.g. "no-plugins", "swiftshader")
 * @param screenWidth     {@code screen.width}, CSS px (0 = unknown)
 * @param viewportWidth   {@code innerWidth}, CSS px (0 = unknown)
 * @param timezone        IANA zone from {@code Intl}, may be null
 * @param untrustedEvents events the SDK saw with {@code isTrusted == false} (synthetic input)
 */
public record DeviceInfo(
        boolean webdriver,
        List<String> headlessHints,
        int screenWidth,
        int screenHeight,
        int viewportWidth,
        int viewportHeight,
        float pixelRatio,
        int hardwareConcurrency,
        int maxTouchPoints,
        String platform,
        String language,
        String timezone,
        int untrustedEvents) {

    public static final DeviceInfo UNKNOWN =
            new DeviceInfo(false, List.of(), 0, 0, 0, 0, 0f, 0, 0, null, null, null, 0);

    public DeviceInfo {
        headlessHints = headlessHints == null ? List.of() : List.copyOf(headlessHints);
    }
}
