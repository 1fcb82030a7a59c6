package io.telltale.connectors.gateway;

import io.telltale.connectors.kafka.Topics;
import io.telltale.core.policy.NetworkRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link Gateway} needs, validated; read from a sites file by
 * {@link GatewayConfigFile}. The token secret is held as bytes and never printed.
 *
 * @param sites             site key → origins allowed to post telemetry for it
 * @param apiKeys           keys accepted on {@code /v1/commerce} and the decision API
 * @param trustedProxies    peers whose {@code X-Forwarded-For} is believed
 * @param maxBodyBytes      largest request body; larger is refused with 413 before parsing
 * @param tokenTtl          how long a session token is accepted after it was issued
 * @param producerBufferBytes Kafka producer {@code buffer.memory}: what may wait for the broker
 * @param producerMaxBlock  Kafka producer {@code max.block.ms}: the longest a request waits for
 *                          buffer space or metadata before it is answered 503
 * @param decisionCapacity  sessions the decision view keeps; the oldest-seen is dropped beyond it
 */
public record GatewayConfig(
        Map<String, Site> sites,
        List<ApiKeys.Entry> apiKeys,
        List<NetworkRange> trustedProxies,
        SecretBytes tokenSecret,
        Duration tokenTtl,
        int maxBodyBytes,
        long producerBufferBytes,
        Duration producerMaxBlock,
        int decisionCapacity,
        TopicNames topics) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Long enough for a long shopping session in one tab; see docs/embedding.md on expiry. */
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(24);
    public static final long DEFAULT_PRODUCER_BUFFER_BYTES = 32L << 20;
    public static final Duration DEFAULT_PRODUCER_MAX_BLOCK = Duration.ofMillis(100);
    /** About 1 KiB per kept decision, so 1 GiB of heap at most by default. */
    public static final int DEFAULT_DECISION_CAPACITY = 1_000_000;

    public GatewayConfig {
        sites = Map.copyOf(sites);
        apiKeys = List.copyOf(apiKeys);
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(producerMaxBlock, "producerMaxBlock");
        Objects.requireNonNull(topics, "topics");
    }

    /** This configuration with another producer buffer and blocking bound. */
    public GatewayConfig withProducer(long bufferBytes, Duration maxBlock) {
        return new GatewayConfig(sites, apiKeys, trustedProxies, tokenSecret, tokenTtl, maxBodyBytes, bufferBytes,
                maxBlock, decisionCapacity, topics);
    }

    /** A site: the browser origins allowed to send its telemetry, e.g. {@code https://shop.example.com}. */
    public record Site(String siteKey, Set<String> origins) {
        public Site {
            origins = Set.copyOf(origins);
        }
    }

    /** The Kafka topics the gateway writes and reads. */
    public record TopicNames(String telemetry, String commerce, String riskScores) {
        public static final TopicNames DEFAULTS = new TopicNames(Topics.TELEMETRY, Topics.COMMERCE, Topics.RISK_SCORES);
    }

    /** Key material that must not end up in a log: {@link #toString()} says only its length. */
    public static final class SecretBytes {
        private final byte[] bytes;

        public SecretBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "<secret, " + bytes.length + " bytes>";
        }
    }
}
