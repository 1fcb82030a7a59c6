package io.telltale.cep.patterns;

import static io.telltale.cep.testkit.PatternTestKit.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.cep.testkit.Timeline;
import io.telltale.core.wire.CommerceEvent.AccountChange;
import org.junit.jupiter.api.Test;

class AccountTakeoverTest extends CepTestBase {

    /** Each account's owner, at home on their usual browser, the morning before. */
    private static void usualSessions(Timeline t, String... accounts) {
        for (int i = 0; i < accounts.length; i++) {
            t.session(accounts[i] + "-usual").at(minutes(i)).from(home(i)).device("0000" + i + "00000000000")
                    .login(seconds(5), accounts[i])
                    .pageView(seconds(30));
        }
    }

    @Test
    void aNewBrowserThatTakesOverOrCashesOutFires() {
        Timeline t = Timeline.startingAt(BEGINNING);
        usualSessions(t, "alice", "bob", "carol", "erin", "frank");

        // alice: logged in from a cloud server's browser and changed the e-mail, in one session.
        t.session("alice-attacker").at(hours(3)).from(cloudServer(1)).device("a77ac4e7a77ac4e7")
                .login(seconds(4), "alice")
                .accountChange(seconds(40), AccountChange.EMAIL);
        // bob: one session logs in, the next, from the same browser, redirects the parcels and buys.
        t.session("bob-login").at(hours(3)).from(cloudServer(2)).device("b0bb0bb0b0bb0bb0")
                .login(seconds(4), "bob");
        t.session("bob-cashout").at(hours(3).plus(minutes(40))).from(cloudServer(3)).device("b0bb0bb0b0bb0bb0")
                .login(seconds(3), "bob")
                .accountChange(seconds(20), AccountChange.SHIPPING_ADDRESS)
                .cartAdd(seconds(40), "GIFTCARD-500", "gift-cards")
                .checkout(seconds(60), 900);

        // carol changes her password on her usual browser.
        t.session("carol-again").at(hours(3)).from(home(2)).device("0000200000000000")
                .login(seconds(5), "carol")
                .accountChange(seconds(30), AccountChange.PASSWORD);
        // dave opens an account: his first browser is not a new one.
        t.session("dave-signup").at(hours(3)).from(home(9)).device("da7eda7eda7eda7e")
                .login(seconds(5), "dave")
                .accountChange(seconds(30), AccountChange.EMAIL);
        // erin on her new phone: a newsletter setting and a small order.
        t.session("erin-phone").at(hours(3)).from("100.64.3.9").device("e71ee71ee71ee71e")
                .login(seconds(5), "erin")
                .accountChange(seconds(20), AccountChange.PROFILE)
                .cartAdd(seconds(30), "BOOK-1", "books")
                .checkout(seconds(50), 40);
        // frank got a new laptop and changed his password the next day, long after its first login.
        t.session("frank-laptop").at(hours(3)).from(home(4)).device("f4a4f4a4f4a4f4a4")
                .login(seconds(5), "frank");
        t.session("frank-next-day").at(hours(27)).from(home(4)).device("f4a4f4a4f4a4f4a4")
                .login(seconds(5), "frank")
                .accountChange(seconds(30), AccountChange.PASSWORD);

        var found = PatternTestKit.of(new AccountTakeover()).run(t)
                .expectExactly(
                        finding("account:alice", "alice-attacker"),
                        finding("account:bob", "bob-login", "bob-cashout"));
        assertThat(found.all()).allSatisfy(f -> assertThat(f.patternId()).isEqualTo(AccountTakeover.ID));
    }

    @Test
    void aNewNetworkCountsOnlyWhenAskedTo() {
        Timeline t = Timeline.startingAt(BEGINNING);
        // A shop without the browser SDK: no device fingerprints, only addresses.
        t.session("gina-usual").at(minutes(0)).from(home(7)).login(seconds(5), "gina");
        t.session("gina-taken").at(hours(2)).from(cloudServer(7))
                .login(seconds(5), "gina")
                .accountChange(seconds(30), AccountChange.PAYOUT);

        PatternTestKit.of(new AccountTakeover()).run(t).expectNone();
        PatternTestKit.of(new AccountTakeover()).with("networkCounts", "true").run(t)
                .expectExactly(finding("account:gina", "gina-taken"));
    }

    @Test
    void withAProfileAnOwnerOnANewLaptopIsNotATakeover() {
        Timeline t = Timeline.startingAt(BEGINNING);
        usualSessions(t, "hana", "ivan", "jo");
        // Each changes the password from a browser the account never used; only how they move differs.
        t.session("hana-new-laptop").at(hours(3)).from(home(0)).device("4a4a4a4a4a4a4a4a").profileDeviation(0.1)
                .login(seconds(5), "hana").accountChange(seconds(30), AccountChange.PASSWORD);
        t.session("ivan-stranger").at(hours(3)).from(cloudServer(1)).device("1a1a1a1a1a1a1a1a").profileDeviation(0.9)
                .login(seconds(5), "ivan").accountChange(seconds(30), AccountChange.PASSWORD);
        // Too little behaviour to judge: unknown is not "the owner".
        t.session("jo-unjudged").at(hours(3)).from(cloudServer(2)).device("7070707070707070")
                .login(seconds(5), "jo").accountChange(seconds(30), AccountChange.PASSWORD);

        PatternTestKit.of(new AccountTakeover()).run(t).expectExactly(
                finding("account:ivan", "ivan-stranger"),
                finding("account:jo", "jo-unjudged"));
        // Without the profile's verdict, every new browser that changes a password is a takeover.
        PatternTestKit.of(new AccountTakeover()).with("minProfileDeviation", "0").run(t).expectExactly(
                finding("account:hana", "hana-new-laptop"),
                finding("account:ivan", "ivan-stranger"),
                finding("account:jo", "jo-unjudged"));
    }
}
