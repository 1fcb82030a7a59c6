package io.telltale.cep.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The network an address counts as when patterns count "distinct networks": the /24 of an IPv4
 * address, the /48 of an IPv6 one. A /24 is the smallest block routed between providers, and a /48
 * is what one IPv6 site gets, so two addresses in one prefix are one household or one server rack.
 */
public final class NetworkPrefix {

    public static final int IPV4_BITS = 24;
    public static final int IPV6_BITS = 48;

    private NetworkPrefix() {}

    /** The prefix in CIDR notation, or null if {@code ip} is not a literal IP address. */
    public static String of(String ip) {
        InetAddress address = parse(ip);
        if (address == null) {
            return null;
        }
        byte[] bytes = address.getAddress();
        int bits = address instanceof Inet4Address ? IPV4_BITS : IPV6_BITS;
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: 4 or 16 bytes
        }
    }

    /** A literal IPv4/IPv6 address, without DNS; null for anything else. */
    public static InetAddress parse(String ip) {
        if (ip == null || ip.isBlank() || ip.length() > 45) {
            return null;
        }
        String s = ip.strip();
        boolean v4 = s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!v4 && !v6) {
            return null; // never a host name: getByName would resolve it through DNS
        }
        if (v4 && s.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet4Address || a instanceof Inet6Address ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
