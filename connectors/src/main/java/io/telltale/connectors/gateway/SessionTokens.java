package io.telltale.connectors.gateway;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens: proof that the gateway itself started this session for this site, so a bot
 * cannot post telemetry into someone else's session.
 *
 * <p>A token is {@code v1.<issuedAt epoch seconds>.<base64url HMAC-SHA256>}, the MAC taken over
 * {@code v1 \n siteKey \n sessionId \n issuedAt}. Site and session are not in the token: the
 * gateway recomputes the MAC with the ones the request names, so a token of another site or
 * session simply does not verify. The MAC is compared in constant time.
 */
public final class SessionTokens {

    /** Outcome of {@link #verify}. */
    public enum Check { VALID, INVALID, EXPIRED }

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    /** A token from the future beyond this is a forgery or a broken clock, either way refused. */
    private static final long MAX_FUTURE_SECONDS = 60;
    /** NIST SP 800-107: an HMAC key should be at least as long as the hash output (32 bytes). */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * One keyed Mac per thread: a Mac is not thread-safe, and looking up the provider and keying
     * a new one per token cost more than the HMAC itself (docs/benchmarks.md#reading).
     */
    private final ThreadLocal<Mac> macs;
    private final Duration ttl;
    private final Clock clock;

    public SessionTokens(GatewayConfig.SecretBytes secret, Duration ttl, Clock clock) {
        if (secret.length() < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the session token secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, it has " + secret.length());
        }
        SecretKeySpec key = new SecretKeySpec(secret.bytes(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A new session id: a random (SecureRandom) UUID, so nobody can guess a session the gateway
     * started, nor choose the id of one.
     */
    public static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    public String issue(String siteKey, String sessionId) {
        long issuedAt = clock.millis() / 1000;
        return VERSION + "." + issuedAt + "." + mac(siteKey, sessionId, issuedAt);
    }

    public Check verify(String token, String siteKey, String sessionId) {
        if (token == null) {
            return Check.INVALID;
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || !token.startsWith(VERSION + ".") || first != VERSION.length()) {
            return Check.INVALID;
        }
        long issuedAt;
        try {
            issuedAt = Long.parseLong(token, first + 1, second, 10);
        } catch (NumberFormatException e) {
            return Check.INVALID;
        }
        byte[] expected = mac(siteKey, sessionId, issuedAt).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = token.substring(second + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            return Check.INVALID;
        }
        long now = clock.millis() / 1000;
        if (issuedAt > now + MAX_FUTURE_SECONDS) {
            return Check.INVALID;
        }
        return now - issuedAt > ttl.toSeconds() ? Check.EXPIRED : Check.VALID;
    }

    /** Whether a valid token is past half its life, so the gateway hands out a fresh one. */
    public boolean dueForRenewal(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        long issuedAt = Long.parseLong(token, first + 1, second, 10);
        return clock.millis() / 1000 - issuedAt > ttl.toSeconds() / 2;
    }

    private String mac(String siteKey, String sessionId, long issuedAt) {
        // doFinal leaves the Mac keyed and reset for the next token.
        byte[] tag = macs.get().doFinal((VERSION + "\n" + siteKey + "\n" + sessionId + "\n" + issuedAt)
                .getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JRE has " + ALGORITHM, e);
        }
    }
}
