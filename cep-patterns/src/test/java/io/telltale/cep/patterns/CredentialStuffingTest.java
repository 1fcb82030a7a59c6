package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import org.junit.jupiter.api.Test;

class CredentialStuffingTest extends CepTestBase {

    @Test
    void manyAccountsFromOneBrowserOrOneNetworkFire() {
        Timeline t = Timeline.startingAt(BEGINNING);
        // One headless browser hopping across cloud addresses, two stolen accounts per session.
        for (int i = 0; i < 3; i++) {
            t.session("stuffer-" + i).at(minutes(i)).from(cloudServer(i)).device("d0d0d0d0d0d0d0d0")
                    .loginFailed(seconds(5), "alice" + i).loginFailed(seconds(9), "bob" + i);
        }
        // Many browsers behind one network, two accounts each.
        for (int i = 0; i < 3; i++) {
            t.session("farm-" + i).at(minutes(i)).from("52.9.9." + (i + 1)).device("f" + i + "00000000000000f")
                    .loginFailed(seconds(5), "carol" + i).loginFailed(seconds(8), "erin" + i);
        }
        // A person who forgot their password, three times.
        for (int i = 0; i < 3; i++) {
            t.session("forgetful-" + i).at(minutes(i * 2)).from(home(3)).device("aaaabbbbccccdddd")
                    .loginFailed(seconds(5), "dave").loginFailed(seconds(20), "dave");
        }

        var found = PatternTestKit.of(new CredentialStuffing()).run(t)
                .expectExactly(
                        finding("device:d0d0d0d0d0d0d0d0", "stuffer-0", "stuffer-1", "stuffer-2"),
                        finding("network:52.9.9.0/24", "farm-0", "farm-1", "farm-2"));
        assertThat(found.all()).allSatisfy(f -> assertThat(f.owaspId()).isEqualTo("OAT-008"));
    }
}
