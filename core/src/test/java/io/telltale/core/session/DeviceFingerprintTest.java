package io.telltale.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeviceInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFingerprintTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    /** {@code laptop(1536, "Europe/Paris")} with {@link #CHROME}, as the first release computed it. */
    private static final String PINNED_LAPTOP = "29cd77101a8ac4ef";

    private static DeviceInfo laptop(int viewportWidth, String timezone) {
        return new DeviceInfo(false, List.of(), 1920, 1080, viewportWidth, 900, 1.25f, 8, 0,
                "Win32", "en-US", timezone, 0);
    }

    @Test
    void theSameBrowserGetsTheSameFingerprintWhateverItsWindowSize() {
        assertThat(DeviceFingerprint.of(CHROME, laptop(1536, "Europe/Paris")))
                .isEqualTo(DeviceFingerprint.of(CHROME, laptop(1200, "Europe/Paris")))
                .matches("[0-9a-f]{16}");
    }

    @Test
    void anotherConfigurationGetsAnotherFingerprint() {
        assertThat(DeviceFingerprint.of(CHROME, laptop(1536, "Europe/Paris")))
                .isNotEqualTo(DeviceFingerprint.of(CHROME, laptop(1536, "America/New_York")))
                .isNotEqualTo(DeviceFingerprint.of(CHROME.replace("142", "141"), laptop(1536, "Europe/Paris")));
    }

    @Test
    void fieldsDoNotRunIntoEachOther() {
        DeviceInfo a = new DeviceInfo(false, List.of(), 0, 0, 0, 0, 0f, 0, 0, "ab", "c", null, 0);
        DeviceInfo b = new DeviceInfo(false, List.of(), 0, 0, 0, 0, 0f, 0, 0, "a", "bc", null, 0);
        assertThat(DeviceFingerprint.of(null, a)).isNotEqualTo(DeviceFingerprint.of(null, b));
    }

    @Test
    void aBrowserThatSaidNothingHasNoFingerprint() {
        assertThat(DeviceFingerprint.of(null, DeviceInfo.UNKNOWN)).isNull();
    }

    @Test
    void fingerprintsAreStableAcrossReleases() {
        // Campaign patterns group by it and scores publish it: the value itself is part of the contract.
        assertThat(DeviceFingerprint.of(CHROME, laptop(1536, "Europe/Paris"))).isEqualTo(PINNED_LAPTOP);
    }

    @Test
    void hashesTheFieldsAsTheirUtf8TextWhateverTheirContent() {
        DeviceInfo odd = new DeviceInfo(false, List.of(), -1, 2_147_483_647, 0, 0, 2.625f, -2_147_483_648, 10,
                "Linux armv8l", "zh-Hant-TW", "Asia/Taipei ☃", 0);
        assertThat(DeviceFingerprint.of("Mözilla 😀", odd)).isEqualTo(byTheText("Mözilla 😀", odd));
        DeviceInfo zeros = new DeviceInfo(false, List.of(), 0, 0, 0, 0, 0f, 0, 0, null, "en", null, 0);
        assertThat(DeviceFingerprint.of(null, zeros)).isEqualTo(byTheText(null, zeros));
        assertThat(DeviceFingerprint.of(CHROME, laptop(1536, "Europe/Paris")))
                .isEqualTo(byTheText(CHROME, laptop(1536, "Europe/Paris")));
    }

    /** The definition, written the plain way: FNV-1a over each field's UTF-8 text and a separator. */
    private static String byTheText(String userAgent, DeviceInfo device) {
        long hash = 0xcbf29ce484222325L;
        for (String field : new String[] {
            userAgent,
            device.screenWidth() + "x" + device.screenHeight(),
            Float.toString(device.pixelRatio()),
            Integer.toString(device.hardwareConcurrency()),
            Integer.toString(device.maxTouchPoints()),
            device.platform(),
            device.language(),
            device.timezone()
        }) {
            if (field != null) {
                for (byte b : field.getBytes(StandardCharsets.UTF_8)) {
                    hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
                }
            }
            hash = (hash ^ 0x1f) * 0x100000001b3L;
        }
        return String.format("%016x", hash);
    }
}
