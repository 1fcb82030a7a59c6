package io.telltale.cep.measure;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.InventoryHoarding;
import io.telltale.cep.testkit.PatternTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * How soon inventory hoarding finds a campaign hidden in human shopping, and whether it blames
 * humans: {@link ShopperTraffic} through the real topology (session summaries, network facts from a
 * generated MMDB, Flink CEP) with the pattern at its default parameters.
 */
public final class HoardingMeasurement {

    /** Campaign findings hold at least one bot session; false alarms hold none. */
    public record Result(
            ShopperTraffic.Traffic traffic,
            List<Finding> findings,
            List<Finding> campaignFindings,
            List<Finding> falseAlarms,
            long humanSessionsInCampaignFindings) {

        public Instant campaignStart() {
            return traffic.campaignStart();
        }

        /** Event time of the first campaign finding; null if the campaign went unseen. */
        public Instant firstAlert() {
            return campaignFindings.stream().map(f -> Instant.ofEpochMilli(f.detectedAt())).min(Instant::compareTo)
                    .orElse(null);
        }

        public Duration delay() {
            Instant first = firstAlert();
            return first == null ? null : Duration.between(campaignStart(), first);
        }
    }

    private HoardingMeasurement() {}

    public static Result run(Instant start, ShopperTraffic.Settings settings) throws IOException {
        ShopperTraffic.Traffic traffic = ShopperTraffic.generate(start, settings);
        Path mmdb = Files.createTempFile("telltale-measure-asn", ".mmdb");
        try {
            ShopperTraffic.writeIpDatabase(mmdb);
            Configuration config = new Configuration();
            config.set(CrossSessionOptions.IP_DATABASE, mmdb.toString());
            InventoryHoarding hoarding = new InventoryHoarding();
            PatternSettings defaults = PatternSettings.only(hoarding, PatternParameters.of(hoarding, Map.of()));
            List<Finding> findings = PatternTestKit.findings(traffic.timeline().commerceEvents(), List.of(), config,
                    defaults, "Measure inventory hoarding");
            List<Finding> campaign = findings.stream().filter(f -> f.sessions().stream()
                    .anyMatch(s -> traffic.campaignSessionIds().contains(s.sessionId()))).toList();
            List<Finding> falseAlarms = findings.stream().filter(f -> !campaign.contains(f)).toList();
            long humansInCampaign = campaign.stream().flatMap(f -> f.sessions().stream())
                    .filter(s -> !traffic.campaignSessionIds().contains(s.sessionId())).count();
            return new Result(traffic, findings, campaign, falseAlarms, humansInCampaign);
        } finally {
            Files.deleteIfExists(mmdb);
        }
    }
}
