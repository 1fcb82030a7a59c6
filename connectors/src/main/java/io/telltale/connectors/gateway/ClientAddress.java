package io.telltale.connectors.gateway;

import io.telltale.core.policy.NetworkRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who is on the other end: the socket's peer, or, when the peer is a trusted proxy, the address
 * that proxy saw. {@code X-Forwarded-For} is read from the right, skipping trusted proxies; the
 * first untrusted hop is the client. Entries to its left were written by the client itself and
 * are never believed.
 */
final class ClientAddress {

    private final List<NetworkRange> trustedProxies;

    ClientAddress(List<NetworkRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFor  every {@code X-Forwarded-For} header value in order, or empty
     * @return the client's address in canonical text form
     */
    String resolve(InetAddress peer, List<String> forwardedFor) {
        String peerText = canonical(peer);
        if (forwardedFor.isEmpty() || !trusted(peerText)) {
            return peerText;
        }
        String client = peerText;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                byte[] literal = NetworkRange.parseLiteral(hops[i].trim());
                if (literal == null) {
                    // Garbage from a hop we cannot trust: the last good one is the best we know.
                    return client;
                }
                client = canonical(literal);
                if (!trusted(client)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean trusted(String ip) {
        for (NetworkRange range : trustedProxies) {
            if (range.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(InetAddress address) {
        return address.getHostAddress();
    }

    private static String canonical(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a parsed literal has 4 or 16 bytes", e);
        }
    }
}
