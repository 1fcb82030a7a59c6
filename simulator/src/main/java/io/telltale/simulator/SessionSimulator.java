package io.telltale.simulator;

import io.telltale.core.wire.TelemetryBatch;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Simulates one visit to the demo shop by a person or a bot, as the telemetry batches the
 * browser SDK would send. A visit goes from page to page: orienting after a load, reading and
 * scrolling, moving to products and buttons and clicking them, searching, signing in and filling
 * the checkout form, until the requested length is used up.
 *
 * <p>Deterministic: the same seed and arguments give the same session, whatever was simulated
 * before.
 */
public final class SessionSimulator {

    static final List<String> SEARCHES = List.of(
            "running shoes", "laptop bag", "wireless headphones", "coffee grinder", "desk lamp",
            "Rain jacket", "usb c cable", "yoga mat", "water bottle 1l", "phone case");
    static final List<String> ADDRESS_LINES = List.of(
            "Jane Doe", "42 Example Street", "Springfield", "12345", "Alex Smith", "7 Sample Road", "Rivertown", "90210");

    private final long seed;

    public SessionSimulator(long seed) {
        this.seed = seed;
    }

    public SimulatedSession simulate(Actor actor, String sessionId, String userId, long startEpochMillis, Duration length) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sessionId, "sessionId");
        long lengthMs = length.toMillis();
        if (lengthMs <= 0 || lengthMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("session length out of range: " + length);
        }
        Random random = new Random(sessionSeed(actor, sessionId, userId, startEpochMillis, lengthMs));
        BrowserProfile profile = BrowserProfile.forActor(actor, random);
        int viewportWidth = Math.max(800, profile.viewportWidth());
        int viewportHeight = Math.max(500, profile.viewportHeight());
        InteractionRecorder recorder = new InteractionRecorder(
                random.nextInt(viewportWidth), random.nextInt(viewportHeight));
        Visitor visitor = Visitor.of(actor, profile, random, recorder);

        int endMs = (int) lengthMs;
        ShopPage.Kind kind = firstPage(actor, random);
        boolean cartFilled = false;
        while (recorder.now() < endMs) {
            ShopPage page = ShopPage.layout(kind, viewportWidth, viewportHeight, random);
            recorder.enterPage(page.route());
            visitor.arrive(page);
            kind = switch (kind) {
                case HOME -> {
                    visitor.read(page);
                    if (random.nextDouble() < 0.5) {
                        search(visitor, page);
                        yield ShopPage.Kind.SEARCH;
                    }
                    visitor.moveAndClick(page.someProduct(random));
                    yield ShopPage.Kind.PRODUCT;
                }
                case SEARCH -> {
                    visitor.read(page);
                    visitor.moveAndClick(page.someProduct(random));
                    yield ShopPage.Kind.PRODUCT;
                }
                case PRODUCT -> {
                    visitor.read(page);
                    double choice = random.nextDouble();
                    if (choice < 0.4) {
                        visitor.moveAndClick(page.submit());
                        cartFilled = true;
                        yield ShopPage.Kind.CART;
                    }
                    if (choice < 0.75) {
                        visitor.moveAndClick(page.someProduct(random));
                        yield ShopPage.Kind.PRODUCT;
                    }
                    visitor.moveAndClick(page.someNavigation(random));
                    yield ShopPage.Kind.HOME;
                }
                case CART -> {
                    visitor.read(page);
                    visitor.moveAndClick(page.submit());
                    yield userId == null ? ShopPage.Kind.LOGIN : ShopPage.Kind.CHECKOUT;
                }
                case LOGIN -> {
                    fill(visitor, page, List.of(email(random), password(random)));
                    // Credential stuffing: scripts retry the form until their list runs out.
                    if (actor.isBot() && random.nextDouble() < 0.6) {
                        yield ShopPage.Kind.LOGIN;
                    }
                    yield cartFilled ? ShopPage.Kind.CHECKOUT : ShopPage.Kind.HOME;
                }
                case CHECKOUT -> {
                    int offset = random.nextInt(2) * 4;
                    fill(visitor, page, ADDRESS_LINES.subList(offset, offset + 4));
                    cartFilled = false;
                    yield ShopPage.Kind.HOME;
                }
            };
            visitor.awaitNavigation();
        }
        List<TelemetryBatch> batches =
                BatchCutter.cut(recorder, endMs, sessionId, userId, startEpochMillis, profile, random);
        return new SimulatedSession(sessionId, userId, actor, batches);
    }

    private static ShopPage.Kind firstPage(Actor actor, Random random) {
        double share = actor == Actor.UNIFORM_TYPING_BOT ? 0.6 : actor.isBot() ? 0.2 : 0.05;
        return random.nextDouble() < share ? ShopPage.Kind.LOGIN : ShopPage.Kind.HOME;
    }

    private static void search(Visitor visitor, ShopPage page) {
        visitor.moveAndClick(page.searchBox());
        visitor.type(SEARCHES.get(visitor.random.nextInt(SEARCHES.size())));
        visitor.pressEnter();
    }

    private static void fill(Visitor visitor, ShopPage page, List<String> values) {
        for (int i = 0; i < page.fields().size(); i++) {
            visitor.moveAndClick(page.fields().get(i));
            visitor.type(values.get(i % values.size()));
        }
        visitor.moveAndClick(page.submit());
    }

    private static String email(Random random) {
        String[] names = {"jane.doe", "alex", "sam.lee", "chris", "pat.kim"};
        return names[random.nextInt(names.length)] + random.nextInt(100) + "@example.com";
    }

    private static String password(Random random) {
        String[] words = {"Summer", "Orange", "Kitten", "Bridge", "Rocket"};
        return words[random.nextInt(words.length)] + (1000 + random.nextInt(9000)) + "!";
    }

    private long sessionSeed(Actor actor, String sessionId, String userId, long start, long lengthMs) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + actor.ordinal();
        h = h * 0x9E3779B97F4A7C15L + sessionId.hashCode();
        h = h * 0x9E3779B97F4A7C15L + (userId == null ? 0 : userId.hashCode());
        h = h * 0x9E3779B97F4A7C15L + start;
        h = h * 0x9E3779B97F4A7C15L + lengthMs;
        // SplitMix64 finaliser, so nearby inputs give unrelated seeds.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
