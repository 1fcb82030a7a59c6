package io.telltale.cep.session;

import io.telltale.cep.network.NetworkFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One finished session, as the cross-session patterns see it: what it did in the shop (commerce
 * events), who it looked like (risk scores) and where it came from (network facts).
 *
 * @param focus             what this copy of the summary is keyed on in a pattern (a SKU, a
 *                          device fingerprint, a network, an account), set when the summary is fanned
 *                          out to a pattern; null before
 * @param startedAt         epoch ms, first event of the session
 * @param endedAt           epoch ms, last event of the session
 * @param risk              highest risk score the session got, NaN if it was never scored
 * @param pagesSeen         page views
 * @param cartHolds         products added and not bought
 * @param purchasedItems    items checked out
 * @param loginSucceeded    a login succeeded in the session
 * @param failedLogins      failed logins in the session
 * @param failedAccounts    the accounts the failed logins were for (capped, see {@link SessionDraft})
 * @param firstLoginAt      epoch ms of the first successful login, -1 if none
 * @param firstAccountChangeAt epoch ms of the first account change, -1 if none
 * @param firstCheckoutAt   epoch ms of the first checkout, -1 if none
 * @param accountChanges    what the account changes changed ({@code email}, {@code password}, ...;
 *                          {@code unspecified} when the shop did not say) → epoch ms of the first
 * @param largestCheckoutValue the largest order value a checkout reported, NaN if none did
 * @param largestCheckoutAt epoch ms of that checkout, -1 if none
 * @param account           what the account's earlier sessions say about this one
 * @param purchasedSkus     the products checked out (capped, see {@link SessionDraft})
 * @param purchasedCategories their categories, where known
 * @param trajectoryShapes  the session's mouse-trajectory fingerprint: shape hashes of its strokes
 *                          (8 hex digits each, at most {@code TrajectoryFingerprint.MAX_SHAPES}),
 *                          empty if its risk score carried none
 * @param profileDeviation  the highest deviation from the account's behaviour profile its scores
 *                          judged (0 like the owner .. 1 unlike), NaN if never judged
 */
public record SessionSummary(
        String focus,
        String sessionId,
        String userId,
        long startedAt,
        long endedAt,
        String clientIp,
        Set<String> clientIps,
        NetworkFacts network,
        String deviceFingerprint,
        String userAgent,
        double risk,
        int pagesSeen,
        List<CartHold> cartHolds,
        int purchasedItems,
        boolean loginSucceeded,
        int failedLogins,
        Set<String> failedAccounts,
        long firstLoginAt,
        long firstAccountChangeAt,
        long firstCheckoutAt,
        Map<String, Long> accountChanges,
        double largestCheckoutValue,
        long largestCheckoutAt,
        AccountFacts account,
        Set<String> purchasedSkus,
        Set<String> purchasedCategories,
        Set<String> trajectoryShapes,
        double profileDeviation) {

    /** What {@code account_change} events without a {@code change} field count as. */
    public static final String UNSPECIFIED_CHANGE = "unspecified";

    public SessionSummary {
        clientIps = clientIps == null ? Set.of() : Set.copyOf(clientIps);
        cartHolds = cartHolds == null ? List.of() : List.copyOf(cartHolds);
        failedAccounts = failedAccounts == null ? Set.of() : Set.copyOf(failedAccounts);
        network = network == null ? NetworkFacts.UNKNOWN : network;
        accountChanges = accountChanges == null ? Map.of() : Map.copyOf(accountChanges);
        account = account == null ? AccountFacts.UNKNOWN : account;
        purchasedSkus = purchasedSkus == null ? Set.of() : Set.copyOf(purchasedSkus);
        purchasedCategories = purchasedCategories == null ? Set.of() : Set.copyOf(purchasedCategories);
        trajectoryShapes = trajectoryShapes == null ? Set.of() : Set.copyOf(trajectoryShapes);
    }


    public long durationMillis() {
        return endedAt - startedAt;
    }

    public boolean boughtNothing() {
        return purchasedItems == 0 && firstCheckoutAt < 0;
    }

    public boolean holds(String skuOrCategory) {
        return cartHolds.stream().anyMatch(h -> skuOrCategory.equals(h.sku()) || skuOrCategory.equals(h.category()));
    }

    public SessionSummary withFocus(String newFocus) {
        return new SessionSummary(newFocus, sessionId, userId, startedAt, endedAt, clientIp, clientIps, network,
                deviceFingerprint, userAgent, risk, pagesSeen, cartHolds, purchasedItems, loginSucceeded,
                failedLogins, failedAccounts, firstLoginAt, firstAccountChangeAt, firstCheckoutAt, accountChanges,
                largestCheckoutValue, largestCheckoutAt, account, purchasedSkus, purchasedCategories, trajectoryShapes,
                profileDeviation);
    }

    public SessionSummary withNetwork(NetworkFacts facts) {
        return new SessionSummary(focus, sessionId, userId, startedAt, endedAt, clientIp, clientIps, facts,
                deviceFingerprint, userAgent, risk, pagesSeen, cartHolds, purchasedItems, loginSucceeded,
                failedLogins, failedAccounts, firstLoginAt, firstAccountChangeAt, firstCheckoutAt, accountChanges,
                largestCheckoutValue, largestCheckoutAt, account, purchasedSkus, purchasedCategories, trajectoryShapes,
                profileDeviation);
    }

    public SessionSummary withAccount(AccountFacts facts) {
        return new SessionSummary(focus, sessionId, userId, startedAt, endedAt, clientIp, clientIps, network,
                deviceFingerprint, userAgent, risk, pagesSeen, cartHolds, purchasedItems, loginSucceeded,
                failedLogins, failedAccounts, firstLoginAt, firstAccountChangeAt, firstCheckoutAt, accountChanges,
                largestCheckoutValue, largestCheckoutAt, facts, purchasedSkus, purchasedCategories, trajectoryShapes,
                profileDeviation);
    }
}
