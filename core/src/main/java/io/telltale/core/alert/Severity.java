package io.telltale.core.alert;

/**
 * Alert severity, with the ids of OCSF's {@code severity_id} (1.3.0 dictionary:
 * https://schema.ocsf.io/1.3.0/dictionary, attribute {@code severity_id}).
 */
public enum Severity {
    INFORMATIONAL(1, "Informational"),
    LOW(2, "Low"),
    MEDIUM(3, "Medium"),
    HIGH(4, "High"),
    CRITICAL(5, "Critical");

    private final int ocsfId;
    private final String caption;

    Severity(int ocsfId, String caption) {
        this.ocsfId = ocsfId;
        this.caption = caption;
    }

    public int ocsfId() {
        return ocsfId;
    }

    public String caption() {
        return caption;
    }

    public static Severity ofOcsfId(int id) {
        for (Severity s : values()) {
            if (s.ocsfId == id) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown OCSF severity_id " + id);
    }
}
