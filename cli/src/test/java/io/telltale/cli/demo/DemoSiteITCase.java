package io.telltale.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.Topics;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's shop and gateway against an in-process broker, without the Flink job: a visitor's
 * page carries a session the gateway started and a token it accepts, the backend's commerce
 * events reach Kafka under that session, and the verdict panel's endpoint answers from the
 * decision API. The browser side is tested in Chromium by {@code sdk/e2e.sh}.
 */
class DemoSiteITCase {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Pattern INIT = Pattern.compile(
            "Telltale\\.init\\(\\{endpoint: '([^']+)', siteKey: '([^']+)', sessionId: '([^']+)', sessionToken: '([^']+)'");

    static EmbeddedKafka kafka;
    static DemoSite site;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, Topics.TELEMETRY, Topics.COMMERCE, Topics.RISK_SCORES);
        site = DemoSite.start("127.0.0.1", 0, 0, kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aVisitorsPagesCarryTheSessionTheBackendStartedAndItsCommerceEventsReachKafka() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> home = browser.send(get(site.shopUrl() + "/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        Matcher init = INIT.matcher(home.body());
        assertThat(init.find()).as(home.body()).isTrue();
        String endpoint = init.group(1);
        String session = init.group(3);
        String token = init.group(4);
        assertThat(endpoint).isEqualTo(site.gatewayUrl());
        assertThat(init.group(2)).isEqualTo(DemoSite.SITE_KEY);
        assertThat(home.body()).doesNotContain(site.apiKey());

        // The same visitor keeps the session from page to page.
        String product = browser.send(get(site.shopUrl() + "/product/GPU-4090"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(product).contains("sessionId: '" + session + "'", "id=\"add-to-cart\"");

        // The SDK's first batch with that token is taken into that session, from the shop's origin.
        long now = System.currentTimeMillis();
        String batch = "{\"v\":1,\"sessionId\":\"" + session + "\",\"seq\":0,\"startedAt\":" + (now - 1000) + ",\"sentAt\":" + now
                + ",\"mouse\":{\"t\":[0,16],\"x\":[1,2],\"y\":[1,2],\"kind\":[0,0]}}";
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/v1/telemetry"))
                .header("X-Telltale-Site-Key", DemoSite.SITE_KEY).header("X-Telltale-Session", token)
                .header("Origin", site.shopUrl()).POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Access-Control-Allow-Origin")).hasValue(site.shopUrl());

        HttpResponse<String> cart = browser.send(HttpRequest.newBuilder(URI.create(site.shopUrl() + "/cart/add"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sku=GPU-4090&quantity=2")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cart.statusCode()).isEqualTo(200);
        assertThat(cart.body()).contains("Cart (2)", "id=\"checkout\"");
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(site.shopUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada%40example.org&password=short")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("Wrong e-mail or password.");

        List<String> events = commerceEvents(session, 3);
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"page_view\"", "\"sku\":\"GPU-4090\""));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"cart_add\"", "\"quantity\":2"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"login_failed\"").doesNotContain("short"));

        // The panel's endpoint: the decision API's answer for this visitor, asked by the backend.
        HttpResponse<String> verdict = browser.send(get(site.shopUrl() + "/api/verdict"), HttpResponse.BodyHandlers.ofString());
        assertThat(verdict.statusCode()).isEqualTo(200);
        assertThat(verdict.body()).isEqualTo("{\"v\":1,\"sessionId\":\"" + session + "\",\"verdict\":\"none\"}");
    }

    @Test
    void theShopServesTheBuiltSdk() throws Exception {
        HttpResponse<String> sdk = HttpClient.newHttpClient().send(get(site.shopUrl() + "/static/telltale.min.js"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sdk.statusCode()).isEqualTo(200);
        assertThat(sdk.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(sdk.body()).contains("Telltale", "X-Telltale-Session-Id");
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build();
    }

    static List<String> commerceEvents(String session, int atLeast) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<String> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(Topics.COMMERCE, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (events.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (session.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        events.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(atLeast);
        return events;
    }
}
