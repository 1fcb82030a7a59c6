package io.telltale.cep.network;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides residential / mobile / hosting from what an MMDB record says.
 *
 * <ol>
 *   <li>A database that knows the connection says so: GeoIP2 Enterprise/Insights {@code
 *       traits.user_type} or {@code user_type} ({@code residential}, {@code cellular},
 *       {@code hosting}, ...), GeoIP2 Connection-Type {@code connection_type}
 *       ({@code Cable/DSL}, {@code Cellular}, {@code Corporate}, ...).</li>
 *   <li>A free ASN database (GeoLite2-ASN, DB-IP ASN Lite, IPinfo ASN) only names the AS; then
 *       the organisation name is matched against {@link #HOSTING_WORDS} and {@link #MOBILE_WORDS}.
 *       An AS that matches neither counts as residential: most ASes that serve end users are
 *       broadband ISPs. This over-counts residential networks (a university AS, an office), which
 *       only makes the hoarding pattern easier to trigger, never blind to a campaign.</li>
 *   <li>No AS at all: unknown.</li>
 * </ol>
 */
public final class NetworkTypeRules {

    /** Words in AS organisation names of cloud, hosting and CDN providers (lower case). */
    public static final List<String> HOSTING_WORDS = List.of(
            "amazon", "aws", "google cloud", "google llc", "microsoft", "azure", "digitalocean", "ovh",
            "hetzner", "linode", "akamai", "vultr", "choopa", "leaseweb", "alibaba", "tencent", "oracle",
            "cloudflare", "fastly", "scaleway", "contabo", "hosting", "host", "datacenter", "data center",
            "datacentre", "server", "vps", "colo", "cloud");

    /** Words in AS organisation names of mobile carriers (lower case). */
    public static final List<String> MOBILE_WORDS = List.of("mobile", "cellular", "wireless", "lte", "5g", "gsm");

    private NetworkTypeRules() {}

    public static NetworkType classify(Map<String, Object> record, String asOrg) {
        String userType = string(record.get("user_type"));
        if (userType == null && record.get("traits") instanceof Map<?, ?> traits) {
            userType = string(traits.get("user_type"));
        }
        if (userType != null) {
            switch (userType.toLowerCase(Locale.ROOT)) {
                case "residential", "home":
                    return NetworkType.RESIDENTIAL;
                case "cellular":
                    return NetworkType.MOBILE;
                case "hosting", "content_delivery_network", "cdn":
                    return NetworkType.HOSTING;
                default:
                    break; // business, school, government...: fall through to the name rules
            }
        }
        String connection = string(record.get("connection_type"));
        if (connection != null) {
            switch (connection.toLowerCase(Locale.ROOT)) {
                case "cable/dsl", "dialup", "satellite":
                    return NetworkType.RESIDENTIAL;
                case "cellular":
                    return NetworkType.MOBILE;
                default:
                    break;
            }
        }
        if (asOrg == null || asOrg.isBlank()) {
            return NetworkType.UNKNOWN;
        }
        String org = asOrg.toLowerCase(Locale.ROOT);
        if (MOBILE_WORDS.stream().anyMatch(org::contains)) {
            return NetworkType.MOBILE;
        }
        if (HOSTING_WORDS.stream().anyMatch(org::contains)) {
            return NetworkType.HOSTING;
        }
        return NetworkType.RESIDENTIAL;
    }

    static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
