package io.telltale.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verification logic over a resolver that answers from fixed zones, so each way a claim can
 * fail is shown on its own, including a reverse zone the crawler's owner does not control
 * (which a hosts file cannot express). GoodBotCheckTest in the job runs it with the JVM's resolver.
 */
class GoodBotVerifierTest {

    private static final String GOOGLEBOT_UA =
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final GoodBotVerifier verifier = new GoodBotVerifier(List.of(
            new GoodBotFamily("googlebot", Pattern.compile("Googlebot"), List.of("googlebot.com", "google.com"))));

    /** Reverse (PTR) and forward (A/AAAA) zones. */
    private static final class Zones implements GoodBotVerifier.Resolver {
        final Map<String, String> ptr = new HashMap<>();
        final Map<String, List<String>> a = new HashMap<>();
        int lookups;

        @Override
        public String hostOf(InetAddress address) {
            lookups++;
            return ptr.get(address.getHostAddress());
        }

        @Override
        public List<InetAddress> addressesOf(String host) throws java.net.UnknownHostException {
            lookups++;
            List<InetAddress> addresses = new ArrayList<>();
            for (String ip : a.getOrDefault(host, List.of())) {
                addresses.add(InetAddress.getByAddress(NetworkRange.parseLiteral(ip)));
            }
            return addresses;
        }
    }

    @Test
    void aCrawlerWhoseAddressAndNameConfirmEachOtherIsVerified() throws Exception {
        Zones zones = new Zones();
        zones.ptr.put("66.249.66.1", "crawl-66-249-66-1.googlebot.com");
        zones.a.put("crawl-66-249-66-1.googlebot.com", List.of("66.249.66.1"));

        assertThat(verifier.verify(GOOGLEBOT_UA, "66.249.66.1", zones)).isEqualTo("googlebot");
    }

    @Test
    void aReverseNameThatDoesNotResolveBackIsNotEnough() throws Exception {
        // Whoever owns 203.0.113.50's reverse zone can make it say anything.
        Zones zones = new Zones();
        zones.ptr.put("203.0.113.50", "crawl-66-249-66-1.googlebot.com");
        zones.a.put("crawl-66-249-66-1.googlebot.com", List.of("66.249.66.1"));

        assertThat(verifier.verify(GOOGLEBOT_UA, "203.0.113.50", zones)).isNull();
    }

    @Test
    void aNameOutsideTheFamilysDomainsIsNotVerified() throws Exception {
        Zones zones = new Zones();
        zones.ptr.put("198.51.100.7", "googlebot.com.evil.example");
        zones.a.put("googlebot.com.evil.example", List.of("198.51.100.7"));

        assertThat(verifier.verify(GOOGLEBOT_UA, "198.51.100.7", zones)).isNull();
    }

    @Test
    void anAddressWithoutReverseNameIsNotVerified() throws Exception {
        assertThat(verifier.verify(GOOGLEBOT_UA, "192.0.2.1", new Zones())).isNull();
    }

    @Test
    void nothingIsLookedUpForABrowserThatClaimsNoCrawlerOrForANonLiteralAddress() throws Exception {
        Zones zones = new Zones();
        assertThat(verifier.verify("Mozilla/5.0 (Windows NT 10.0) Chrome/142.0", "66.249.66.1", zones)).isNull();
        assertThat(verifier.verify(GOOGLEBOT_UA, "crawl.googlebot.com", zones)).isNull();
        assertThat(verifier.verify(GOOGLEBOT_UA, null, zones)).isNull();
        assertThat(zones.lookups).isZero();
    }
}
