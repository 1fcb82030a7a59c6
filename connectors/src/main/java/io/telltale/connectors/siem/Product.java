package io.telltale.connectors.siem;

/** How Telltale names itself in every alert format. */
final class Product {
    static final String VENDOR = "Telltale";
    static final String NAME = "Telltale";
    /** Used when an alert carries no model or pattern version. */
    static final String UNKNOWN_VERSION = "0";

    private Product() {}

    static String version(String productVersion) {
        return productVersion == null || productVersion.isBlank() ? UNKNOWN_VERSION : productVersion;
    }

    /** A risk score in [0,1] as the 0..100 integer most SIEMs use; -1 when there is none. */
    static int riskPercent(double riskScore) {
        return Double.isFinite(riskScore) ? (int) Math.round(Math.max(0, Math.min(1, riskScore)) * 100) : -1;
    }
}
