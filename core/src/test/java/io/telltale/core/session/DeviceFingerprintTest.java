package io.telltale.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.DeviceInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFingerprintTest {

    private static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

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
}
