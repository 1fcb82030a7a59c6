package io.telltale.core.policy;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Forward-confirmed reverse DNS for crawlers that announce themselves: the session's user agent
 * claims a {@link GoodBotFamily}, its address reverse-resolves to a host under one of the family's
 * domains, and that host resolves back to the same address. Only then is the crawler verified; a
 * user agent alone is free to fake.
 */
public final class GoodBotVerifier implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Name resolution, in both directions; the job uses the JVM's resolver. */
    public interface Resolver {
        /** The host name the address reverse-resolves to, or null when it has none. */
        String hostOf(InetAddress address) throws IOException;

        /** The addresses a host name resolves to; empty when it resolves to none. */
        List<InetAddress> addressesOf(String host) throws IOException;
    }

    private final List<GoodBotFamily> families;

    public GoodBotVerifier(List<GoodBotFamily> families) {
        this.families = List.copyOf(families);
    }

    /** The family a user agent claims to belong to, or null; no I/O, cheap enough for every score. */
    public GoodBotFamily claimedFamily(String userAgent) {
        for (GoodBotFamily family : families) {
            if (family.claimedBy(userAgent)) {
                return family;
            }
        }
        return null;
    }

    /**
     * @param ip a literal address (never resolved as a name)
     * @return the name of the verified family, or null when the claim does not hold up
     */
    public String verify(String userAgent, String ip, Resolver resolver) throws IOException {
        GoodBotFamily family = claimedFamily(userAgent);
        if (family == null || ip == null) {
            return null;
        }
        byte[] bytes = NetworkRange.parseLiteral(ip);
        if (bytes == null) {
            return null;
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
        String host = resolver.hostOf(address);
        if (host == null || !family.ownsHost(host)) {
            return null;
        }
        for (InetAddress confirmed : resolver.addressesOf(host)) {
            if (Arrays.equals(confirmed.getAddress(), address.getAddress())) {
                return family.name();
            }
        }
        return null;
    }
}
