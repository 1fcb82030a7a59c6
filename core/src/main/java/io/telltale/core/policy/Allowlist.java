package io.telltale.core.policy;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Sessions that are never challenged or blocked: internal networks, and good bots whose identity
 * was verified by DNS (see {@link GoodBotFamily}; the verification itself runs outside this
 * class, since it waits on the network).
 */
public record Allowlist(List<NetworkRange> networks, List<GoodBotFamily> goodBots) implements Serializable {

    public static final Allowlist NONE = new Allowlist(List.of(), List.of());

    public Allowlist {
        networks = networks == null ? List.of() : List.copyOf(networks);
        goodBots = goodBots == null ? List.of() : List.copyOf(goodBots);
    }

    /** Why a client address is allowlisted, e.g. {@code network 10.0.0.0/8}, or empty. */
    public Optional<String> networkOf(String clientIp) {
        for (NetworkRange range : networks) {
            if (range.contains(clientIp)) {
                return Optional.of("network " + range);
            }
        }
        return Optional.empty();
    }

    /** The good-bot families a user agent claims to belong to; to be verified before trusting. */
    public List<GoodBotFamily> claimedFamilies(String userAgent) {
        return goodBots.stream().filter(family -> family.claimedBy(userAgent)).toList();
    }
}
