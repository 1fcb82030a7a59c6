package io.telltale.core.wire;

/** What the web app should do with a session, in order of severity. */
public enum Action {
    MONITOR,
    CHALLENGE,
    BLOCK;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Action ofWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
