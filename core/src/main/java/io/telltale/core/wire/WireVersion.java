package io.telltale.core.wire;

/** Versions of the wire format this build reads and writes. */
public final class WireVersion {
    /** The only version written and accepted today; records with another version are dead-lettered. */
    public static final int CURRENT = 1;

    private WireVersion() {}
}
