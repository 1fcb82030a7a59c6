package io.telltale.core.alert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based alert ids: a UUID version 5 (SHA-1, RFC 9562 §5.5) of what makes a finding the same
 * finding — analytic, session, session window start and level — under Telltale's own namespace.
 * Recomputing a finding (a replay after a failure) gives the same id, so a SIEM can drop the
 * duplicate; two different findings collide only with SHA-1 probability.
 */
public final class AlertIds {

    /** Namespace of Telltale alert ids (a random v4 UUID, fixed forever). */
    public static final UUID NAMESPACE = UUID.fromString("6b0d3c55-2f4e-4c8e-9d7a-3f1e5b2a8c41");

    private AlertIds() {}

    public static String of(String analyticUid, String sessionId, long windowStart, String level) {
        String name = analyticUid + '\u0000' + sessionId + '\u0000' + windowStart + '\u0000' + level;
        return v5(NAMESPACE, name).toString();
    }

    static UUID v5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
