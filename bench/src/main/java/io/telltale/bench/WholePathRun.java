package io.telltale.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.connectors.gateway.ApiKeys;
import io.telltale.connectors.gateway.Gateway;
import io.telltale.connectors.gateway.GatewayConfig;
import io.telltale.connectors.gateway.SessionTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;

/**
 * Time to decision through the whole path: browsers' batches are posted to the gateway (session
 * tokens and all), the job scores them from the gateway's topic, the gateway's decision view reads
 * the scores, and a backend polls {@code GET /v1/sessions/{id}/decision}. The latency runs from
 * the moment the batch that first pushes a session over a threshold is posted until the decision
 * API first answers with a challenge or block for it; the poll interval ({@link #POLL}) is part
 * of it, as it would be for a backend that polls.
 */
final class WholePathRun {

    static final Duration POLL = Duration.ofMillis(5);
    static final String API_KEY = "bench-key";
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    record Result(double batchesPerSecond, long posted, long refused, long crossings, long decided,
            Percentiles latencyMs, Duration measured, String loadBefore, String loadAfter) {}

    private WholePathRun() {}

    static Result measure(Workload workload, BenchKafka kafka, double batchesPerSecond, Duration warmUp,
            Duration measure, Duration drain, int parallelism, Path checkpoints, Configuration settings)
            throws Exception {
        TelltaleUnderTest.Names names = TelltaleUnderTest.Names.of("path");
        String commerce = "bench.path.commerce";
        kafka.createTopics(parallelism, names.all());
        kafka.createTopics(parallelism, commerce);
        // as deployed: scores in transactions committed on each checkpoint, which the decision view
        // does not wait for
        JobClient job = TelltaleUnderTest.start(kafka, names, "path", parallelism, checkpoints, 0, settings,
                DeliveryGuarantee.EXACTLY_ONCE, new Configuration());
        GatewayConfig.SecretBytes secret = new GatewayConfig.SecretBytes(new byte[32]);
        // Sessions already running when the replay starts got their token before it: issued with the
        // gateway's own secret, as the gateway would have.
        SessionTokens earlierTokens = new SessionTokens(secret, GatewayConfig.DEFAULT_TOKEN_TTL, Clock.systemUTC());
        GatewayConfig config = new GatewayConfig(
                Map.of(GatewayRun.SITE_KEY, new GatewayConfig.Site(GatewayRun.SITE_KEY, Set.of("*"))),
                List.of(new ApiKeys.Entry("bench", ApiKeys.sha256(API_KEY))), List.of(),
                secret, GatewayConfig.DEFAULT_TOKEN_TTL,
                GatewayConfig.DEFAULT_MAX_BODY_BYTES, GatewayConfig.DEFAULT_PRODUCER_BUFFER_BYTES,
                GatewayConfig.DEFAULT_PRODUCER_MAX_BLOCK, GatewayConfig.DEFAULT_DECISION_CAPACITY,
                new GatewayConfig.TopicNames(names.telemetry(), commerce, names.scores()));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (Gateway gateway = Gateway.start(config, kafka.bootstrap(), "127.0.0.1", 0, new Properties(),
                Clock.systemUTC())) {
            long readyBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!gateway.ready() && System.nanoTime() < readyBy) {
                Thread.sleep(100);
            }
            String base = "http://127.0.0.1:" + gateway.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clients).build();
            Map<Long, String> tokens = new ConcurrentHashMap<>();
            Map<Long, String> gatewayIds = new ConcurrentHashMap<>();
            Map<String, Long> pending = new ConcurrentHashMap<>();
            List<Long> latencies = new ArrayList<>();
            AtomicLong posted = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong crossings = new AtomicLong();
            AtomicBoolean polling = new AtomicBoolean(true);
            Thread poller = new Thread(() -> poll(http, base, pending, latencies, polling), "bench-decision-poller");
            poller.start();

            String loadBefore = MachineGauges.loadAverage();
            long countFrom = System.currentTimeMillis() + warmUp.toMillis();
            long stopAt = countFrom + measure.toMillis();
            LiveReplay.run(workload, batchesPerSecond, stopAt, (session, template, index, start, counted) -> {
                // A session's first batch goes without a token and the gateway answers with the id it
                // chose for the session; the browser sends the rest under that id.
                byte[] id = SessionTemplate.sessionIdBytes(session);
                String token = counted ? tokens.get(session) : tokens.computeIfAbsent(session, s ->
                        earlierTokens.issue(GatewayRun.SITE_KEY, new String(id, StandardCharsets.US_ASCII)));
                String gatewayId = gatewayIds.get(session); // put before the token: read after it
                if (index > 0 && token == null) {
                    refused.incrementAndGet(); // its first batch was refused, or has not been answered yet
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/telemetry"))
                        .header("Content-Type", "application/json")
                        .header("X-Telltale-Site-Key", GatewayRun.SITE_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                template.renderAsSentByBrowser(index, id, gatewayId, start)));
                if (token != null) {
                    request.header("X-Telltale-Session", token);
                }
                boolean crossing = counted && index == template.thresholdBatch()
                        && System.currentTimeMillis() >= countFrom;
                long postedAt = System.nanoTime();
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, e) -> {
                    if (e != null || response.statusCode() != 202) {
                        refused.incrementAndGet();
                        return;
                    }
                    response.headers().firstValue("X-Telltale-Session-Id").ifPresent(minted ->
                            gatewayIds.put(session, minted));
                    response.headers().firstValue("X-Telltale-Session").ifPresent(t -> tokens.put(session, t));
                    if (crossing) {
                        crossings.incrementAndGet();
                        String sentAs = response.headers().firstValue("X-Telltale-Session-Id")
                                .orElse(gatewayId != null ? gatewayId : new String(id, StandardCharsets.US_ASCII));
                        pending.put(sentAs, postedAt);
                    }
                });
                posted.incrementAndGet();
            });
            long drainUntil = System.nanoTime() + drain.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < drainUntil) {
                Thread.sleep(100);
            }
            polling.set(false);
            poller.join();
            synchronized (latencies) {
                return new Result(batchesPerSecond, posted.get(), refused.get(), crossings.get(), latencies.size(),
                        Percentiles.of(latencies), measure, loadBefore, MachineGauges.loadAverage());
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
    }

    /** Asks the decision API about every pending session each {@link #POLL} until it challenges or blocks it. */
    private static void poll(HttpClient http, String base, Map<String, Long> pending, List<Long> latencies,
            AtomicBoolean polling) {
        ObjectMapper json = new ObjectMapper();
        while (polling.get()) {
            for (Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Long> session = it.next();
                try {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                                    URI.create(base + "/v1/sessions/" + session.getKey() + "/decision"))
                            .header("Authorization", "Bearer " + API_KEY).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    String action = json.readTree(response.body()).path("action").asText("");
                    long now = System.nanoTime();
                    if (action.equals("challenge") || action.equals("block")) {
                        synchronized (latencies) {
                            latencies.add((now - session.getValue()) / 1_000_000);
                        }
                        it.remove();
                    } else if (now - session.getValue() > GIVE_UP.toNanos()) {
                        it.remove();
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    // Counted as undecided if it never answers; the next poll tries again.
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
