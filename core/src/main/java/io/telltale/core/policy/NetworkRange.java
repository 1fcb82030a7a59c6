package io.telltale.core.policy;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A CIDR block, IPv4 or IPv6: {@code 10.0.0.0/8}, {@code fd00::/8}, or a single address.
 * Parsing never touches DNS: only address literals are accepted.
 */
public final class NetworkRange implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private NetworkRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException with what is wrong, if {@code cidr} is not a CIDR block */
    public static NetworkRange parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("a network is an address or CIDR block, got nothing");
        }
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = parseLiteral(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 or IPv6 address or CIDR block");
        }
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException(
                        "'" + cidr + "': prefix length must be 0.." + maxPrefix);
            }
        }
        return new NetworkRange(trimmed, mask(bytes, prefix), prefix);
    }

    /** The address bytes (4 or 16) of an IP literal, or null if {@code text} is not one. */
    public static byte[] parseLiteral(String text) {
        if (text == null) {
            return null;
        }
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (IPV6.matcher(text).matches()) {
            try {
                // A string with ':' is only ever parsed as an IPv6 literal, never looked up.
                byte[] bytes = InetAddress.getByName(text).getAddress();
                return bytes;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether {@code ip} (a literal) lies in this block; false for anything that is not an IP. */
    public boolean contains(String ip) {
        byte[] bytes = parseLiteral(ip);
        if (bytes == null) {
            return false;
        }
        bytes = unmapIpv4(bytes);
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d. */
    private static byte[] unmapIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return Arrays.copyOfRange(bytes, 12, 16);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - bitsHere)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkRange other && other.prefixLength == prefixLength
                && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
