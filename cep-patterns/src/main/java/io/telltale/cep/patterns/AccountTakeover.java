package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.SessionSummary;
import io.telltale.core.wire.CommerceEvent.AccountChange;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Account takeover: someone else logs in to an account (from a browser the account has never
 * used), then takes it over — changes the e-mail, password or payout details so the owner cannot
 * get back in — or spends its money on a large order, all within a short time.
 *
 * <p>Fires, per account, on a session that made a {@code changes} account change or a checkout
 * worth at least {@code minCheckoutValue}, from a device first seen on the account no longer than
 * {@code window} before; when the device's first session (the login) came just before it, that
 * session is part of the evidence. Only accounts seen before count: a new account's first browser
 * is not "new". A session judged against the account's behaviour profile must also move unlike the
 * owner ({@code minProfileDeviation}); one the profile could not judge passes. The account history is kept by
 * {@code telltale.cep.account-history-ttl}.
 */
public final class AccountTakeover extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;

    public static final String ID = "account-takeover";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Account takeover";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String owaspId() {
        // The takeover is the outcome of cracked or stuffed credentials; what it does with them is OAT-012.
        return "OAT-012";
    }

    @Override
    public String description() {
        return "A login from a browser the account had never used, soon followed by a change of its e-mail,"
                + " password or payout details or a large order: the account taken over and cashed out.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.duration("window", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(7),
                        "from the new device's first appearance on the account to the change or order"),
                Parameter.words("changes", List.of(AccountChange.PASSWORD, AccountChange.EMAIL, AccountChange.PHONE,
                                AccountChange.MFA, AccountChange.PAYOUT, AccountChange.PAYMENT_METHOD,
                                AccountChange.SHIPPING_ADDRESS, SessionSummary.UNSPECIFIED_CHANGE),
                        "account changes that hand the account or its money to someone else"),
                Parameter.decimal("minCheckoutValue", 500, 0, 1e12,
                        "a checkout worth at least this much (shop currency) counts like a change; orders"
                                + " without a value never do"),
                Parameter.flag("networkCounts", false,
                        "a network (/24, /48) the account never used counts as new, like a new device"
                                + " (for shops without device fingerprints; people change networks often)"),
                Parameter.decimal("minRisk", 0, 0, 1,
                        "the session's behavioural risk must be at least this (0: any)"),
                Parameter.decimal("minProfileDeviation", 0.71, 0, 1,
                        "when the session was judged against the account's behaviour profile, its deviation must"
                                + " be at least this: an owner on a new laptop moves like the owner (0: any; 0.71,"
                                + " the default, is where the profile alone challenges, docs/profiles.md)."
                                + " Unjudged sessions (young profile, too little behaviour) pass"));
    }

    @Override
    public List<String> keysOf(SessionSummary session, PatternParameters p) {
        return session.userId() != null && session.account().seenBefore()
                ? List.of("account:" + session.userId()) : List.of();
    }

    @Override
    public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        Takeover takeover = new Takeover(p);
        // The login session is optional evidence and must come right before the misuse (next, not
        // followedBy): a key then holds at most one partial match, however many logins it sees.
        return Pattern.<SessionSummary>begin("newDeviceLogin", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.loginSucceeded() && takeover.newAccessSince(s, s.startedAt())
                        && takeover.misuseAt(s) < 0))
                .optional()
                .next("misuse")
                .where(SimpleCondition.of(takeover::misusedFromNewAccess))
                .within(p.duration("window"));
    }

    @Override
    public List<String> skusOf(SessionSummary session) {
        return List.of();
    }

    /** The parameters, as the conditions need them; serializable with the pattern. */
    private record Takeover(long windowMillis, List<String> changes, double minCheckoutValue, boolean networkCounts,
            double minRisk, double minProfileDeviation) implements Serializable {

        Takeover(PatternParameters p) {
            this(p.duration("window").toMillis(), p.words("changes"), p.decimal("minCheckoutValue"),
                    p.flag("networkCounts"), p.decimal("minRisk"), p.decimal("minProfileDeviation"));
        }

        /** Epoch ms of the session's first sensitive change or large order, -1 if none. */
        long misuseAt(SessionSummary s) {
            long at = -1;
            for (String change : changes) {
                Long changedAt = s.accountChanges().get(change);
                if (changedAt != null && (at < 0 || changedAt < at)) {
                    at = changedAt;
                }
            }
            if (s.largestCheckoutValue() >= minCheckoutValue && (at < 0 || s.largestCheckoutAt() < at)) {
                at = s.largestCheckoutAt();
            }
            return at;
        }

        boolean newAccessSince(SessionSummary s, long since) {
            return s.account().newDeviceSince(since) || (networkCounts && s.account().newNetworkSince(since));
        }

        boolean misusedFromNewAccess(SessionSummary s) {
            long misuse = misuseAt(s);
            return misuse >= 0
                    && newAccessSince(s, misuse - windowMillis)
                    && (Double.isNaN(s.risk()) ? minRisk == 0 : s.risk() >= minRisk)
                    // Unjudged (a young profile, too little behaviour) is not "the owner": it passes.
                    && (Double.isNaN(s.profileDeviation()) || s.profileDeviation() >= minProfileDeviation);
        }
    }
}
