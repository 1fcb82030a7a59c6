package io.telltale.connectors.kafka;

/**
 * Default topic names, in one place. The {@code .v1} suffix is the wire-format version: a new
 * version gets a new topic, so old and new producers never share one (docs/wire-format.md).
 */
public final class Topics {
    /** TelemetryBatch JSON from the ingest gateway, keyed by session id. */
    public static final String TELEMETRY = "telltale.telemetry.v1";
    /** CommerceEvent JSON from the shop backend, keyed by session id. */
    public static final String COMMERCE = "telltale.commerce.v1";
    /** RiskScore JSON from the job, keyed by session id. */
    public static final String RISK_SCORES = "telltale.risk-scores.v1";
    /** DeadLetter JSON: every record the job rejected, keyed by the original key. */
    public static final String DEAD_LETTERS = "telltale.dead-letters.v1";
    /** Findings of the cross-session patterns (cep-patterns), keyed by what the sessions shared. */
    public static final String PATTERN_ALERTS = "telltale.pattern-alerts.v1";
    /** Changes to running cross-session patterns (enable, disable, runtime parameters). */
    public static final String PATTERN_CONTROL = "telltale.pattern-control.v1";
    /** Alerts for the SIEM, keyed by session id. */
    public static final String ALERTS = "telltale.alerts.v1";

    private Topics() {}
}
