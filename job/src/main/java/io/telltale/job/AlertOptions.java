package io.telltale.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** Settings of policies and alerts (docs/alerts.md), declared once (STYLE.md, habit 8). */
public final class AlertOptions {

    public static final ConfigOption<String> POLICY_FILE =
            key("telltale.policy.file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Path of the policy file (YAML, docs/alerts.md); validated at start-up."
                            + " Unset: the built-in policy.");

    public static final ConfigOption<Duration> ALERT_STATE_TTL =
            key("telltale.alerts.state-ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(2))
                    .withDescription("Life of a session's last alerted level after its last change, for sessions"
                            + " whose final score never comes; longer than the session gap.");

    /** The policy stage's own settings; the sinks' are in {@link io.telltale.connectors.siem.AlertSinkOptions}. */
    public static final List<ConfigOption<?>> ALL = List.of(POLICY_FILE, ALERT_STATE_TTL);

    private AlertOptions() {}
}
