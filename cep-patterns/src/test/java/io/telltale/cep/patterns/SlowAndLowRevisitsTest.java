package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import org.junit.jupiter.api.Test;

class SlowAndLowRevisitsTest extends CepTestBase {

    @Test
    void aBrowserReturningOverHoursFromChangingAddressesFires() {
        Timeline t = Timeline.startingAt(BEGINNING);
        for (int i = 0; i < 6; i++) {
            // Every 40 minutes, a one-minute look from a new address.
            t.session("checker-" + i).at(minutes(40 * i)).from(home(100 + i)).device("5105105105105100")
                    .pageView(seconds(1)).pageView(seconds(50));
            // A burst: six quick visits in ten minutes is not slow-and-low.
            t.session("burst-" + i).at(minutes(2 * i)).from(home(150 + i)).device("b0b0b0b0b0b0b0b0")
                    .pageView(seconds(1)).pageView(seconds(30));
            // A regular from home, same address every time.
            t.session("regular-" + i).at(minutes(40 * i)).from(home(200)).device("7e7e7e7e7e7e7e7e")
                    .pageView(seconds(1)).pageView(seconds(50));
        }
        PatternTestKit.of(new SlowAndLowRevisits()).sessionGap(minutes(15)).run(t)
                .expectExactly(finding("device:5105105105105100",
                        "checker-0", "checker-1", "checker-2", "checker-3", "checker-4", "checker-5"));
    }
}
