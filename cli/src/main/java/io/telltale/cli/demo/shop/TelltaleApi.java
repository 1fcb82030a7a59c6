package io.telltale.cli.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop backend's side of Telltale, over HTTP as any web app would do it (docs/embedding.md):
 * start a session for a new visitor, send commerce events, ask for a session's decision. Holds
 * the API key, which never reaches a browser.
 */
final class TelltaleApi {

    private static final Logger LOG = LoggerFactory.getLogger(TelltaleApi.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts at a commerce event the gateway answers 503 (Kafka busy). */
    private static final int COMMERCE_ATTEMPTS = 3;

    /** A session the gateway started: its id and the token for the page's SDK. */
    record Started(String sessionId, String token) {}

    private final String gateway;
    private final String siteKey;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param gateway base URL of the gateway as the backend reaches it, e.g. {@code http://127.0.0.1:8080} */
    TelltaleApi(String gateway, String siteKey, String apiKey) {
        this.gateway = gateway;
        this.siteKey = siteKey;
        this.apiKey = apiKey;
    }

    /** {@code POST /v1/sessions}: a new session for a new visitor. */
    Started startSession() throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("siteKey", siteKey);
        HttpResponse<String> response = http.send(authorized("/v1/sessions")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("the gateway refused to start a session: " + response.statusCode() + " " + response.body());
        }
        JsonNode started = JSON.readTree(response.body());
        return new Started(started.path("sessionId").asText(), started.path("sessionToken").asText());
    }

    /**
     * {@code POST /v1/commerce}, without waiting: a page is not held up by Telltale. A 503 is
     * retried after its Retry-After, a few times; anything else the gateway refuses is logged.
     */
    void sendCommerce(String type, String sessionId, String userId, String clientIp, String sku, String category,
            Integer quantity) {
        ObjectNode event = JSON.createObjectNode()
                .put("v", 1)
                .put("type", type)
                .put("sessionId", sessionId)
                .put("userId", userId)
                .put("clientIp", clientIp)
                .put("sku", sku)
                .put("category", category)
                .put("quantity", quantity)
                .put("time", System.currentTimeMillis());
        post(type, authorized("/v1/commerce").POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), 1);
    }

    private void post(String type, HttpRequest request, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("commerce event {} not sent: {}", type, error.toString());
            } else if (response.statusCode() == 503 && attempt < COMMERCE_ATTEMPTS) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS).execute(() -> post(type, request, attempt + 1));
            } else if (response.statusCode() != 202) {
                LOG.warn("commerce event {} refused: {} {}", type, response.statusCode(), response.body());
            }
        });
    }

    /** {@code GET /v1/sessions/{id}/decision}: the gateway's answer, as it came. */
    String decision(String sessionId) throws IOException, InterruptedException {
        String path = "/v1/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "/decision";
        HttpResponse<String> response = http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("decision API answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json");
    }
}
