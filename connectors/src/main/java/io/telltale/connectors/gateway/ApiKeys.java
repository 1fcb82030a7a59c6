package io.telltale.connectors.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The API keys of the server-to-server endpoints. Only SHA-256 hashes are configured, so the
 * sites file is no secret; a presented key is hashed and compared with every configured hash in
 * constant time, so neither the content nor the position of a match leaks through timing.
 */
public final class ApiKeys {

    /** A configured key: a name for logs and metrics, and the SHA-256 of the key. */
    public record Entry(String name, byte[] sha256) {}

    private final List<Entry> entries;

    public ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The name of the key whose hash matches, or null. */
    public String authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return null;
        }
        byte[] hash = sha256(presentedKey);
        String match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(hash, entry.sha256()) && match == null) {
                match = entry.name();
            }
        }
        return match;
    }

    /** The key from {@code Authorization: Bearer <key>}, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    /** Lower-case hex of {@link #sha256}, as written in the sites file. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
