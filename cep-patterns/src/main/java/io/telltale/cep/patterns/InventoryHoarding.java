package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Requirement;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.CartHold;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Inventory hoarding: bots put a scarce product in their carts from many home connections and
 * never buy it, so real customers see it sold out (scalping, "denial of inventory").
 *
 * <p>Fires on at least {@code minHolds} short sessions ({@code maxSessionDuration}, at most
 * {@code maxPagesSeen} page views) that held the same SKU (or category), bought nothing and came
 * from residential networks, within {@code window}, when they came from at least {@code minNetworks}
 * distinct networks (/24 or /48). The distinct networks are what separates a residential-proxy
 * campaign from one household reloading a page; the few pages are what separates it from a sale
 * rush, where people browse, compare and come back (JData's midnight rush on one product).
 * Optionally ({@code maxBuyerShare} below 1) buyers of the product count into the match and may
 * make up at most that share of it: a campaign buys nothing, a rush buys a lot.
 */
public final class InventoryHoarding extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;

    public static final String ID = "inventory-hoarding";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Inventory hoarding";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String owaspId() {
        return "OAT-021";
    }

    @Override
    public String description() {
        return "Many short sessions from distinct residential networks put the same product in their carts and"
                + " bought nothing: stock held away from real customers (Denial of Inventory).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.choice("keyBy", "sku", List.of("sku", "category"),
                        "whether holds count per product or per product category"),
                Parameter.integer("minHolds", 10, 2, 100_000,
                        "sessions holding (or buying) the product within the window"),
                Parameter.integer("maxPagesSeen", 5, 0, 1_000_000,
                        "sessions that viewed more pages do not count: a hoarding bot goes to the product, adds it"
                                + " and leaves; shoppers at a sale browse and compare (docs/cross-session-patterns.md)"),
                Parameter.decimal("maxBuyerShare", 1, 0, 1,
                        "below 1, sessions that bought the product count too, and at most this share of the"
                                + " matched sessions may have bought it: a rush of buyers is demand, not hoarding."
                                + " Off (1) by default: it misses campaigns on products people buy all day"),
                Parameter.integer("minNetworks", 5, 1, 100_000, "distinct networks (/24, /48) those sessions came from")
                        .atRuntime(),
                Parameter.duration("window", Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofDays(2),
                        "time from the first to the last of the holds"),
                Parameter.duration("maxSessionDuration", Duration.ofMinutes(10), Duration.ofSeconds(1),
                        Duration.ofDays(1), "sessions longer than this do not count: people browse, bots are quick"),
                Parameter.flag("residentialOnly", true,
                        "count only sessions from residential networks (needs the IP database)"));
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.NETWORK_FACTS);
    }

    @Override
    public List<String> keysOf(SessionSummary session, PatternParameters p) {
        boolean byCategory = p.choice("keyBy").equals("category");
        Stream<String> held = session.cartHolds().stream().map(hold -> byCategory ? hold.category() : hold.sku());
        Stream<String> bought = p.decimal("maxBuyerShare") >= 1 ? Stream.empty()
                : (byCategory ? session.purchasedCategories() : session.purchasedSkus()).stream();
        return Stream.concat(held, bought)
                .filter(Objects::nonNull)
                .distinct()
                .map(key -> (byCategory ? "category:" : "sku:") + key)
                .toList();
    }

    @Override
    public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        long maxSessionMillis = p.duration("maxSessionDuration").toMillis();
        boolean residentialOnly = p.flag("residentialOnly");
        int maxPages = p.integer("maxPagesSeen");
        boolean countBuyers = p.decimal("maxBuyerShare") < 1;
        return Pattern.<SessionSummary>begin("holds", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(session -> (countBuyers && boughtFocus(session))
                        || (session.boughtNothing()
                                && session.durationMillis() <= maxSessionMillis
                                && session.pagesSeen() <= maxPages
                                && (!residentialOnly || session.network().isResidential()))))
                .times(p.integer("minHolds"))
                .within(p.duration("window"));
    }

    @Override
    public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        long buyers = sessions.stream().filter(InventoryHoarding::boughtFocus).count();
        long networks = sessions.stream().filter(s -> !boughtFocus(s))
                .map(s -> s.network().prefix()).filter(Objects::nonNull).distinct().count();
        return buyers <= p.decimal("maxBuyerShare") * sessions.size() && networks >= p.integer("minNetworks");
    }

    /** The session bought what this copy of it is keyed on. */
    private static boolean boughtFocus(SessionSummary session) {
        String focus = session.focus();
        if (focus == null) {
            return false;
        }
        return focus.startsWith("sku:") ? session.purchasedSkus().contains(focus.substring("sku:".length()))
                : session.purchasedCategories().contains(focus.substring("category:".length()));
    }

    @Override
    public List<String> skusOf(SessionSummary session) {
        String focus = session.focus();
        return session.cartHolds().stream()
                .filter(h -> focus == null || focus.equals("sku:" + h.sku()) || focus.equals("category:" + h.category()))
                .map(CartHold::sku)
                .toList();
    }
}
