package io.telltale.cep.session;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.RiskScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session being summarised: folds commerce events and risk scores, in any order, into what
 * {@link SessionSummary} reports when the session ends. Plain Java; the Flink function keeps one
 * per session in keyed state and calls {@link #summary()} when the session's timer fires.
 *
 * <p>Sizes are capped so that a session flooding the shop with events keeps a bounded draft.
 */
public final class SessionDraft {

    /** Most distinct SKUs, addresses or failed accounts kept per session. */
    public static final int MAX_DISTINCT = 256;

    public String sessionId;
    public String userId;
    public long startedAt = Long.MAX_VALUE;
    public long endedAt = Long.MIN_VALUE;
    public String clientIp;
    public long clientIpAt = Long.MIN_VALUE;
    public LinkedHashSet<String> clientIps = new LinkedHashSet<>();
    public String deviceFingerprint;
    public String userAgent;
    public double risk = Double.NaN;
    public long riskWindowEnd = Long.MIN_VALUE;
    /** End of the latest risk-score window whose final score came; windows after it are still open. */
    public long finalScoredUntil = Long.MIN_VALUE;
    public int pagesSeen;
    /** Per SKU: [quantity in cart, first add time, last removal time or -1, most ever in cart]. */
    public LinkedHashMap<String, long[]> cart = new LinkedHashMap<>();
    public LinkedHashMap<String, String> categories = new LinkedHashMap<>();
    public int purchasedItems;
    public boolean loginSucceeded;
    public int failedLogins;
    public LinkedHashSet<String> failedAccounts = new LinkedHashSet<>();
    public long firstLoginAt = -1;
    public long firstAccountChangeAt = -1;
    public long firstCheckoutAt = -1;
    /** What the account changes changed → first time. */
    public LinkedHashMap<String, Long> accountChanges = new LinkedHashMap<>();
    public double largestCheckoutValue = Double.NaN;
    public long largestCheckoutAt = -1;
    public LinkedHashSet<String> purchasedSkus = new LinkedHashSet<>();
    public LinkedHashSet<String> purchasedCategories = new LinkedHashSet<>();
    /** Shape hashes of the trajectory fingerprint, from the latest risk score that carried one. */
    public LinkedHashSet<String> trajectoryShapes = new LinkedHashSet<>();
    /** Highest judged deviation from the account's behaviour profile, NaN if none was judged. */
    public double profileDeviation = Double.NaN;

    public SessionDraft() {}

    public void add(CommerceEvent e) {
        sessionId = e.sessionId();
        touch(e.time());
        if (e.userId() != null && e.type() != io.telltale.core.wire.CommerceEventType.LOGIN_FAILED) {
            userId = e.userId();
        }
        if (e.clientIp() != null) {
            addCapped(clientIps, e.clientIp());
            if (e.time() >= clientIpAt) {
                clientIp = e.clientIp();
                clientIpAt = e.time();
            }
        }
        int quantity = Math.max(1, e.quantity());
        switch (e.type()) {
            case PAGE_VIEW -> pagesSeen++;
            case LOGIN -> {
                loginSucceeded = true;
                firstLoginAt = first(firstLoginAt, e.time());
            }
            case LOGIN_FAILED -> {
                failedLogins++;
                if (e.userId() != null) {
                    addCapped(failedAccounts, e.userId());
                }
            }
            case ACCOUNT_CHANGE -> {
                firstAccountChangeAt = first(firstAccountChangeAt, e.time());
                String what = e.change() == null || e.change().isBlank()
                        ? SessionSummary.UNSPECIFIED_CHANGE : e.change().strip().toLowerCase(java.util.Locale.ROOT);
                if (accountChanges.containsKey(what) || accountChanges.size() < MAX_DISTINCT) {
                    accountChanges.merge(what, e.time(), Math::min);
                }
            }
            case CART_ADD -> {
                if (e.sku() != null && (cart.containsKey(e.sku()) || cart.size() < MAX_DISTINCT)) {
                    long[] line = cart.computeIfAbsent(e.sku(), sku -> new long[] {0, e.time(), -1, 0});
                    line[0] += quantity;
                    line[3] = Math.max(line[3], line[0]);
                    line[1] = Math.min(line[1], e.time());
                    if (e.category() != null) {
                        categories.put(e.sku(), e.category());
                    }
                }
            }
            case CART_REMOVE -> {
                long[] line = e.sku() == null ? null : cart.get(e.sku());
                if (line != null) {
                    line[0] = Math.max(0, line[0] - quantity);
                    line[2] = Math.max(line[2], e.time());
                }
            }
            case CHECKOUT -> {
                firstCheckoutAt = first(firstCheckoutAt, e.time());
                if (Double.isFinite(e.value()) && (Double.isNaN(largestCheckoutValue) || e.value() > largestCheckoutValue)) {
                    largestCheckoutValue = e.value();
                    largestCheckoutAt = e.time();
                }
                if (e.sku() == null) {
                    // A checkout without a SKU buys the whole cart.
                    cart.forEach((sku, line) -> {
                        if (line[0] > 0) {
                            purchasedItems += (int) line[0];
                            bought(sku, categories.get(sku));
                        }
                    });
                    cart.clear();
                } else {
                    purchasedItems += quantity;
                    bought(e.sku(), e.category() != null ? e.category() : categories.get(e.sku()));
                    cart.remove(e.sku());
                }
            }
        }
    }

    public void add(RiskScore score) {
        sessionId = score.sessionId();
        if (score.userId() != null) {
            userId = score.userId();
        }
        touch(score.windowStart());
        risk = Double.isNaN(risk) ? score.score() : Math.max(risk, score.score());
        riskWindowEnd = Math.max(riskWindowEnd, score.windowEnd());
        if (score.isFinal()) {
            finalScoredUntil = Math.max(finalScoredUntil, score.windowEnd());
        }
        var context = score.context();
        if (context.deviceFingerprint() != null) {
            deviceFingerprint = context.deviceFingerprint();
        }
        if (context.userAgent() != null) {
            userAgent = context.userAgent();
        }
        if (score.profile() != null && score.profile().judged()
                && (Double.isNaN(profileDeviation) || score.profile().deviation() > profileDeviation)) {
            profileDeviation = score.profile().deviation();
        }
        if (!score.trajectory().isEmpty()) {
            // The final score carries the whole session's fingerprint; an earlier one is a part of it.
            trajectoryShapes = new LinkedHashSet<>(score.trajectory());
        }
        if (context.clientIp() != null) {
            addCapped(clientIps, context.clientIp());
            if (clientIp == null) {
                clientIp = context.clientIp();
            }
        }
    }

    /**
     * When the session is over: {@code gap} after its last commerce event, and not before its
     * risk-score window closed and that window's final score came (it carries the trajectory
     * fingerprint and the last word on risk), or {@code finalScoreWait} after the window closed
     * without it.
     */
    public long endsAt(long gapMillis, long finalScoreWaitMillis) {
        long scored = riskWindowEnd > finalScoredUntil ? riskWindowEnd + finalScoreWaitMillis : riskWindowEnd;
        return Math.max(endedAt + gapMillis, scored);
    }

    public SessionSummary summary() {
        List<CartHold> holds = new ArrayList<>();
        for (Map.Entry<String, long[]> line : cart.entrySet()) {
            long[] l = line.getValue();
            boolean released = l[0] == 0;
            holds.add(new CartHold(line.getKey(), categories.get(line.getKey()), (int) l[3], l[1],
                    released && l[2] >= 0 ? l[2] : endedAt, released));
        }
        return new SessionSummary(null, sessionId, userId, startedAt, endedAt, clientIp, Set.copyOf(clientIps),
                null, deviceFingerprint, userAgent, risk, pagesSeen, holds, purchasedItems, loginSucceeded,
                failedLogins, Set.copyOf(failedAccounts), firstLoginAt, firstAccountChangeAt, firstCheckoutAt,
                Map.copyOf(accountChanges), largestCheckoutValue, largestCheckoutAt, AccountFacts.UNKNOWN,
                Set.copyOf(purchasedSkus), Set.copyOf(purchasedCategories), Set.copyOf(trajectoryShapes),
                profileDeviation);
    }

    private void bought(String sku, String category) {
        addCapped(purchasedSkus, sku);
        if (category != null) {
            addCapped(purchasedCategories, category);
        }
    }

    private void touch(long time) {
        startedAt = Math.min(startedAt, time);
        endedAt = Math.max(endedAt, time);
    }

    private static long first(long current, long time) {
        return current < 0 ? time : Math.min(current, time);
    }

    private static void addCapped(Set<String> set, String value) {
        if (set.size() < MAX_DISTINCT) {
            set.add(value);
        }
    }
}
