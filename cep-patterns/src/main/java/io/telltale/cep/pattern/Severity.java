package io.telltale.cep.pattern;

import java.util.Locale;

/** How urgently a finding wants an analyst; on the wire as the lower-case name. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
