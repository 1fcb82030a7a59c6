package io.telltale.cep.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.telltale.connectors.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** Settings of the cross-session pattern job, declared once (STYLE.md, habit 8). */
public final class CrossSessionOptions {

    public static final ConfigOption<String> IP_DATABASE =
            key("telltale.cep.ip-database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("MMDB file (MaxMind DB format) with AS numbers and organisations, e.g."
                            + " GeoLite2-ASN.mmdb. Without it, patterns that need network facts are disabled"
                            + " at start-up and the others run. docs/cross-session-patterns.md.");

    public static final ConfigOption<String> PATTERNS_FILE =
            key("telltale.cep.patterns")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("YAML file of pattern parameters (docs/writing-patterns.md); without it"
                            + " every built-in pattern runs with its defaults.");

    public static final ConfigOption<Duration> SESSION_GAP =
            key("telltale.cep.session-gap")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription("Commerce inactivity after which a session is over and summarised"
                            + " (event time); keep it equal to telltale.session.gap of the scoring job.");

    public static final ConfigOption<Duration> FINAL_SCORE_WAIT =
            key("telltale.cep.final-score-wait")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("How long (event time) a session's summary waits past the end of its risk-score"
                            + " window for that window's final score, which carries the trajectory fingerprint: the"
                            + " scoring job publishes it once its watermark has passed the window's end, and with"
                            + " exactly-once delivery after its next checkpoint. A session whose final score came"
                            + " is summarised at once.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            key("telltale.cep.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How late a commerce event or risk score may arrive and still count.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            key("telltale.cep.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("A quiet source split (e.g. no risk scores) stops holding back the watermark.");

    public static final ConfigOption<Duration> ACCOUNT_HISTORY_TTL =
            key("telltale.cep.account-history-ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(90))
                    .withDescription("How long an account's devices and networks are remembered after its last"
                            + " session (account-takeover: a device is new if the account was seen before"
                            + " without it).");

    public static final ConfigOption<String> COMMERCE_TOPIC =
            key("telltale.topics.commerce")
                    .stringType()
                    .defaultValue(Topics.COMMERCE)
                    .withDescription("Topic of commerce events from the shop backend, keyed by session id.");

    public static final ConfigOption<String> PATTERN_ALERTS_TOPIC =
            key("telltale.topics.pattern-alerts")
                    .stringType()
                    .defaultValue(Topics.PATTERN_ALERTS)
                    .withDescription("Topic the pattern job writes findings to, keyed by the shared key.");

    public static final ConfigOption<String> PATTERN_CONTROL_TOPIC =
            key("telltale.topics.pattern-control")
                    .stringType()
                    .defaultValue(Topics.PATTERN_CONTROL)
                    .withDescription("Topic of control records that switch running patterns on or off and change"
                            + " their runtime parameters (docs/cross-session-patterns.md); bad ones become dead letters.");

    public static final List<ConfigOption<?>> ALL = List.of(
            IP_DATABASE, PATTERNS_FILE, SESSION_GAP, FINAL_SCORE_WAIT, MAX_OUT_OF_ORDERNESS, SOURCE_IDLENESS, ACCOUNT_HISTORY_TTL, COMMERCE_TOPIC,
            PATTERN_ALERTS_TOPIC, PATTERN_CONTROL_TOPIC);

    private CrossSessionOptions() {}
}
