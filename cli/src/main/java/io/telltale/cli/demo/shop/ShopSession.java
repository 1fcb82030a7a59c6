package io.telltale.cli.demo.shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One visitor of the shop, found by the shop's own cookie: their cart, who logged in, and the
 * Telltale session the shop's backend started for them (its id and the token the page's SDK sends).
 */
final class ShopSession {

    final String telltaleSessionId;
    final String telltaleToken;
    private final Map<String, Integer> cart = new LinkedHashMap<>();
    private String userId;

    ShopSession(String telltaleSessionId, String telltaleToken) {
        this.telltaleSessionId = telltaleSessionId;
        this.telltaleToken = telltaleToken;
    }

    synchronized void add(String sku, int quantity) {
        cart.merge(sku, quantity, Integer::sum);
    }

    synchronized Map<String, Integer> cart() {
        return Map.copyOf(cart);
    }

    synchronized Map<String, Integer> takeCart() {
        Map<String, Integer> bought = new LinkedHashMap<>(cart);
        cart.clear();
        return bought;
    }

    synchronized String userId() {
        return userId;
    }

    synchronized void logIn(String userId) {
        this.userId = userId;
    }
}
