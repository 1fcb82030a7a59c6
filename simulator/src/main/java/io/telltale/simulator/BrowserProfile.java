package io.telltale.simulator;

import io.telltale.core.wire.DeviceInfo;
import java.util.List;
import java.util.Random;

/**
 * The browser a simulated session runs in: user agent, device characteristics that agree with it,
 * and the client address. Addresses come only from the documentation ranges of RFC 5737
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), never real ones.
 *
 * <p>Bots other than {@link Actor#HEADLESS_BOT} present a real desktop browser, as modern
 * automation does (headful Chrome or a patched UA); only their behaviour gives them away.
 */
public record BrowserProfile(String userAgent, String clientIp, DeviceInfo device, boolean trackpad) {

    /** Current desktop browsers (late 2025 releases); refresh with new major versions. */
    static final List<Desktop> DESKTOPS = List.of(
            new Desktop("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36", "Win32", false),
            new Desktop("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0", "Win32", false),
            new Desktop("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0", "Win32", false),
            new Desktop("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36", "MacIntel", true),
            new Desktop("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15", "MacIntel", true),
            new Desktop("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:144.0) Gecko/20100101 Firefox/144.0", "MacIntel", true),
            new Desktop("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36", "Linux x86_64", false));

    static final String HEADLESS_CHROME_UA =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36";

    /** Tells an SDK can read off an unmasked headless Chrome. */
    static final List<String> HEADLESS_HINTS = List.of("headless-ua", "no-plugins", "swiftshader-webgl", "no-languages");

    /** Common desktop screens (CSS px) and their device pixel ratios. */
    private static final Screen[] PC_SCREENS = {
        new Screen(1920, 1080, 1f), new Screen(1536, 864, 1.25f), new Screen(1366, 768, 1f),
        new Screen(2560, 1440, 1f), new Screen(1280, 720, 1.5f)
    };
    private static final Screen[] MAC_SCREENS = {
        new Screen(1440, 900, 2f), new Screen(1512, 982, 2f), new Screen(1728, 1117, 2f), new Screen(1920, 1080, 1f)
    };
    private static final String[][] LOCALES = {
        {"en-US", "America/New_York"}, {"en-US", "America/Los_Angeles"}, {"en-US", "America/Chicago"},
        {"en-GB", "Europe/London"}, {"de-DE", "Europe/Berlin"}, {"fr-FR", "Europe/Paris"}, {"nl-NL", "Europe/Amsterdam"}
    };
    private static final String[] DOCUMENTATION_NETWORKS = {"192.0.2.", "198.51.100.", "203.0.113."};
    private static final int[] CORES = {4, 8, 8, 12, 16};

    record Desktop(String userAgent, String platform, boolean mac) {}

    private record Screen(int width, int height, float pixelRatio) {}

    public int viewportWidth() {
        return device.viewportWidth();
    }

    public int viewportHeight() {
        return device.viewportHeight();
    }

    /** A consistent browser for the actor: a real desktop, or an unmasked headless Chrome. */
    public static BrowserProfile forActor(Actor actor, Random random) {
        String ip = clientIp(random);
        String[] locale = LOCALES[random.nextInt(LOCALES.length)];
        if (actor == Actor.HEADLESS_BOT) {
            // Playwright's default 1280x720 viewport, screen reported equal to it, no browser chrome.
            DeviceInfo device = new DeviceInfo(
                    true, HEADLESS_HINTS, 1280, 720, 1280, 720, 1f, CORES[random.nextInt(CORES.length)], 0,
                    "Linux x86_64", "en-US", locale[1], 0);
            return new BrowserProfile(HEADLESS_CHROME_UA, ip, device, false);
        }
        Desktop desktop = DESKTOPS.get(random.nextInt(DESKTOPS.size()));
        Screen[] screens = desktop.mac() ? MAC_SCREENS : PC_SCREENS;
        Screen screen = screens[random.nextInt(screens.length)];
        // Maximised windows lose the taskbar or menu bar and the browser's own toolbars;
        // some windows are not maximised.
        int osChrome = desktop.mac() ? 25 + (random.nextBoolean() ? 0 : 70) : 48;
        int browserChrome = 80 + random.nextInt(60);
        int viewportWidth = screen.width();
        int viewportHeight = screen.height() - osChrome - browserChrome;
        if (random.nextDouble() < 0.25) {
            viewportWidth = (int) (viewportWidth * HumanMotionModel.uniform(random, 0.6, 0.95));
            viewportHeight = (int) (viewportHeight * HumanMotionModel.uniform(random, 0.7, 0.95));
        }
        int cores = desktop.mac() ? 8 + 2 * random.nextInt(3) : CORES[random.nextInt(CORES.length)];
        DeviceInfo device = new DeviceInfo(
                false, List.of(), screen.width(), screen.height(), viewportWidth, viewportHeight, screen.pixelRatio(),
                cores, 0, desktop.platform(), locale[0], locale[1], 0);
        boolean trackpad = desktop.mac() && random.nextDouble() < 0.7;
        return new BrowserProfile(desktop.userAgent(), ip, device, trackpad);
    }

    private static String clientIp(Random random) {
        return DOCUMENTATION_NETWORKS[random.nextInt(DOCUMENTATION_NETWORKS.length)] + (1 + random.nextInt(254));
    }
}
