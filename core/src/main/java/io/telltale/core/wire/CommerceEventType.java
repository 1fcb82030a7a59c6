package io.telltale.core.wire;

/** Server-side business events the shop backend reports. The wire carries the lower-case name. */
public enum CommerceEventType {
    LOGIN,
    LOGIN_FAILED,
    PAGE_VIEW,
    CART_ADD,
    CART_REMOVE,
    CHECKOUT,
    ACCOUNT_CHANGE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CommerceEventType ofWireName(String name) {
        for (CommerceEventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown commerce event type '" + name + "'");
    }
}
