package io.telltale.connectors.siem;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.telltale.connectors.kafka.Topics;
import io.telltale.connectors.syslog.SyslogMessage;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Where alerts go and in which format: settings shared by every job that raises alerts (the
 * session-scoring job's policy stage and the cross-session pattern job), declared once.
 */
public final class AlertSinkOptions {

    public static final ConfigOption<String> ALERTS_TOPIC =
            key("telltale.topics.alerts")
                    .stringType()
                    .defaultValue(Topics.ALERTS)
                    .withDescription("Topic of alerts for the SIEM (exactly once, keyed by session id).");

    public static final ConfigOption<String> KAFKA_FORMAT =
            key("telltale.alerts.kafka.format")
                    .stringType()
                    .defaultValue(AlertFormat.OCSF.configName())
                    .withDescription("Format on the alerts topic: ocsf, ecs, cef, leef or splunk-hec.");

    public static final ConfigOption<String> SYSLOG_HOST =
            key("telltale.alerts.syslog.host")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Syslog receiver for alerts (RFC 5424 over TCP, octet counting). Unset: no"
                            + " syslog sink.");

    public static final ConfigOption<Integer> SYSLOG_PORT =
            key("telltale.alerts.syslog.port")
                    .intType()
                    .defaultValue(6514)
                    .withDescription("Port of the syslog receiver (6514 is syslog over TLS, RFC 5425).");

    public static final ConfigOption<Boolean> SYSLOG_TLS =
            key("telltale.alerts.syslog.tls")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("TLS to the syslog receiver, checked against the JVM trust store.");

    public static final ConfigOption<String> SYSLOG_FORMAT =
            key("telltale.alerts.syslog.format")
                    .stringType()
                    .defaultValue(AlertFormat.CEF.configName())
                    .withDescription("Format of the syslog message body: ocsf, ecs, cef, leef or splunk-hec.");

    public static final ConfigOption<Integer> SYSLOG_FACILITY =
            key("telltale.alerts.syslog.facility")
                    .intType()
                    .defaultValue(SyslogMessage.DEFAULT_FACILITY)
                    .withDescription("RFC 5424 facility 0..23 (13: log audit).");

    public static final ConfigOption<String> SYSLOG_TRUST_STORE =
            key("telltale.alerts.syslog.trust-store")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("PKCS12 trust store with the syslog receiver's CA; unset: the JVM's trust store.");

    public static final ConfigOption<String> SYSLOG_TRUST_STORE_PASSWORD =
            key("telltale.alerts.syslog.trust-store-password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of that trust store, if it has one.");

    public static final List<ConfigOption<?>> ALL = List.of(ALERTS_TOPIC, KAFKA_FORMAT, SYSLOG_HOST, SYSLOG_PORT,
            SYSLOG_TLS, SYSLOG_FORMAT, SYSLOG_FACILITY, SYSLOG_TRUST_STORE, SYSLOG_TRUST_STORE_PASSWORD);

    private AlertSinkOptions() {}
}
