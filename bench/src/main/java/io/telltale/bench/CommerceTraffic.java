package io.telltale.bench;

import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.WireVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shop backend's side of a replayed session: the commerce events it reports, keyed by session
 * id, with the session's user id and client address, each stamped at the send time of the
 * telemetry batch it goes with (the page the event happened on). Which events a session has is
 * drawn from the seed and the session number only, so a session's events are the same whichever
 * run (pre-loaded or live) writes them.
 *
 * <p>People browse, sign in when the simulated visit has a user (now and then after a typo),
 * put something in the cart and often buy it. A bot session either stuffs credentials (failed
 * logins for accounts of a leaked list, {@link #STUFFING_ATTEMPTS} a session, so no single session
 * trips a rate limit: what {@code CredentialStuffing} looks for across sessions) or holds stock
 * (several of one of a few scarce items in the cart, never checked out: what {@code
 * InventoryHoarding} looks for).
 */
final class CommerceTraffic {

    /** What a bot session does on the shop. */
    enum Script { SHOPPER, STUFFER, HOARDER }

    /** Share of bot sessions stuffing credentials; the others hold stock. */
    static final double STUFFER_SHARE = 0.5;
    /** Failed logins of one stuffing session, each for another leaked account. */
    static final int STUFFING_ATTEMPTS = 2;
    /** People who sign in mistype their password first this often. */
    static final double TYPO_SHARE = 0.1;
    /** People who put something in the cart, and of those who check out. */
    static final double CART_SHARE = 0.4;
    static final double CHECKOUT_SHARE = 0.6;
    /** A page view is reported with every this many telemetry batches (a page lasts a few of them). */
    static final int BATCHES_PER_PAGE = 3;
    /** Products people buy, and the few scarce ones hoarders hold. */
    static final int CATALOGUE = 500;
    static final int SCARCE_ITEMS = 3;

    private final long seed;

    CommerceTraffic(long seed) {
        this.seed = seed;
    }

    Script scriptOf(long session, SessionTemplate template) {
        return script(template, plan(session));
    }

    /**
     * The events that go with batch {@code index} of session {@code session}, whose visit has
     * {@code batches} batches and started at {@code startEpochMillis}.
     */
    List<CommerceEvent> at(long session, SessionTemplate template, int index, int batches, long startEpochMillis) {
        String id = SessionTemplate.sessionId(session);
        long time = startEpochMillis + template.batch(index).sentAfterMs();
        int last = batches - 1;
        int middle = batches / 2;
        SplittableRandom plan = plan(session);
        Script script = script(template, plan);
        List<CommerceEvent> events = new ArrayList<>(3);
        if (index % BATCHES_PER_PAGE == 0) {
            events.add(event(CommerceEventType.PAGE_VIEW, id, template.userId(), template, null, 0, time));
        }
        switch (script) {
            case STUFFER -> {
                // One attempt a page; a visit shorter than that makes the rest on its last page.
                for (int attempt = 0; attempt < STUFFING_ATTEMPTS; attempt++) {
                    if (Math.min(attempt, last) == index) {
                        events.add(event(CommerceEventType.LOGIN_FAILED, id,
                                "leaked-user-" + (STUFFING_ATTEMPTS * session + attempt), template, null, 0, time));
                    }
                }
            }
            case HOARDER -> {
                String sku = "sku-scarce-" + plan.nextInt(SCARCE_ITEMS);
                int quantity = 3 + plan.nextInt(3);
                if (index == Math.min(1, last)) {
                    events.add(event(CommerceEventType.CART_ADD, id, null, template, sku, quantity, time));
                }
            }
            case SHOPPER -> {
                boolean typo = plan.nextDouble() < TYPO_SHARE;
                boolean carts = plan.nextDouble() < CART_SHARE;
                boolean buys = plan.nextDouble() < CHECKOUT_SHARE;
                String sku = "sku-" + plan.nextInt(CATALOGUE);
                if (template.userId() != null && index == Math.min(1, last)) {
                    if (typo) {
                        events.add(event(CommerceEventType.LOGIN_FAILED, id, template.userId(), template, null, 0, time));
                    }
                    events.add(event(CommerceEventType.LOGIN, id, template.userId(), template, null, 0, time));
                }
                if (carts && index == middle) {
                    events.add(event(CommerceEventType.CART_ADD, id, template.userId(), template, sku, 1, time));
                }
                if (carts && buys && index == last && last > middle) {
                    events.add(new CommerceEvent(WireVersion.CURRENT, CommerceEventType.CHECKOUT, id, template.userId(),
                            template.clientIp(), sku, categoryOf(sku), 1, time, null, 20 + plan.nextInt(180)));
                }
            }
        }
        return events;
    }

    /** The first draw of a session's plan says what a bot does. */
    private static Script script(SessionTemplate template, SplittableRandom plan) {
        if (!template.actor().isBot()) {
            return Script.SHOPPER;
        }
        return plan.nextDouble() < STUFFER_SHARE ? Script.STUFFER : Script.HOARDER;
    }

    /**
     * One generator per session, so a session's draws do not depend on the sessions before it;
     * {@link SplittableRandom} scrambles its seed, so neighbouring sessions draw unlike values
     * ({@link java.util.Random}'s first draws of consecutive seeds are nearly equal).
     */
    private SplittableRandom plan(long session) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + session);
    }

    private static CommerceEvent event(CommerceEventType type, String session, String user, SessionTemplate template,
            String sku, int quantity, long time) {
        return new CommerceEvent(WireVersion.CURRENT, type, session, user, template.clientIp(), sku,
                sku == null ? null : categoryOf(sku), quantity, time);
    }

    private static String categoryOf(String sku) {
        return "category-" + Math.floorMod(sku.hashCode(), 20);
    }
}
