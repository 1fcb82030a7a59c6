package io.telltale.core.policy;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A crawler that announces itself and can prove it: its user agent matches {@code userAgent} and
 * its address reverse-resolves to a host under one of {@code domainSuffixes} that resolves back to
 * the same address (forward-confirmed reverse DNS, the check Google documents for Googlebot:
 * https://developers.google.com/search/docs/crawling-indexing/verifying-googlebot). A user agent
 * alone is free to fake, so it never allowlists anything by itself.
 *
 * @param name           e.g. {@code googlebot}
 * @param userAgent      searched (not fully matched) in the session's user agent
 * @param domainSuffixes e.g. {@code googlebot.com}, {@code google.com}; a host matches a suffix if
 *                       it equals it or ends with {@code .suffix}
 */
public record GoodBotFamily(String name, Pattern userAgent, List<String> domainSuffixes) implements Serializable {

    public GoodBotFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userAgent, "userAgent");
        domainSuffixes = domainSuffixes == null ? List.of() : domainSuffixes.stream()
                .map(GoodBotFamily::normalise)
                .toList();
        if (domainSuffixes.isEmpty() || domainSuffixes.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(
                    "good bot '" + name + "' needs at least one non-empty reverse-DNS domain suffix");
        }
    }

    private static String normalise(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith(".")) {
            d = d.substring(1);
        }
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    public boolean claimedBy(String sessionUserAgent) {
        return sessionUserAgent != null && userAgent.matcher(sessionUserAgent).find();
    }

    /** Whether a reverse-resolved host name belongs to this family. */
    public boolean ownsHost(String host) {
        if (host == null) {
            return false;
        }
        String h = normalise(host);
        for (String suffix : domainSuffixes) {
            if (h.equals(suffix) || h.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }
}
