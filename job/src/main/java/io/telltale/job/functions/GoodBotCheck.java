package io.telltale.job.functions;

import io.telltale.core.policy.GoodBotFamily;
import io.telltale.core.policy.GoodBotVerifier;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.state.CheckedScore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Verifies crawlers that claim a good-bot family, with forward-confirmed reverse DNS through the
 * JVM's resolver, off the task thread (Flink async I/O). Scores whose user agent claims no family
 * pass straight through without a lookup. Verdicts are cached per address and family for
 * {@code cacheTtl}, at most {@link #CACHE_ENTRIES} of them; a lookup that fails or times out
 * counts as "not verified", never as an error.
 */
public final class GoodBotCheck extends RichAsyncFunction<RiskScore, CheckedScore> {

    private static final long serialVersionUID = 1L;

    /** Crawler addresses remembered; crawlers come from a few thousand addresses at most. */
    static final int CACHE_ENTRIES = 10_000;
    /** Threads doing blocking lookups; DNS answers in milliseconds, claims are rare. */
    private static final int LOOKUP_THREADS = 4;

    private final GoodBotVerifier verifier;
    private final long cacheTtlMillis;

    private transient ExecutorService lookups;
    private transient Map<String, Verdict> cache;
    private transient Counter verified;
    private transient Counter refused;

    private record Verdict(String family, long until) {}

    public GoodBotCheck(List<GoodBotFamily> families, Duration cacheTtl) {
        this.verifier = new GoodBotVerifier(families);
        this.cacheTtlMillis = cacheTtl.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        lookups = Executors.newFixedThreadPool(LOOKUP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "telltale-good-bot-dns");
            thread.setDaemon(true);
            return thread;
        });
        cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };
        var group = getRuntimeContext().getMetricGroup().addGroup("telltale");
        verified = group.counter("goodBotsVerified");
        refused = group.counter("goodBotClaimsRefused");
    }

    @Override
    public void asyncInvoke(RiskScore score, ResultFuture<CheckedScore> result) {
        String userAgent = score.context().userAgent();
        GoodBotFamily claimed = verifier.claimedFamily(userAgent);
        String ip = score.context().clientIp();
        if (claimed == null || ip == null) {
            result.complete(List.of(new CheckedScore(score, null)));
            return;
        }
        String cacheKey = claimed.name() + "|" + ip;
        long now = System.currentTimeMillis();
        Verdict cached;
        synchronized (cache) {
            cached = cache.get(cacheKey);
        }
        if (cached != null && cached.until() > now) {
            result.complete(List.of(new CheckedScore(score, cached.family())));
            return;
        }
        CompletableFuture.supplyAsync(() -> lookUp(userAgent, ip), lookups).thenAccept(family -> {
            synchronized (cache) {
                cache.put(cacheKey, new Verdict(family, System.currentTimeMillis() + cacheTtlMillis));
            }
            (family != null ? verified : refused).inc();
            result.complete(List.of(new CheckedScore(score, family)));
        });
    }

    @Override
    public void timeout(RiskScore score, ResultFuture<CheckedScore> result) {
        refused.inc();
        result.complete(List.of(new CheckedScore(score, null)));
    }

    private String lookUp(String userAgent, String ip) {
        try {
            return verifier.verify(userAgent, ip, JvmResolver.INSTANCE);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (lookups != null) {
            lookups.shutdownNow();
        }
    }

    /** The JVM's resolver (system DNS, or the file named by {@code -Djdk.net.hosts.file}). */
    static final class JvmResolver implements GoodBotVerifier.Resolver {
        static final JvmResolver INSTANCE = new JvmResolver();

        @Override
        public String hostOf(InetAddress address) {
            String host = address.getCanonicalHostName();
            // With no reverse name, the JVM answers with the address itself.
            return host.equals(address.getHostAddress()) ? null : host;
        }

        @Override
        public List<InetAddress> addressesOf(String host) {
            try {
                Collection<InetAddress> all = List.of(InetAddress.getAllByName(host));
                return new ArrayList<>(all);
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
    }
}
