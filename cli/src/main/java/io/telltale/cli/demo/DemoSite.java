package io.telltale.cli.demo;

import io.telltale.cli.demo.shop.DemoShop;
import io.telltale.connectors.gateway.ApiKeys;
import io.telltale.connectors.gateway.Gateway;
import io.telltale.connectors.gateway.GatewayConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The web side of the demo: the ingest gateway and decision API, and the demo shop whose pages
 * send it telemetry and whose backend sends it commerce events and asks it for decisions. One
 * site, allowed from the shop's origins; a fresh API key and token secret per run.
 */
public final class DemoSite implements AutoCloseable {

    public static final String SITE_KEY = "site_demo_shop";
    /** Key and secret lengths: 32 random bytes, the HMAC-SHA256 key size SessionTokens asks for. */
    private static final int SECRET_BYTES = 32;
    /**
     * The first record to each topic waits for the topic's metadata; on a laptop busy starting Flink
     * that takes longer than the production bound of 100 ms, and the shop's first visitor would
     * see their first batch and commerce event answered 503.
     */
    static final Duration PRODUCER_MAX_BLOCK = Duration.ofSeconds(2);

    private final DemoShop shop;
    private final Gateway gateway;
    private final String apiKey;

    private DemoSite(DemoShop shop, Gateway gateway, String apiKey) {
        this.shop = shop;
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    /** Starts the shop, then the gateway allowing the shop's origins, then opens the shop. */
    public static DemoSite start(String host, int shopPort, int gatewayPort, String bootstrapServers) {
        SecureRandom random = new SecureRandom();
        String apiKey = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random));
        DemoShop shop = DemoShop.start(host, shopPort, SITE_KEY);
        try {
            int port = shop.port();
            GatewayConfig config = new GatewayConfig(
                    Map.of(SITE_KEY, new GatewayConfig.Site(SITE_KEY,
                            Set.of("http://localhost:" + port, "http://127.0.0.1:" + port))),
                    List.of(new ApiKeys.Entry("demo-shop-backend", ApiKeys.sha256(apiKey))),
                    List.of(),
                    new GatewayConfig.SecretBytes(randomBytes(random)),
                    GatewayConfig.DEFAULT_TOKEN_TTL,
                    GatewayConfig.DEFAULT_MAX_BODY_BYTES,
                    GatewayConfig.DEFAULT_PRODUCER_BUFFER_BYTES,
                    PRODUCER_MAX_BLOCK,
                    GatewayConfig.DEFAULT_DECISION_CAPACITY,
                    GatewayConfig.TopicNames.DEFAULTS);
            Gateway gateway = Gateway.start(config, bootstrapServers, host, gatewayPort, new Properties(), Clock.systemUTC());
            shop.connect(gateway.port(), "http://" + host + ":" + gateway.port(), apiKey);
            return new DemoSite(shop, gateway, apiKey);
        } catch (RuntimeException e) {
            shop.close();
            throw e;
        }
    }

    private static byte[] randomBytes(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    public DemoShop shop() {
        return shop;
    }

    public String shopUrl() {
        return "http://localhost:" + shop.port();
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** The shop backend's API key, printed so that you can ask the decision API yourself. */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public void close() {
        try {
            shop.close();
        } finally {
            gateway.close();
        }
    }
}
