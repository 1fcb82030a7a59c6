package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.finding.Finding;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import org.junit.jupiter.api.Test;

/**
 * One timeline, one SKU per scenario: only the residential-proxy campaign on PS5 may fire. Event
 * time comes from the timeline, with a watermark behind every record.
 */
class InventoryHoardingTest extends CepTestBase {

    private static PatternTestKit kit() {
        return PatternTestKit.of(new InventoryHoarding())
                .with("minHolds", "4")
                .with("minNetworks", "3")
                .with("window", "20 min")
                .ipDatabase(testIpDatabase());
    }

    /** {@code count} one-minute sessions adding {@code sku}, {@code spacing} minutes apart. */
    private static void holds(Timeline t, String prefix, String sku, int count, long spacing, HomeOf homeOf) {
        for (int i = 0; i < count; i++) {
            t.session(prefix + i).at(minutes(i * spacing)).from(homeOf.ip(i))
                    .pageView(seconds(5))
                    .cartAdd(seconds(40), sku, "consoles");
        }
    }

    interface HomeOf {
        String ip(int i);
    }

    @Test
    void aResidentialProxyCampaignFiresAndNothingElseDoes() {
        Timeline t = Timeline.startingAt(BEGINNING);
        holds(t, "bot-", "PS5", 4, 2, CepTestBase::home);                          // 4 homes in 6 min
        holds(t, "household-", "SWITCH", 4, 2, i -> home(7));                        // one network only
        holds(t, "cloud-", "XBOX", 4, 2, CepTestBase::cloudServer);                  // not residential
        holds(t, "slow-", "GPU", 4, 10, i -> home(20 + i));                           // 30 min apart: outside 20 min
        for (int i = 0; i < 4; i++) {                                               // they bought it
            t.session("buyer-" + i).at(minutes(i)).from(home(40 + i))
                    .cartAdd(seconds(10), "CAMERA", "photo").checkout(seconds(50));
        }
        for (int i = 0; i < 4; i++) {                                               // browsed for half an hour
            t.session("browser-" + i).at(minutes(i)).from(home(60 + i))
                    .cartAdd(seconds(10), "LENS", "photo").pageView(minutes(25));
        }
        for (int i = 0; i < 4; i++) {                                               // a sale: they browse and compare
            Timeline.Session shopper = t.session("sale-" + i).at(minutes(i)).from(home(80 + i));
            for (int page = 0; page < 6; page++) {
                shopper.pageView(seconds(10 + 10 * page));
            }
            shopper.cartAdd(seconds(75), "SALE-TV", "tv");
        }

        PatternTestKit.Findings found = kit().run(t)
                .expectExactly(finding("sku:PS5", "bot-0", "bot-1", "bot-2", "bot-3"));

        Finding f = found.all().get(0);
        assertThat(f.patternId()).isEqualTo("inventory-hoarding");
        assertThat(f.owaspId()).isEqualTo("OAT-021");
        assertThat(f.severity()).isEqualTo("high");
        assertThat(f.networks()).containsExactly("81.2.0.0/24", "81.2.1.0/24", "81.2.2.0/24", "81.2.3.0/24");
        assertThat(f.asns()).containsExactly(64500L);
        assertThat(f.skus()).containsExactly("PS5");
        assertThat(f.firstSeen()).isEqualTo(BEGINNING.plus(seconds(5)).toEpochMilli()); // the first page view
        assertThat(f.lastSeen()).isEqualTo(BEGINNING.plus(minutes(6)).plus(seconds(40)).toEpochMilli());
        assertThat(f.parameters()).containsEntry("minHolds", "4").containsEntry("window", "20 min");
        assertThat(f.sessions()).allSatisfy(s -> assertThat(s.networkType()).isEqualTo("residential"));
    }

    @Test
    void countingBuyersTellsARushFromACampaign() {
        Timeline t = Timeline.startingAt(BEGINNING);
        holds(t, "bot-", "DROP", 4, 1, CepTestBase::home);
        // A rush on SNEAKER: as many quick visitors buy it as leave it in the cart.
        for (int i = 0; i < 4; i++) {
            t.session("holder-" + i).at(minutes(i)).from(home(20 + i)).cartAdd(seconds(20), "SNEAKER", "shoes");
            t.session("buyer-" + i).at(minutes(i).plusSeconds(30)).from(home(30 + i))
                    .cartAdd(seconds(10), "SNEAKER", "shoes").checkout(seconds(40));
        }

        kit().run(t).expectExactly(
                finding("sku:DROP", "bot-0", "bot-1", "bot-2", "bot-3"),
                finding("sku:SNEAKER", "holder-0", "holder-1", "holder-2", "holder-3"));
        kit().with("maxBuyerShare", "0.25").run(t)
                .expectExactly(finding("sku:DROP", "bot-0", "bot-1", "bot-2", "bot-3"));
    }

    @Test
    void byCategoryCountsHoldsOfDifferentProducts() {
        Timeline t = Timeline.startingAt(BEGINNING);
        for (int i = 0; i < 4; i++) {
            t.session("bot-" + i).at(minutes(i)).from(home(i)).cartAdd(seconds(30), "PS5-" + i, "consoles");
        }
        kit().run(t).expectNone();
        kit().with("keyBy", "category").run(t)
                .expectExactly(finding("category:consoles", "bot-0", "bot-1", "bot-2", "bot-3"));
    }

    @Test
    void withoutAnIpDatabaseThePatternIsDisabledNotWrong() {
        Timeline t = Timeline.startingAt(BEGINNING);
        holds(t, "bot-", "PS5", 4, 1, CepTestBase::home);
        PatternTestKit.of(new InventoryHoarding()).with("minHolds", "4").with("minNetworks", "3")
                .run(t).expectNone();
    }
}
