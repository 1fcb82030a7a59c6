package io.telltale.cep.session;

import java.util.Comparator;
import java.util.LinkedHashMap;

/**
 * The devices and networks an account's sessions came from, in bounded space: per account at most
 * {@link #MAX_KEPT} of each, the one seen least recently forgotten first. Plain Java; the Flink
 * function keeps one per account in keyed state (with a time to live) and asks it about every
 * finished session of the account, in the order the sessions end.
 */
public final class AccountHistory {

    /**
     * Devices (and networks) remembered per account. A person uses a handful of browsers; an
     * account shared by hundreds is not one this history can speak for, and stays bounded.
     */
    public static final int MAX_KEPT = 32;

    /** Per device fingerprint: [first seen, last seen], epoch ms. */
    public LinkedHashMap<String, long[]> devices = new LinkedHashMap<>();
    /** Per network prefix: [first seen, last seen]. */
    public LinkedHashMap<String, long[]> networks = new LinkedHashMap<>();
    public int sessions;

    public AccountHistory() {}

    /** What the history knew about {@code session}'s device and network; then remembers them. */
    public AccountFacts observe(SessionSummary session) {
        boolean seenBefore = sessions > 0;
        long device = remember(devices, session.deviceFingerprint(), session.startedAt(), session.endedAt());
        long network = remember(networks, session.network().prefix(), session.startedAt(), session.endedAt());
        sessions++;
        return new AccountFacts(seenBefore, device, network);
    }

    private static long remember(LinkedHashMap<String, long[]> seen, String key, long startedAt, long endedAt) {
        if (key == null) {
            return -1;
        }
        long[] times = seen.get(key);
        if (times == null) {
            times = new long[] {startedAt, endedAt};
            seen.put(key, times);
            if (seen.size() > MAX_KEPT) {
                seen.entrySet().stream()
                        .filter(e -> !e.getKey().equals(key))
                        .min(Comparator.comparingLong(e -> e.getValue()[1]))
                        .ifPresent(stale -> seen.remove(stale.getKey()));
            }
        } else {
            times[0] = Math.min(times[0], startedAt);
            times[1] = Math.max(times[1], endedAt);
        }
        return times[0];
    }
}
