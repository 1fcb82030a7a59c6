package io.telltale.cep.network;

/**
 * What the IP database says about a session's address.
 *
 * @param prefix   the network the address counts as, for "distinct networks": its /24 (IPv4) or
 *                 /48 (IPv6), e.g. {@code 203.0.113.0/24}; null without an address
 * @param asn      autonomous system number, 0 when unknown
 * @param asOrg    the AS organisation as the database names it, or null
 * @param type     residential, mobile, hosting or unknown
 */
public record NetworkFacts(String prefix, long asn, String asOrg, NetworkType type) {

    public static final NetworkFacts UNKNOWN = new NetworkFacts(null, 0, null, NetworkType.UNKNOWN);

    public boolean isResidential() {
        return type == NetworkType.RESIDENTIAL;
    }
}
