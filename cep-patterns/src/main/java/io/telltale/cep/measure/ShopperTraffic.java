package io.telltale.cep.measure;

import io.telltale.cep.testkit.TestIpDatabase;
import io.telltale.cep.testkit.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Simulated shop traffic for measuring inventory hoarding: human shoppers over a few hours, and at
 * a known instant a hoarding campaign of short sessions from many home connections that each put
 * the same product in the cart and leave. Deterministic for a seed.
 *
 * <p>Humans browse for 2 to 25 minutes; about a third put one or two products in the cart, of whom
 * most buy ({@link #BUY_SHARE}), some take them out again and the rest leave them held (abandoned
 * carts). Products are picked with a skewed popularity, the campaign's product among the most
 * popular, so humans also hold it. Every household has its own residential /24 in
 * {@link #HOMES}; campaign sessions each come from another /24 of the same range, as a
 * residential-proxy pool does.
 */
public final class ShopperTraffic {

    /** Home broadband: one residential AS whose /24s are the households (and the proxy exits). */
    public static final String HOMES = "81.0.0.0/8";
    public static final String CAMPAIGN_SKU = "CONSOLE-1";
    static final double CART_SHARE = 0.35;
    static final double BUY_SHARE = 0.65;
    static final double REMOVE_SHARE = 0.20;
    static final int PRODUCTS = 300;

    public record Settings(
            long seed,
            int humanSessions,
            int households,
            Duration span,
            Duration campaignStartsAfter,
            int campaignSessions,
            Duration campaignSpacing) {

        /** Four hours of 3,000 human sessions from 2,000 households; 40 bot sessions, one every 45 s, from 2 h on. */
        public static Settings defaults() {
            return new Settings(20260301L, 3_000, 2_000, Duration.ofHours(4), Duration.ofHours(2), 40,
                    Duration.ofSeconds(45));
        }
    }

    /** The traffic and what is known about it. */
    public record Traffic(Timeline timeline, Instant campaignStart, Set<String> campaignSessionIds, String campaignKey) {}

    private ShopperTraffic() {}

    public static Traffic generate(Instant start, Settings settings) {
        Random random = new Random(settings.seed());
        Timeline t = Timeline.startingAt(start);
        for (int i = 0; i < settings.humanSessions(); i++) {
            human(t, "human-" + i, random, settings);
        }
        Instant campaignStart = start.plus(settings.campaignStartsAfter());
        Set<String> campaign = new HashSet<>();
        for (int i = 0; i < settings.campaignSessions(); i++) {
            String id = "bot-" + i;
            campaign.add(id);
            long offset = settings.campaignStartsAfter().toMillis() + i * settings.campaignSpacing().toMillis()
                    + random.nextInt(10_000);
            if (i == 0) {
                offset = settings.campaignStartsAfter().toMillis();
            }
            // Proxy exits: /24s of the same range above the households, one per session.
            t.session(id).at(Duration.ofMillis(offset)).from(home(settings.households() + 1 + i))
                    .pageView(Duration.ofSeconds(2 + random.nextInt(5)))
                    .cartAdd(Duration.ofSeconds(10 + random.nextInt(30)), CAMPAIGN_SKU, "consoles")
                    .pageView(Duration.ofSeconds(45 + random.nextInt(45)));
        }
        return new Traffic(t, campaignStart, Set.copyOf(campaign), "sku:" + CAMPAIGN_SKU);
    }

    private static void human(Timeline t, String id, Random random, Settings settings) {
        long startMs = (long) (random.nextDouble() * settings.span().toMillis());
        long length = Duration.ofMinutes(2).toMillis() + (long) (random.nextDouble() * Duration.ofMinutes(23).toMillis());
        Timeline.Session s = t.session(id).at(Duration.ofMillis(startMs)).from(home(random.nextInt(settings.households())));
        long at = 0;
        while (at < length) {
            s.pageView(Duration.ofMillis(at));
            at += 20_000 + random.nextInt(70_000);
        }
        if (random.nextDouble() >= CART_SHARE) {
            return;
        }
        int items = 1 + random.nextInt(2);
        long cartAt = length / 3;
        String last = null;
        for (int k = 0; k < items; k++) {
            last = product(random);
            s.cartAdd(Duration.ofMillis(cartAt + k * 15_000L), last, last.startsWith("CONSOLE") ? "consoles" : "other");
        }
        double outcome = random.nextDouble();
        if (outcome < BUY_SHARE) {
            s.checkout(Duration.ofMillis(length));
        } else if (outcome < BUY_SHARE + REMOVE_SHARE) {
            s.cartRemove(Duration.ofMillis(length), last);
        }
    }

    /** Skewed popularity: product n with weight 1/(n+1); the campaign's product is the most popular. */
    private static String product(Random random) {
        double total = 0;
        for (int n = 0; n < PRODUCTS; n++) {
            total += 1.0 / (n + 1);
        }
        double pick = random.nextDouble() * total;
        for (int n = 0; n < PRODUCTS; n++) {
            pick -= 1.0 / (n + 1);
            if (pick <= 0) {
                return n == 0 ? CAMPAIGN_SKU : n < 5 ? "CONSOLE-" + (n + 1) : "SKU-" + n;
            }
        }
        return "SKU-" + (PRODUCTS - 1);
    }

    /** The n-th /24 of {@link #HOMES}. */
    public static String home(int n) {
        if (n < 0 || n >= 65_536) {
            throw new IllegalArgumentException("81.0.0.0/8 has 65,536 /24 networks; asked for #" + n);
        }
        return "81." + (n >> 8) + "." + (n & 0xFF) + ".10";
    }

    /** An MMDB where {@link #HOMES} is one residential ISP. */
    public static Path writeIpDatabase(Path file) throws IOException {
        return TestIpDatabase.create().residential(HOMES, 64500, "Example Broadband").write(file);
    }
}
