package io.telltale.connectors.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.telltale.core.policy.NetworkRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's sites file (YAML; format in docs/embedding.md#the-gateway) into a
 * {@link GatewayConfig}. Strict: unknown keys, wrong types, malformed origins, CIDRs and hashes,
 * duplicate site keys and a missing or short secret are reported together, each as
 * {@code path: what is wrong}, and the gateway does not start.
 */
public final class GatewayConfigFile {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Site keys appear in headers, query strings and metrics labels: keep them plain. */
    private static final Pattern SITE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** A browser origin: scheme, host, optional port; no path (RFC 6454). */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\*");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|min|h|d)");

    private final String source;
    private final UnaryOperator<String> env;
    private final List<String> problems = new ArrayList<>();

    private GatewayConfigFile(String source, UnaryOperator<String> env) {
        this.source = source;
        this.env = env;
    }

    /** Reads a file; the token secret may come from an environment variable it names. */
    public static GatewayConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GatewayConfigException(file.toString(), List.of("cannot be read: " + e));
        }
        return parse(file.toString(), text, System::getenv);
    }

    /** As {@link #read}, from text, with {@code env} standing for the environment. */
    public static GatewayConfig parse(String source, String yaml, UnaryOperator<String> env) {
        return new GatewayConfigFile(source, env).parse(yaml);
    }

    private GatewayConfig parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new GatewayConfigException(source, List.of("is not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new GatewayConfigException(source, List.of("must be a mapping with at least `sites:`"));
        }
        allowOnly(root, "", "sites", "apiKeys", "trustedProxies", "sessionTokens", "limits", "producer",
                "decisions", "topics");

        Map<String, GatewayConfig.Site> sites = sites(root.get("sites"));
        List<ApiKeys.Entry> apiKeys = apiKeys(root.get("apiKeys"));
        List<NetworkRange> proxies = proxies(root.get("trustedProxies"));

        JsonNode tokens = object(root, "sessionTokens");
        allowOnly(tokens, "sessionTokens.", "secretEnv", "secretFile", "ttl");
        GatewayConfig.SecretBytes secret = secret(tokens);
        Duration ttl = duration(tokens, "sessionTokens.", "ttl", GatewayConfig.DEFAULT_TOKEN_TTL);

        JsonNode limits = object(root, "limits");
        allowOnly(limits, "limits.", "maxBodyBytes");
        int maxBody = (int) positive(limits, "limits.", "maxBodyBytes", GatewayConfig.DEFAULT_MAX_BODY_BYTES,
                GatewayConfig.DEFAULT_MAX_BODY_BYTES);

        JsonNode producer = object(root, "producer");
        allowOnly(producer, "producer.", "bufferBytes", "maxBlock");
        long buffer = positive(producer, "producer.", "bufferBytes", GatewayConfig.DEFAULT_PRODUCER_BUFFER_BYTES,
                Long.MAX_VALUE);
        Duration maxBlock = duration(producer, "producer.", "maxBlock", GatewayConfig.DEFAULT_PRODUCER_MAX_BLOCK);

        JsonNode decisions = object(root, "decisions");
        allowOnly(decisions, "decisions.", "maxSessions");
        int capacity = (int) positive(decisions, "decisions.", "maxSessions", GatewayConfig.DEFAULT_DECISION_CAPACITY,
                Integer.MAX_VALUE);

        JsonNode topics = object(root, "topics");
        allowOnly(topics, "topics.", "telemetry", "commerce", "riskScores");
        GatewayConfig.TopicNames defaults = GatewayConfig.TopicNames.DEFAULTS;
        GatewayConfig.TopicNames topicNames = new GatewayConfig.TopicNames(
                text(topics, "topics.", "telemetry", defaults.telemetry()),
                text(topics, "topics.", "commerce", defaults.commerce()),
                text(topics, "topics.", "riskScores", defaults.riskScores()));

        if (!problems.isEmpty()) {
            throw new GatewayConfigException(source, problems);
        }
        return new GatewayConfig(sites, apiKeys, proxies, secret, ttl, maxBody, buffer, maxBlock, capacity,
                topicNames);
    }

    private Map<String, GatewayConfig.Site> sites(JsonNode node) {
        Map<String, GatewayConfig.Site> sites = new LinkedHashMap<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("sites: must be a list of at least one {siteKey, origins}");
            return sites;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "sites[" + i + "].";
            JsonNode site = node.get(i);
            if (!site.isObject()) {
                problems.add("sites[" + i + "]: must be a mapping {siteKey, origins}");
                continue;
            }
            allowOnly(site, path, "siteKey", "origins");
            String key = text(site, path, "siteKey", null);
            if (key == null) {
                problems.add(path + "siteKey: is required");
                continue;
            }
            if (!SITE_KEY.matcher(key).matches()) {
                problems.add(path + "siteKey: \"" + key + "\" must be 1-128 of A-Z a-z 0-9 _ -");
            }
            Set<String> origins = new LinkedHashSet<>();
            JsonNode list = site.get("origins");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(path + "origins: must be a list of at least one origin, e.g. https://shop.example.com");
            } else {
                for (int j = 0; j < list.size(); j++) {
                    String origin = list.get(j).asText();
                    if (!list.get(j).isTextual() || !ORIGIN.matcher(origin).matches()) {
                        problems.add(path + "origins[" + j + "]: \"" + origin
                                + "\" is not an origin (scheme://host[:port], no path or trailing slash) nor *");
                    }
                    origins.add(origin);
                }
            }
            if (sites.put(key, new GatewayConfig.Site(key, origins)) != null) {
                problems.add(path + "siteKey: \"" + key + "\" is defined twice");
            }
        }
        return sites;
    }

    private List<ApiKeys.Entry> apiKeys(JsonNode node) {
        List<ApiKeys.Entry> keys = new ArrayList<>();
        if (node == null) {
            return keys;
        }
        if (!node.isArray()) {
            problems.add("apiKeys: must be a list of {name, sha256}");
            return keys;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "apiKeys[" + i + "].";
            JsonNode key = node.get(i);
            allowOnly(key, path, "name", "sha256");
            String name = text(key, path, "name", null);
            String hash = text(key, path, "sha256", null);
            if (name == null) {
                problems.add(path + "name: is required");
            }
            if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
                problems.add(path + "sha256: must be the 64 lower-case hex digits of the key's SHA-256"
                        + " (printf %s \"$KEY\" | sha256sum)");
            } else if (name != null) {
                keys.add(new ApiKeys.Entry(name, HexFormat.of().parseHex(hash)));
            }
        }
        return keys;
    }

    private List<NetworkRange> proxies(JsonNode node) {
        List<NetworkRange> ranges = new ArrayList<>();
        if (node == null) {
            return ranges;
        }
        if (!node.isArray()) {
            problems.add("trustedProxies: must be a list of CIDRs, e.g. [10.0.0.0/8]");
            return ranges;
        }
        for (int i = 0; i < node.size(); i++) {
            try {
                ranges.add(NetworkRange.parse(node.get(i).asText()));
            } catch (IllegalArgumentException e) {
                problems.add("trustedProxies[" + i + "]: " + e.getMessage());
            }
        }
        return ranges;
    }

    private GatewayConfig.SecretBytes secret(JsonNode tokens) {
        String envName = text(tokens, "sessionTokens.", "secretEnv", null);
        String file = text(tokens, "sessionTokens.", "secretFile", null);
        if ((envName == null) == (file == null)) {
            problems.add("sessionTokens: give exactly one of secretEnv (an environment variable's name) or"
                    + " secretFile (a file's path) for the HMAC secret of session tokens");
            return new GatewayConfig.SecretBytes(new byte[0]);
        }
        byte[] bytes;
        if (envName != null) {
            String value = env.apply(envName);
            if (value == null || value.isBlank()) {
                problems.add("sessionTokens.secretEnv: environment variable " + envName + " is not set");
                return new GatewayConfig.SecretBytes(new byte[0]);
            }
            bytes = value.strip().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add("sessionTokens.secretFile: " + file + " cannot be read: " + e.getClass().getSimpleName());
                return new GatewayConfig.SecretBytes(new byte[0]);
            }
        }
        if (bytes.length < SessionTokens.MIN_SECRET_BYTES) {
            // The length, never the value: the message may end up in a log.
            problems.add("sessionTokens: the secret has " + bytes.length + " bytes, at least "
                    + SessionTokens.MIN_SECRET_BYTES + " are needed (e.g. openssl rand -base64 48)");
        }
        return new GatewayConfig.SecretBytes(bytes);
    }

    // ---- small typed readers ------------------------------------------------------------------

    private JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            problems.add(field + ": must be a mapping");
            return YAML.createObjectNode();
        }
        return node;
    }

    private void allowOnly(JsonNode node, String path, String... allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(path + name + ": unknown key; known here: " + String.join(", ", allowed));
            }
        }
    }

    private String text(JsonNode node, String path, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + field + ": must be a non-empty string");
            return fallback;
        }
        return value.asText();
    }

    private long positive(JsonNode node, String path, String field, long fallback, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= 0 || value.asLong() > max) {
            problems.add(path + field + ": must be an integer in 1.." + max);
            return fallback;
        }
        return value.asLong();
    }

    private Duration duration(JsonNode node, String path, String field, Duration fallback) {
        String text = text(node, path, field, null);
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            problems.add(path + field + ": \"" + text + "\" is not a duration like 100ms, 30s, 15min, 24h, 7d");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
