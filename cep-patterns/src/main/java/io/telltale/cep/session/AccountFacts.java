package io.telltale.cep.session;

/**
 * What the account's earlier sessions say about this one: whether its browser and network had
 * been seen on the account before. Filled in by the account-history stage for sessions with a user
 * id; {@link #UNKNOWN} for anonymous sessions.
 *
 * @param seenBefore         the account had sessions before this one (within the history's life)
 * @param deviceFirstSeenAt  epoch ms this session's device fingerprint was first seen on the
 *                           account (this session's start if never before); -1 without a fingerprint
 * @param networkFirstSeenAt the same for its network (/24, /48); -1 without a network
 */
public record AccountFacts(boolean seenBefore, long deviceFirstSeenAt, long networkFirstSeenAt) {

    public static final AccountFacts UNKNOWN = new AccountFacts(false, -1, -1);

    /** The account was seen before, and this device first appeared on it no earlier than {@code since}. */
    public boolean newDeviceSince(long since) {
        return seenBefore && deviceFirstSeenAt >= since;
    }

    /** The account was seen before, and this network first appeared on it no earlier than {@code since}. */
    public boolean newNetworkSince(long since) {
        return seenBefore && networkFirstSeenAt >= since;
    }
}
