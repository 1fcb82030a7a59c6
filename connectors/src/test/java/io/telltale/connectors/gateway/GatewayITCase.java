package io.telltale.connectors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.policy.NetworkRange;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against an in-process broker, over loopback: what it accepts, what it stamps and
 * where it writes, and every refusal with its status, code and metric.
 */
class GatewayITCase {

    static final String SITE_KEY = "site_shop";
    static final String SHOP = "https://shop.example";
    static final String API_KEY = "k-backend-0123456789";
    /** The test's trusted proxy: a client socket bound to this loopback address. */
    static final String PROXY = "127.0.0.2";
    static final int MAX_BODY = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static EmbeddedKafka kafka;
    static Gateway gateway;
    static GatewayConfig config;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        GatewayConfig.TopicNames topics = GatewayConfig.TopicNames.DEFAULTS;
        kafka.createTopics(1, topics.telemetry(), topics.commerce(), topics.riskScores());
        config = config(MAX_BODY, Duration.ofMillis(500));
        gateway = Gateway.start(config, kafka.bootstrapServers(), "127.0.0.1", 0, new Properties(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static GatewayConfig config(int maxBody, Duration maxBlock) {
        return new GatewayConfig(
                Map.of(SITE_KEY, new GatewayConfig.Site(SITE_KEY, Set.of(SHOP))),
                List.of(new ApiKeys.Entry("backend", ApiKeys.sha256(API_KEY))),
                List.of(NetworkRange.parse(PROXY + "/32")),
                new GatewayConfig.SecretBytes("0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8)),
                GatewayConfig.DEFAULT_TOKEN_TTL, maxBody, 1 << 20, maxBlock, 1000, GatewayConfig.TopicNames.DEFAULTS);
    }

    // ---- telemetry ----------------------------------------------------------------------------

    @Test
    void aFirstBatchWithoutTokenStartsANewSessionUnderTheGatewaysIdStampedAndKeyedByIt() throws Exception {
        String placeholder = newSession();
        long before = System.currentTimeMillis();
        HttpResponse<String> response = postTelemetry(batch(placeholder, 0), SHOP, null);

        assertThat(response.statusCode()).isEqualTo(202);
        String token = response.headers().firstValue("X-Telltale-Session").orElseThrow();
        String session = response.headers().firstValue("X-Telltale-Session-Id").orElseThrow();
        assertThat(session).isNotEqualTo(placeholder).matches("[0-9a-f-]{36}");
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"accepted\",\"sessionId\":\"" + session + "\",\"sessionToken\":\"" + token + "\"}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValue("X-Telltale-Session, X-Telltale-Session-Id");

        ConsumerRecord<byte[], byte[]> record = await(config.topics().telemetry(), session);
        TelemetryBatch stamped = new TelemetryBatchSerde().deserialize(record.value());
        assertThat(stamped.sessionId()).isEqualTo(session);
        assertThat(stamped.clientIp()).isEqualTo("127.0.0.1");
        assertThat(stamped.receivedAt()).isBetween(before, System.currentTimeMillis());
        assertThat(record.timestamp()).as("record timestamp: the job's event time").isEqualTo(stamped.receivedAt());
        assertThat(stamped.mouse().size()).isEqualTo(3);
        String json = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"futureField\":\"kept\"").doesNotContain(placeholder);

        // The token carries the session on: seq 1 with it is accepted, with no new token.
        HttpResponse<String> next = postTelemetry(batch(session, 1), SHOP, token);
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(next.headers().firstValue("X-Telltale-Session")).isEmpty();
        assertThat(next.body()).isEqualTo("{\"status\":\"accepted\"}");
    }

    @Test
    void nobodyCanPostIntoAnotherSessionBySendingSeqZeroWithoutAToken() throws Exception {
        Started victim = startSession();
        assertThat(postTelemetry(batch(victim.sessionId(), 1), SHOP, victim.token()).statusCode()).isEqualTo(202);

        // The attacker knows the victim's session id and sends a first batch for it, without a token.
        String forged = batch(victim.sessionId(), 0).replace("\"route\":\"/p/1\"", "\"route\":\"/forged\"");
        HttpResponse<String> attempt = postTelemetry(forged, SHOP, null);
        assertThat(attempt.statusCode()).isEqualTo(202);
        String elsewhere = attempt.headers().firstValue("X-Telltale-Session-Id").orElseThrow();
        assertThat(elsewhere).isNotEqualTo(victim.sessionId());
        assertThat(new String(await(config.topics().telemetry(), elsewhere).value(), StandardCharsets.UTF_8))
                .contains("\"/forged\"");
        // ... and its token, issued for the new session, opens nothing else.
        String attackerToken = attempt.headers().firstValue("X-Telltale-Session").orElseThrow();
        assertRefused(postTelemetry(batch(victim.sessionId(), 2), SHOP, attackerToken), 401, "SESSION_TOKEN_INVALID");

        assertThat(recordsKeyed(config.topics().telemetry(), victim.sessionId()))
                .hasSize(2)
                .allSatisfy(value -> assertThat(value).doesNotContain("/forged"));
    }

    @Test
    void aBackendStartsSessionsWithItsApiKey() throws Exception {
        assertRefused(http.send(sessions("{\"siteKey\":\"" + SITE_KEY + "\"}", null), HttpResponse.BodyHandlers.ofString()),
                401, "API_KEY_REQUIRED");
        assertRefused(http.send(sessions("{\"siteKey\":\"site_nope\"}", API_KEY), HttpResponse.BodyHandlers.ofString()),
                403, "UNKNOWN_SITE_KEY");
        assertRefused(http.send(sessions("{}", API_KEY), HttpResponse.BodyHandlers.ofString()), 400, "SITE_KEY_REQUIRED");
        assertRefused(http.send(sessions("{\"siteKey\":", API_KEY), HttpResponse.BodyHandlers.ofString()), 400,
                "MALFORMED_JSON");

        HttpResponse<String> started =
                http.send(sessions("{\"siteKey\":\"" + SITE_KEY + "\"}", API_KEY), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
        String session = GatewayJson.stringField(started.body().getBytes(StandardCharsets.UTF_8), "sessionId");
        String token = GatewayJson.stringField(started.body().getBytes(StandardCharsets.UTF_8), "sessionToken");

        // The page's first batch carries the backend's id and token, and stays in that session.
        HttpResponse<String> first = postTelemetry(batch(session, 0), SHOP, token);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("X-Telltale-Session-Id")).isEmpty();
        assertThat(new TelemetryBatchSerde().deserialize(await(config.topics().telemetry(), session).value()).sequence())
                .isZero();

        // A second tab (or page load) rendered with the same id and token starts its own page
        // stream at seq 0: it too stays in the session, its page id kept for the job's deduplication.
        String secondTab = batch(session, 0).replace("\"seq\":0", "\"pageId\":\"tab-two\",\"seq\":0");
        HttpResponse<String> second = postTelemetry(secondTab, SHOP, token);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(second.headers().firstValue("X-Telltale-Session-Id")).isEmpty();
        List<String> produced = recordsKeyed(config.topics().telemetry(), session);
        for (long deadline = System.nanoTime() + TIMEOUT.toNanos(); produced.size() < 2 && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            produced = recordsKeyed(config.topics().telemetry(), session);
        }
        assertThat(produced).hasSize(2).last().asString().contains("\"pageId\":\"tab-two\",\"seq\":0");
    }

    @Test
    void beaconCarriesSiteKeyAndTokenInTheQuery() throws Exception {
        Started session = startSession();
        HttpRequest beacon = HttpRequest.newBuilder(
                        uri("/v1/telemetry?siteKey=" + SITE_KEY + "&sessionToken=" + session.token()))
                .header("Content-Type", "text/plain;charset=UTF-8").header("Origin", SHOP)
                .POST(HttpRequest.BodyPublishers.ofString(batch(session.sessionId(), 1))).build();
        assertThat(http.send(beacon, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        Started viaProxy = startSession();
        String raw = rawPost(PROXY, "/v1/telemetry", batch(viaProxy.sessionId(), 1),
                "X-Telltale-Site-Key: " + SITE_KEY, "X-Telltale-Session: " + viaProxy.token(),
                "X-Forwarded-For: 198.51.100.1, 203.0.113.9");
        assertThat(raw).startsWith("HTTP/1.1 202");
        // The rightmost untrusted hop; 198.51.100.1 was written by the client and is not believed.
        assertThat(recordsKeyed(config.topics().telemetry(), viaProxy.sessionId()))
                .anySatisfy(value -> assertThat(value).contains("\"clientIp\":\"203.0.113.9\""));

        HttpRequest spoofed = telemetryRequest(batch(newSession(), 0), SHOP, null).header("X-Forwarded-For", "203.0.113.9").build();
        HttpResponse<String> direct = http.send(spoofed, HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(202);
        String directSession = direct.headers().firstValue("X-Telltale-Session-Id").orElseThrow();
        assertThat(new TelemetryBatchSerde().deserialize(await(config.topics().telemetry(), directSession).value()).clientIp())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void sessionTokensMustBeIssuedForThisSiteAndSessionAndFresh() throws Exception {
        Started started = startSession();
        String session = started.sessionId();
        String token = started.token();
        String otherToken = startSession().token();

        assertRefused(postTelemetry(batch(session, 1), SHOP, null), 401, "SESSION_TOKEN_REQUIRED");
        assertRefused(postTelemetry(batch(session, 1), SHOP, otherToken), 401, "SESSION_TOKEN_INVALID");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertRefused(postTelemetry(batch(session, 1), SHOP, forged), 401, "SESSION_TOKEN_INVALID");
        assertRefused(postTelemetry(batch(session, 1), SHOP, "not-a-token"), 401, "SESSION_TOKEN_INVALID");

        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String expired = new SessionTokens(config.tokenSecret(), config.tokenTtl(), twoDaysAgo).issue(SITE_KEY, session);
        assertRefused(postTelemetry(batch(session, 1), SHOP, expired), 401, "SESSION_TOKEN_EXPIRED");

        // A token issued long enough ago is still good, and is renewed.
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofHours(13)), ZoneOffset.UTC);
        String old = new SessionTokens(config.tokenSecret(), config.tokenTtl(), yesterday).issue(SITE_KEY, session);
        HttpResponse<String> renewed = postTelemetry(batch(session, 2), SHOP, old);
        assertThat(renewed.statusCode()).isEqualTo(202);
        assertThat(renewed.headers().firstValue("X-Telltale-Session")).isPresent().get().isNotEqualTo(old);
        assertThat(renewed.headers().firstValue("X-Telltale-Session-Id")).isEmpty();
    }

    @Test
    void oversizedMalformedAndInvalidBodiesAreRefusedWithTheirReason() throws Exception {
        String big = "{\"v\":1,\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}";
        assertRefused(postTelemetry(big, SHOP, null), 413, "BODY_TOO_LARGE");
        assertRefused(postTelemetry("{\"v\":1,\"sessionId\":", SHOP, null), 400, "MALFORMED_JSON");
        assertRefused(postTelemetry(batch(newSession(), 0).replace("\"v\":1", "\"v\":2"), SHOP, null), 400,
                "UNSUPPORTED_VERSION");
        String withIp = batch(newSession(), 0).replace("\"seq\":0", "\"seq\":0,\"clientIp\":\"1.2.3.4\"");
        assertRefused(postTelemetry(withIp, SHOP, null), 400, "INVALID_VALUE");
    }

    @Test
    void bodiesOfUnknownLengthAreReadWholeAndHeldToTheLimit() throws Exception {
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        String padded = batch(newSession(), 0).replace("\"futureField\":\"kept\"",
                "\"futureField\":\"" + "k".repeat(20_000) + "\"");
        HttpResponse<String> accepted = http.send(telemetryRequest(padded, SHOP, null)
                .POST(chunked(padded)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String big = "{\"v\":1,\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}";
        assertRefused(http.send(telemetryRequest(big, SHOP, null).POST(chunked(big)).build(),
                HttpResponse.BodyHandlers.ofString()), 413, "BODY_TOO_LARGE");
    }

    static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongOriginsAndSiteKeysAreRefused() throws Exception {
        HttpResponse<String> preflight = http.send(preflight(SHOP), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("X-Telltale-Site-Key", "X-Telltale-Session");

        HttpResponse<String> evilPreflight = http.send(preflight("https://evil.example"), HttpResponse.BodyHandlers.ofString());
        assertRefused(evilPreflight, 403, "ORIGIN_NOT_ALLOWED");
        assertThat(evilPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> evilPost = postTelemetry(batch(newSession(), 0), "https://evil.example", null);
        assertRefused(evilPost, 403, "ORIGIN_NOT_ALLOWED");
        assertThat(evilPost.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpRequest unknownSite = HttpRequest.newBuilder(uri("/v1/telemetry")).header("X-Telltale-Site-Key", "site_nope")
                .POST(HttpRequest.BodyPublishers.ofString(batch(newSession(), 0))).build();
        assertRefused(http.send(unknownSite, HttpResponse.BodyHandlers.ofString()), 403, "UNKNOWN_SITE_KEY");
    }

    // ---- commerce and decisions ---------------------------------------------------------------

    @Test
    void commerceNeedsTheApiKey() throws Exception {
        String session = newSession();
        String event = "{\"v\":1,\"type\":\"cart_add\",\"sessionId\":\"" + session + "\",\"sku\":\"GPU-1\",\"quantity\":2,"
                + "\"time\":" + System.currentTimeMillis() + "}";
        assertRefused(http.send(commerce(event, null), HttpResponse.BodyHandlers.ofString()), 401, "API_KEY_REQUIRED");
        assertRefused(http.send(commerce(event, "wrong"), HttpResponse.BodyHandlers.ofString()), 401, "API_KEY_INVALID");
        assertRefused(http.send(commerce("{\"v\":1,\"type\":\"hug\"}", API_KEY), HttpResponse.BodyHandlers.ofString()),
                400, "INVALID_VALUE");
        assertThat(http.send(commerce(event, API_KEY), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        assertThat(new String(await(config.topics().commerce(), session).value(), StandardCharsets.UTF_8)).isEqualTo(event);
    }

    @Test
    void decisionIsNoneUntilScoredThenTheLatestScore() throws Exception {
        String session = newSession();
        assertRefused(http.send(decision(session, null), HttpResponse.BodyHandlers.ofString()), 401, "API_KEY_REQUIRED");
        HttpResponse<String> unknown = http.send(decision(session, API_KEY), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("{\"v\":1,\"sessionId\":\"" + session + "\",\"verdict\":\"none\"}");

        produceScore(session, 0.3, Action.MONITOR, false);
        produceScore(session, 0.91, Action.BLOCK, false);
        String body = awaitVerdict(session, "\"action\":\"block\"");
        assertThat(body).startsWith("{\"v\":1,\"sessionId\":\"" + session + "\",\"verdict\":\"scored\",\"score\":0.91,")
                .contains("\"evidence\":\"sufficient\"",
                        "\"reasons\":[{\"code\":\"MOUSE_PATH_STRAIGHT\",\"text\":\"mouse path 99% straight over 41 strokes\"",
                        "\"final\":false");
        assertThat(gateway.ready()).isTrue();
        assertThat(http.send(get("/readyz"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aScoreIsDecidedBeforeTheJobsTransactionCommits() throws Exception {
        String session = newSession();
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("transactional.id", "gateway-it-" + session);
        try (KafkaProducer<byte[], byte[]> job =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            job.initTransactions();
            job.beginTransaction();
            job.send(new ProducerRecord<>(config.topics().riskScores(), session.getBytes(StandardCharsets.UTF_8),
                    new RiskScoreSerde().serialize(score(session, 0.93, Action.BLOCK, false)))).get();
            job.flush();

            // the checkpoint that commits it is up to an interval away; the decision is not
            assertThat(awaitVerdict(session, "\"action\":\"block\"")).contains("\"score\":0.93");
            job.abortTransaction();
        }
    }

    // ---- saturation and metrics ---------------------------------------------------------------

    @Test
    void aBrokerThatDoesNotAnswerGives503WithRetryAfter() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        try (Gateway stuck = Gateway.start(config(MAX_BODY, Duration.ofMillis(50)), "127.0.0.1:" + deadPort,
                "127.0.0.1", 0, new Properties(), Clock.systemUTC())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stuck.port() + "/v1/telemetry"))
                    .header("X-Telltale-Site-Key", SITE_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(batch(newSession(), 0))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertRefused(response, 503, "BACKPRESSURE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue(Gateway.RETRY_AFTER_SECONDS);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stuck.port() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertRefused(ready, 503, "NOT_READY");
        }
    }

    @Test
    void metricsCountRefusalsByReason() throws Exception {
        postTelemetry("nope", SHOP, null);
        assertThat(http.send(get("/healthz"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(get("/metrics"), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("telltale_gateway_refused_total{endpoint=\"telemetry\",reason=\"MALFORMED_JSON\"}")
                .contains("telltale_gateway_accepted_total")
                .contains("telltale_gateway_decision_sessions")
                .contains("telltale_gateway_request_duration_seconds_bucket");
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String newSession() {
        return "s-" + UUID.randomUUID();
    }

    /** A session as the gateway starts one: the id it chose and the token it issued. */
    record Started(String sessionId, String token) {}

    /** Starts a session the way the SDK does: a first batch without a token. */
    static Started startSession() throws Exception {
        HttpResponse<String> first = postTelemetry(batch(newSession(), 0), SHOP, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        return new Started(first.headers().firstValue("X-Telltale-Session-Id").orElseThrow(),
                first.headers().firstValue("X-Telltale-Session").orElseThrow());
    }

    static HttpRequest sessions(String body, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/sessions")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    /** A small valid batch, with a field this build does not know (kept through the gateway). */
    static String batch(String session, int seq) {
        long startedAt = System.currentTimeMillis() - 5_000;
        return "{\"v\":1,\"sessionId\":\"" + session + "\",\"seq\":" + seq + ",\"startedAt\":" + startedAt
                + ",\"sentAt\":" + (startedAt + 2_000) + ",\"route\":\"/p/1\",\"futureField\":\"kept\","
                + "\"mouse\":{\"t\":[0,16,33],\"x\":[10,12,15],\"y\":[20,21,23],\"kind\":[0,0,0]}}";
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    static HttpRequest.Builder telemetryRequest(String body, String origin, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/telemetry"))
                .header("Content-Type", "application/json")
                .header("X-Telltale-Site-Key", SITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (token != null) {
            b.header("X-Telltale-Session", token);
        }
        return b;
    }

    static HttpResponse<String> postTelemetry(String body, String origin, String token) throws Exception {
        return http.send(telemetryRequest(body, origin, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(uri("/v1/telemetry"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-telltale-site-key")
                .build();
    }

    static HttpRequest commerce(String body, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/commerce")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    static HttpRequest decision(String session, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/sessions/" + session + "/decision"));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).startsWith("{\"error\":\"" + code + "\",\"detail\":\"");
    }

    /** An HTTP/1.1 POST from a socket bound to {@code localAddress}, to play a proxy. */
    static String rawPost(String localAddress, String path, String body, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void produceScore(String session, double score, Action action, boolean isFinal) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.topics().riskScores(), session.getBytes(StandardCharsets.UTF_8),
                    new RiskScoreSerde().serialize(score(session, score, action, isFinal))));
        }
    }

    static RiskScore score(String session, double score, Action action, boolean isFinal) {
        return new RiskScore(1, session, null, score, action, RiskScore.EVIDENCE_SUFFICIENT,
                List.of(new Reason("MOUSE_PATH_STRAIGHT", "mouse path 99% straight over 41 strokes", 0.42)),
                Map.of(), "test", 1, 2, new EventCounts(1, 3, 1, 0, 0, 0, 0), isFinal, System.currentTimeMillis());
    }

    static String awaitVerdict(String session, String contains) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(decision(session, API_KEY), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(contains)) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no verdict with " + contains + " within " + TIMEOUT + "; last answer " + body);
    }

    /** Every value of {@code topic} keyed {@code key} so far, once at least one arrived. */
    static List<String> recordsKeyed(String topic, String key) {
        return scan(topic, key, false).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /** The first record of {@code topic} keyed {@code key}, read from the start. */
    static ConsumerRecord<byte[], byte[]> await(String topic, String key) {
        return scan(topic, key, true).get(0);
    }

    /**
     * Records of {@code topic} keyed {@code key}, read from the start: the first one, or all up to
     * the end of the topic once at least one arrived.
     */
    static List<ConsumerRecord<byte[], byte[]>> scan(String topic, String key, boolean firstOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                }
                boolean atEnd = consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition);
                if (!found.isEmpty() && (firstOnly || atEnd)) {
                    return found;
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " on " + topic + " within " + TIMEOUT);
    }
}
