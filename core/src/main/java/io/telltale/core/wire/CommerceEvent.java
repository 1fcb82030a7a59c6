package io.telltale.core.wire;

/**
 * A business event from the shop backend, on its own topic keyed by {@link #sessionId()}.
 *
 * @param time     epoch ms (server clock); the event time
 * @param sku      the product, for cart and checkout events; null otherwise
 * @param category the product category, when known
 * @param quantity items added, removed or bought; 0 where it does not apply
 * @param change   for {@code account_change}: what was changed ({@link AccountChange}, or the shop's
 *                 own word); null when not said
 * @param value    for {@code checkout}: the order's value in the shop's currency; NaN when not said
 */
public record CommerceEvent(
        int schemaVersion,
        CommerceEventType type,
        String sessionId,
        String userId,
        String clientIp,
        String sku,
        String category,
        int quantity,
        long time,
        String change,
        double value) {

    /** An event without an account change detail or an order value. */
    public CommerceEvent(
            int schemaVersion,
            CommerceEventType type,
            String sessionId,
            String userId,
            String clientIp,
            String sku,
            String category,
            int quantity,
            long time) {
        this(schemaVersion, type, sessionId, userId, clientIp, sku, category, quantity, time, null, Double.NaN);
    }

    /** The words for {@link #change()} the built-in patterns know; a shop may send others. */
    public static final class AccountChange {
        public static final String PASSWORD = "password";
        public static final String EMAIL = "email";
        public static final String PHONE = "phone";
        public static final String MFA = "mfa";
        public static final String PAYOUT = "payout";
        public static final String PAYMENT_METHOD = "payment_method";
        public static final String SHIPPING_ADDRESS = "shipping_address";
        public static final String PROFILE = "profile";

        private AccountChange() {}
    }
}
