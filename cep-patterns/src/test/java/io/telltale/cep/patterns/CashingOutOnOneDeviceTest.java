package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import org.junit.jupiter.api.Test;

/** The test of docs/writing-patterns.md, verbatim. */
class CashingOutOnOneDeviceTest extends CepTestBase {
    @Test
    void fourAccountsCheckingOutOnOneBrowserFire() {
        Timeline t = Timeline.startingAt(BEGINNING);
        for (int i = 0; i < 4; i++) {
            t.session("mule-" + i).at(minutes(10 * i)).from(home(i)).device("c0c0c0c0c0c0c0c0")
                    .login(seconds(5), "victim-" + i)
                    .cartAdd(seconds(20), "GIFTCARD-100", "gift-cards")
                    .checkout(seconds(40));
            // A family sharing a laptop: two accounts, four checkouts.
            t.session("family-" + i).at(minutes(10 * i)).from(home(50)).device("fa00fa00fa00fa00")
                    .login(seconds(5), i % 2 == 0 ? "mum" : "dad")
                    .cartAdd(seconds(20), "BOOK-" + i, "books")
                    .checkout(seconds(40));
        }
        PatternTestKit.of(new CashingOutOnOneDevice())
                .run(t)
                .expectExactly(finding("device:c0c0c0c0c0c0c0c0", "mule-0", "mule-1", "mule-2", "mule-3"));
    }
}
