package io.telltale.cep.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.finding.Finding;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The "Measured" claim of docs/cross-session-patterns.md: a hoarding campaign mixed into human
 * shopping is found at default parameters, soon after it starts, and no product that only humans held alerts.
 * (Humans holding the campaign's product in its window may share its findings: that product is under attack.)
 */
class HoardingMeasurementTest extends CepTestBase {

    /**
     * The bound: ten holds at 45 s spacing (about 7 min), plus the session gap (30 min) before the
     * tenth session's summary exists, plus slack.
     */
    private static final Duration DETECTION_BOUND = Duration.ofMinutes(45);

    @Test
    void theCampaignIsFoundWithinTheBoundAndNoHumanProductAlerts() throws Exception {
        HoardingMeasurement.Result result = HoardingMeasurement.run(BEGINNING, ShopperTraffic.Settings.defaults());

        assertThat(result.falseAlarms()).extracting(Finding::key).isEmpty();
        assertThat(result.campaignFindings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.key()).isEqualTo(result.traffic().campaignKey()));
        assertThat(result.delay()).isNotNull().isLessThanOrEqualTo(DETECTION_BOUND);
    }
}
