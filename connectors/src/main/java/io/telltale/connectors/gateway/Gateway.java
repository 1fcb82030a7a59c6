package io.telltale.connectors.gateway;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.DeadLetterReason;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.connectors.serde.ValidationLimits;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.TelemetryBatch;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.channels.Channels;
import org.xnio.channels.StreamSourceChannel;

/**
 * The ingest gateway and decision API (docs/embedding.md#the-gateway):
 *
 * <ul>
 *   <li>{@code POST /v1/telemetry}: a browser's batch, validated, stamped with the client's
 *       address and the receive time, produced to the telemetry topic keyed by session id;
 *   <li>{@code POST /v1/sessions}: a backend starts a session and gets its id and token, API key;
 *   <li>{@code POST /v1/commerce}: a shop backend's business event, API-key authenticated;
 *   <li>{@code GET /v1/sessions/{id}/decision}: the session's latest verdict, from memory;
 *   <li>{@code GET /healthz}, {@code /readyz}, {@code /metrics}.
 * </ul>
 *
 * <p>Request bodies are read and validated on Undertow's worker threads, and every answer is
 * written from the connection's I/O thread ({@link #send}); the decision API and the probes answer
 * on the I/O threads altogether, since they only read memory. The Kafka producer's buffer is
 * small and bounded ({@link GatewayConfig#producerBufferBytes()}, {@code max.block.ms}): when the
 * broker cannot keep up, a request is answered 503 with {@code Retry-After} instead of waiting.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    static final HttpString SITE_KEY_HEADER = new HttpString("X-Telltale-Site-Key");
    static final HttpString SESSION_HEADER = new HttpString("X-Telltale-Session");
    /** Answer header naming the session the gateway started for a batch sent without a token. */
    static final HttpString SESSION_ID_HEADER = new HttpString("X-Telltale-Session-Id");
    static final HttpString FORWARDED_FOR = new HttpString("X-Forwarded-For");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    /** Browsers cap this anyway (Chromium: 2 h); 10 min keeps an allowlist change effective soon. */
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
    /** Seconds a client should wait after a 503; the SDK adds jitter. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final String DECISION_PREFIX = "/v1/sessions/";
    private static final String DECISION_SUFFIX = "/decision";
    private static final String JSON = "application/json";
    private static final byte[] ACCEPTED = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UP = "{\"status\":\"up\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);

    private final GatewayConfig config;
    private final Clock clock;
    private final Map<String, GatewayConfig.Site> sites;
    private final Set<String> anySiteOrigins = new HashSet<>();
    private final boolean anyOriginForSomeSite;
    private final ApiKeys apiKeys;
    private final ClientAddress clientAddress;
    private final SessionTokens tokens;
    private final TelemetryBatchSerde telemetrySerde;
    private final CommerceEventSerde commerceSerde;
    private final KafkaProducer<byte[], byte[]> producer;
    private final DecisionView decisions;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Undertow server;

    private final CounterDataPoint scored;
    private final CounterDataPoint none;
    private final DistributionDataPoint decisionLatency;
    private final DistributionDataPoint telemetryLatency;

    private Gateway(GatewayConfig config, String bootstrapServers, String host, int port, Properties kafkaExtra,
            Clock clock) {
        this.config = config;
        this.clock = clock;
        this.sites = config.sites();
        for (GatewayConfig.Site site : sites.values()) {
            anySiteOrigins.addAll(site.origins());
        }
        this.anyOriginForSomeSite = anySiteOrigins.contains("*");
        this.apiKeys = new ApiKeys(config.apiKeys());
        this.clientAddress = new ClientAddress(config.trustedProxies());
        this.tokens = new SessionTokens(config.tokenSecret(), config.tokenTtl(), clock);
        ValidationLimits limits = ValidationLimits.DEFAULTS;
        this.telemetrySerde = new TelemetryBatchSerde(limits, clock);
        this.commerceSerde = new CommerceEventSerde(limits, clock);
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers, kafkaExtra));
        this.decisions = new DecisionView(bootstrapServers, config.topics().riskScores(), config.decisionCapacity(),
                kafkaExtra, reason -> metrics.invalidScores.labelValues(reason).inc());
        this.scored = metrics.decisions.labelValues("scored");
        this.none = metrics.decisions.labelValues("none");
        this.decisionLatency = metrics.latency.labelValues("decision");
        this.telemetryLatency = metrics.latency.labelValues("telemetry");
        metrics.gauge("telltale_gateway_decision_sessions", "Sessions held by the decision view", decisions::size);
        metrics.gauge("telltale_gateway_ready", "1 once the decision view has caught up, else 0",
                () -> decisions.ready() ? 1 : 0);
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(this::route)
                .build();
    }

    /**
     * Starts the gateway. Port 0 picks a free port ({@link #port()}).
     *
     * @param kafkaExtra further client properties (security) for the producer and the consumer
     */
    public static Gateway start(GatewayConfig config, String bootstrapServers, String host, int port,
            Properties kafkaExtra, Clock clock) {
        Gateway gateway = new Gateway(config, bootstrapServers, host, port, kafkaExtra, clock);
        try {
            gateway.decisions.start();
            gateway.server.start();
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        LOG.info("gateway listening on {}:{} for {} sites, {} API keys, {} trusted proxy ranges",
                host, gateway.port(), config.sites().size(), config.apiKeys().size(), config.trustedProxies().size());
        return gateway;
    }

    private Properties producerProperties(String bootstrapServers, Properties extra) {
        Properties props = new Properties();
        if (extra != null) {
            props.putAll(extra);
        }
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(config.producerBufferBytes()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.producerMaxBlock().toMillis()));
        // The stamped batch is the body plus a few dozen bytes.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(config.maxBodyBytes() + 4096));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        // The default 16 KB holds a handful of batches: at 20,000 a second to one partition the
        // broker then took thousands of produce requests a second and fell behind (503s under wrk,
        // docs/benchmarks.md#reading). 256 KB lets linger.ms, not size, close a producer batch.
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** The port the gateway listens on. */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Whether the decision view has caught up (what {@code /readyz} answers). */
    public boolean ready() {
        return decisions.ready();
    }

    // ---- routing ------------------------------------------------------------------------------

    private void route(HttpServerExchange ex) throws Exception {
        String path = ex.getRequestPath();
        switch (path) {
            case "/v1/telemetry" -> {
                if (ex.isInIoThread()) {
                    ex.dispatch(this::telemetry);
                } else {
                    telemetry(ex);
                }
            }
            case "/v1/sessions" -> {
                if (ex.isInIoThread()) {
                    ex.dispatch(this::newSession);
                } else {
                    newSession(ex);
                }
            }
            case "/v1/commerce" -> {
                if (ex.isInIoThread()) {
                    ex.dispatch(this::commerce);
                } else {
                    commerce(ex);
                }
            }
            case "/healthz" -> send(ex, 200, JSON, UP);
            case "/readyz" -> {
                if (decisions.ready()) {
                    send(ex, 200, JSON, READY);
                } else {
                    send(ex, 503, JSON, GatewayJson.error("NOT_READY",
                            "the decision view is still reading " + config.topics().riskScores()));
                }
            }
            case "/metrics" -> send(ex, 200, GatewayMetrics.CONTENT_TYPE, metrics.scrape());
            default -> {
                if (path.startsWith(DECISION_PREFIX) && path.endsWith(DECISION_SUFFIX)
                        && path.length() > DECISION_PREFIX.length() + DECISION_SUFFIX.length()) {
                    decision(ex, path.substring(DECISION_PREFIX.length(), path.length() - DECISION_SUFFIX.length()));
                } else {
                    refuse(ex, "other", 404, "NOT_FOUND", "no such endpoint: " + path);
                }
            }
        }
    }

    // ---- POST /v1/telemetry -------------------------------------------------------------------

    private void telemetry(HttpServerExchange ex) throws IOException {
        long start = System.nanoTime();
        String origin = ex.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (Methods.OPTIONS.equals(ex.getRequestMethod())) {
            preflight(ex, origin);
            return;
        }
        if (!Methods.POST.equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().put(Headers.ALLOW, "POST, OPTIONS");
            refuse(ex, "telemetry", 405, "METHOD_NOT_ALLOWED", "telemetry is sent with POST");
            return;
        }
        String siteKey = headerOrQuery(ex, SITE_KEY_HEADER, "siteKey");
        if (siteKey == null) {
            refuse(ex, "telemetry", 400, "SITE_KEY_REQUIRED",
                    "send the site key as header X-Telltale-Site-Key or query parameter siteKey");
            return;
        }
        GatewayConfig.Site site = sites.get(siteKey);
        if (site == null) {
            refuse(ex, "telemetry", 403, "UNKNOWN_SITE_KEY", "no site has this key");
            return;
        }
        if (origin != null) {
            if (!site.origins().contains(origin) && !site.origins().contains("*")) {
                refuse(ex, "telemetry", 403, "ORIGIN_NOT_ALLOWED",
                        "origin " + origin + " is not allowed for this site key");
                return;
            }
            ex.getResponseHeaders().put(ALLOW_ORIGIN, origin);
            ex.getResponseHeaders().put(Headers.VARY, "Origin");
            ex.getResponseHeaders().put(EXPOSE_HEADERS, "X-Telltale-Session, X-Telltale-Session-Id");
        }

        byte[] body = readBody(ex, "telemetry");
        if (body == null) {
            return;
        }
        TelemetryBatch batch;
        try {
            batch = telemetrySerde.deserialize(body);
        } catch (InvalidRecordException e) {
            refuse(ex, "telemetry", 400, e.reason().name(), e.getMessage());
            return;
        }
        if (batch.clientIp() != null || batch.receivedAt() != 0) {
            refuse(ex, "telemetry", 400, DeadLetterReason.INVALID_VALUE.name(),
                    "clientIp and receivedAt are set by the gateway, never by the client");
            return;
        }

        String token = headerOrQuery(ex, SESSION_HEADER, "sessionToken");
        String sessionId = batch.sessionId();
        String issued = null;
        String minted = null;
        if (token == null) {
            if (batch.sequence() > 0) {
                refuse(ex, "telemetry", 401, "SESSION_TOKEN_REQUIRED",
                        "batches after the first (seq > 0) need the session token the gateway issued for seq 0");
                return;
            }
            // A session without a token starts here, under an id of the gateway's choosing: the id
            // the browser proposed is a placeholder, so nobody can open someone else's session.
            minted = SessionTokens.newSessionId();
            sessionId = minted;
            body = withSessionId(body, minted);
            issued = tokens.issue(siteKey, minted);
        } else {
            switch (tokens.verify(token, siteKey, sessionId)) {
                case INVALID -> {
                    refuse(ex, "telemetry", 401, "SESSION_TOKEN_INVALID",
                            "the session token was not issued by this gateway for this site and session");
                    return;
                }
                case EXPIRED -> {
                    refuse(ex, "telemetry", 401, "SESSION_TOKEN_EXPIRED",
                            "the session token is older than " + config.tokenTtl() + "; start a new session");
                    return;
                }
                case VALID -> {
                    if (tokens.dueForRenewal(token)) {
                        issued = tokens.issue(siteKey, sessionId);
                    }
                }
            }
        }

        String clientIp = clientAddress.resolve(ex.getSourceAddress().getAddress(),
                headerValues(ex, FORWARDED_FOR));
        long receivedAt = clock.millis();
        byte[] stamped = stamp(body, receivedAt, clientIp);
        // The record timestamp is the job's event time: the receive time, which no client can move.
        if (!produce(ex, "telemetry", config.topics().telemetry(), receivedAt, sessionId, stamped)) {
            return;
        }
        metrics.accepted.labelValues("telemetry").inc();
        if (issued != null) {
            metrics.tokensIssued.inc();
            ex.getResponseHeaders().put(SESSION_HEADER, issued);
            if (minted != null) {
                ex.getResponseHeaders().put(SESSION_ID_HEADER, minted);
            }
            String newId = minted;
            String newToken = issued;
            send(ex, 202, JSON, GatewayJson.object(g -> {
                g.writeStringField("status", "accepted");
                if (newId != null) {
                    g.writeStringField("sessionId", newId);
                }
                g.writeStringField("sessionToken", newToken);
            }));
        } else {
            send(ex, 202, JSON, ACCEPTED);
        }
        telemetryLatency.observe((System.nanoTime() - start) / 1e9);
    }

    /**
     * A CORS preflight carries no site key (only the names of the headers to come), so it is
     * allowed for an origin that any site allows; the actual POST is then checked against its
     * own site's origins.
     */
    private void preflight(HttpServerExchange ex, String origin) {
        if (origin == null || !(anyOriginForSomeSite || anySiteOrigins.contains(origin))) {
            refuse(ex, "telemetry", 403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " is not allowed for any site");
            return;
        }
        var h = ex.getResponseHeaders();
        h.put(ALLOW_ORIGIN, origin);
        h.put(Headers.VARY, "Origin");
        h.put(ALLOW_METHODS, "POST");
        h.put(ALLOW_HEADERS, "Content-Type, X-Telltale-Site-Key, X-Telltale-Session");
        h.put(MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        ex.setStatusCode(204);
        ex.endExchange();
    }

    /**
     * The batch with {@code receivedAt} and {@code clientIp} appended before its closing brace.
     * The body is a validated JSON object without those two fields, so the result is valid and
     * keeps every field the SDK sent, known to this build or not (wire-format.md: unknown fields
     * are ignored, not dropped). {@code clientIp} is an address we formatted: no escaping needed.
     */
    static byte[] stamp(byte[] body, long receivedAt, String clientIp) {
        int close = body.length - 1;
        while (close >= 0 && body[close] != '}') {
            close--;
        }
        byte[] fields = (",\"receivedAt\":" + receivedAt + ",\"clientIp\":\"" + clientIp + "\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[close + fields.length + 1];
        System.arraycopy(body, 0, out, 0, close);
        System.arraycopy(fields, 0, out, close, fields.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * The batch with its top-level {@code sessionId} replaced, every other byte copied as sent.
     * The body was validated, so it is one JSON object with exactly one top-level string
     * {@code sessionId} (duplicate fields are refused): the scan stops at it, skipping nested
     * structures unread, and the new id is spliced over the old string's bytes. Re-writing the
     * whole batch through a generator cost more CPU than validating it (docs/benchmarks.md#reading).
     */
    static byte[] withSessionId(byte[] body, String sessionId) throws IOException {
        try (JsonParser p = GatewayJson.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a validated batch is a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                boolean found = "sessionId".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (found && value == JsonToken.VALUE_STRING) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.finishToken();
                    int end = (int) p.currentLocation().getByteOffset();
                    return splice(body, start, end, GatewayJson.quoted(sessionId));
                }
                p.skipChildren();
            }
        }
        throw new IOException("a validated batch has a top-level string sessionId");
    }

    private static byte[] splice(byte[] body, int start, int end, byte[] replacement) {
        byte[] out = new byte[body.length - (end - start) + replacement.length];
        System.arraycopy(body, 0, out, 0, start);
        System.arraycopy(replacement, 0, out, start, replacement.length);
        System.arraycopy(body, end, out, start + replacement.length, body.length - end);
        return out;
    }

    // ---- POST /v1/sessions --------------------------------------------------------------------

    /**
     * A backend starts a session before the page is rendered, to know its id for commerce events
     * and decisions: body {@code {"siteKey": "…"}}, API key; answered 201 with a new session id and
     * its token, both for the page's {@code Telltale.init}.
     */
    private void newSession(HttpServerExchange ex) throws IOException {
        byte[] body = backendPost(ex, "sessions", "sessions are started with POST");
        if (body == null) {
            return;
        }
        String siteKey;
        try {
            siteKey = GatewayJson.stringField(body, "siteKey");
        } catch (IOException e) {
            refuse(ex, "sessions", 400, DeadLetterReason.MALFORMED_JSON.name(), "the body is not a JSON object: " + e.getMessage());
            return;
        }
        if (siteKey == null) {
            refuse(ex, "sessions", 400, "SITE_KEY_REQUIRED", "send {\"siteKey\": \"…\"}");
            return;
        }
        if (!sites.containsKey(siteKey)) {
            refuse(ex, "sessions", 403, "UNKNOWN_SITE_KEY", "no site has this key");
            return;
        }
        String sessionId = SessionTokens.newSessionId();
        String token = tokens.issue(siteKey, sessionId);
        metrics.tokensIssued.inc();
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        send(ex, 201, JSON, GatewayJson.object(g -> {
            g.writeStringField("sessionId", sessionId);
            g.writeStringField("sessionToken", token);
        }));
    }

    // ---- POST /v1/commerce --------------------------------------------------------------------

    private void commerce(HttpServerExchange ex) throws IOException {
        byte[] body = backendPost(ex, "commerce", "commerce events are sent with POST");
        if (body == null) {
            return;
        }
        CommerceEvent event;
        try {
            event = commerceSerde.deserialize(body);
        } catch (InvalidRecordException e) {
            refuse(ex, "commerce", 400, e.reason().name(), e.getMessage());
            return;
        }
        if (!produce(ex, "commerce", config.topics().commerce(), clock.millis(), event.sessionId(), body)) {
            return;
        }
        metrics.accepted.labelValues("commerce").inc();
        send(ex, 202, JSON, ACCEPTED);
    }

    // ---- GET /v1/sessions/{id}/decision -------------------------------------------------------

    private void decision(HttpServerExchange ex, String sessionId) {
        long start = System.nanoTime();
        if (!Methods.GET.equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().put(Headers.ALLOW, "GET");
            refuse(ex, "decision", 405, "METHOD_NOT_ALLOWED", "decisions are read with GET");
            return;
        }
        if (!authenticated(ex, "decision")) {
            return;
        }
        byte[] verdict = decisions.decision(sessionId);
        if (verdict == null) {
            none.inc();
            verdict = DecisionView.none(sessionId);
        } else {
            scored.inc();
        }
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        send(ex, 200, JSON, verdict);
        decisionLatency.observe((System.nanoTime() - start) / 1e9);
    }

    // ---- shared -------------------------------------------------------------------------------

    /**
     * The body of a backend's POST with a valid API key, or null after answering 405, 401 or 413.
     */
    private byte[] backendPost(HttpServerExchange ex, String endpoint, String onlyPost) throws IOException {
        if (!Methods.POST.equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().put(Headers.ALLOW, "POST");
            refuse(ex, endpoint, 405, "METHOD_NOT_ALLOWED", onlyPost);
            return null;
        }
        if (!authenticated(ex, endpoint)) {
            return null;
        }
        return readBody(ex, endpoint);
    }

    private boolean authenticated(HttpServerExchange ex, String endpoint) {
        String key = ApiKeys.bearer(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (key == null) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            refuse(ex, endpoint, 401, "API_KEY_REQUIRED", "send Authorization: Bearer <API key>");
            return false;
        }
        if (apiKeys.authenticate(key) == null) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            refuse(ex, endpoint, 401, "API_KEY_INVALID", "the API key is not configured on this gateway");
            return false;
        }
        return true;
    }

    /**
     * The whole body, or null after answering 413 when it exceeds the limit. Read on a worker
     * thread, blocking on the request channel itself rather than through
     * {@link HttpServerExchange#startBlocking()}, so that {@link #send} can still answer
     * asynchronously from the I/O thread.
     */
    private byte[] readBody(HttpServerExchange ex, String endpoint) throws IOException {
        int max = config.maxBodyBytes();
        long declared = ex.getRequestContentLength();
        if (declared > max) {
            refuse(ex, endpoint, 413, "BODY_TOO_LARGE", "the body has " + declared + " bytes, at most " + max + " are accepted");
            return null;
        }
        StreamSourceChannel in = ex.getRequestChannel();
        // One byte beyond the limit tells a body of unknown length that is too large from one that fits.
        ByteBuffer buffer = ByteBuffer.allocate(declared >= 0 ? (int) declared + 1 : Math.min(max + 1, 8192));
        while (Channels.readBlocking(in, buffer) >= 0) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() > max) {
                    refuse(ex, endpoint, 413, "BODY_TOO_LARGE", "the body has more than " + max + " bytes");
                    return null;
                }
                buffer = ByteBuffer.allocate(Math.min(max + 1, buffer.capacity() * 2)).put(buffer.flip());
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Hands the record to the producer; false after answering 503 when its buffer is full. */
    private boolean produce(
            HttpServerExchange ex, String endpoint, String topic, long timestamp, String key, byte[] value) {
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value),
                    (metadata, error) -> {
                        if (error != null) {
                            metrics.produceFailures.labelValues(topic).inc();
                        }
                    });
        } catch (KafkaException e) {
            return saturated(ex, endpoint, e);
        }
        // A full buffer or missing metadata fails the send at once (after max.block.ms), through
        // the future; anything else completes later, after we answered.
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                return saturated(ex, endpoint, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return saturated(ex, endpoint, e);
            }
        }
        return true;
    }

    private boolean saturated(HttpServerExchange ex, String endpoint, Throwable cause) {
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        refuse(ex, endpoint, 503, "BACKPRESSURE",
                "Kafka is not taking records fast enough (" + cause.getClass().getSimpleName() + "); retry later");
        return false;
    }

    private void refuse(HttpServerExchange ex, String endpoint, int status, String code, String detail) {
        metrics.refused.labelValues(endpoint, code).inc();
        send(ex, status, JSON, GatewayJson.error(code, detail));
    }

    /**
     * Answers from the I/O thread. An exchange a worker ends is handed back to the I/O thread
     * with a race Undertow settles by spinning that thread (HttpReadListener, 16 % of the
     * gateway's CPU under wrk, docs/benchmarks.md#reading); one the I/O thread ends is not.
     */
    private static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
        if (!ex.isInIoThread()) {
            ex.dispatch(ex.getIoThread(), () -> send(ex, status, contentType, body));
            return;
        }
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        ex.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static String headerOrQuery(HttpServerExchange ex, HttpString header, String param) {
        String value = ex.getRequestHeaders().getFirst(header);
        if (value == null) {
            Deque<String> values = ex.getQueryParameters().get(param);
            value = values == null ? null : values.peekFirst();
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> headerValues(HttpServerExchange ex, HttpString header) {
        var values = ex.getRequestHeaders().get(header);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            try {
                decisions.close();
            } finally {
                producer.close(config.producerMaxBlock().multipliedBy(10));
            }
        }
    }
}
