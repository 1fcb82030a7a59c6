package io.telltale.bench;

import io.telltale.cep.network.NetworkFacts;
import io.telltale.cep.network.NetworkPrefix;
import io.telltale.cep.network.NetworkType;
import io.telltale.cep.session.AccountFacts;
import io.telltale.cep.session.AccountHistory;
import io.telltale.cep.session.CartHold;
import io.telltale.cep.session.SessionDraft;
import io.telltale.cep.session.SessionSummary;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Heap bytes of the pattern job's state values, for sizing its TaskManagers with the heap state
 * backend (docs/cross-session-patterns.md, "State backend"): an account's history, an open
 * session's draft, a session summary held by a CEP operator. Measured as the live heap a few
 * hundred thousand of each occupy after a full GC, so it includes every object they reference but
 * not Flink's own per-entry bookkeeping or the key.
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.telltale.bench.PatternStateHeap</pre>
 */
public final class PatternStateHeap {

    private static final int COUNT = 200_000;

    private PatternStateHeap() {}

    public static void main(String[] args) throws InterruptedException {
        Random random = new Random(1);
        print("account history (3 sessions from 3 browsers on 3 networks)", measure(i -> {
            AccountHistory history = new AccountHistory();
            for (int s = 0; s < 3; s++) {
                history.observe(summary(random, "u" + i, "s" + i + "-" + s));
            }
            return history;
        }));
        print("open session's draft (2 page views, a login, a cart add)", measure(i -> {
            String session = UUID.randomUUID().toString();
            String ip = address(random);
            SessionDraft draft = new SessionDraft();
            long t = 1_000_000L;
            draft.add(new CommerceEvent(1, CommerceEventType.PAGE_VIEW, session, null, ip, null, null, 0, t));
            draft.add(new CommerceEvent(1, CommerceEventType.PAGE_VIEW, session, null, ip, null, null, 0, t + 5_000));
            draft.add(new CommerceEvent(1, CommerceEventType.LOGIN, session, "u" + i, ip, null, null, 0, t + 9_000));
            draft.add(new CommerceEvent(1, CommerceEventType.CART_ADD, session, "u" + i, ip,
                    "SKU-" + random.nextInt(5_000), "c" + random.nextInt(50), 1, t + 20_000));
            return draft;
        }));
        print("session summary in a CEP operator (a held SKU, a failed login, a user agent)",
                measure(i -> summary(random, "u" + i, UUID.randomUUID().toString())));
    }

    private static long measure(IntFunction<Object> make) throws InterruptedException {
        long before = usedHeap();
        List<Object> kept = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            kept.add(make.apply(i));
        }
        long after = usedHeap();
        if (kept.size() != COUNT) {
            throw new AssertionError(); // keeps them reachable until measured
        }
        return (after - before) / COUNT;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static SessionSummary summary(Random random, String user, String session) {
        String ip = address(random);
        return new SessionSummary("device:" + Long.toHexString(random.nextLong()), session, user, 1_000L, 61_000L, ip,
                Set.of(ip), new NetworkFacts(NetworkPrefix.of(ip), 64500, "Example Broadband", NetworkType.RESIDENTIAL),
                Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()),
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
                0.2, 3, List.of(new CartHold("SKU-" + random.nextInt(5_000), "c", 1, 30_000, 61_000, false)), 0, true, 1,
                Set.of("victim-" + user), 5_000, -1, -1, Map.of(), Double.NaN, -1, new AccountFacts(true, 0, 0),
                Set.of(), Set.of(), Set.of(), Double.NaN);
    }

    private static String address(Random random) {
        return "81.2." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private static void print(String what, long bytes) {
        System.out.printf(Locale.ROOT, "%-80s %,6d B%n", what, bytes);
    }
}
