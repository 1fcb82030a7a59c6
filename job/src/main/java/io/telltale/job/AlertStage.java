package io.telltale.job;

import io.telltale.connectors.kafka.KeyedJsonSerializer;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.policy.PolicyFile;
import io.telltale.connectors.siem.AlertFormat;
import io.telltale.connectors.siem.AlertRenderer;
import io.telltale.connectors.syslog.SyslogSink;
import io.telltale.core.alert.Alert;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.functions.GoodBotCheck;
import io.telltale.job.functions.PolicyEnforcer;
import io.telltale.job.state.AlertSerializer;
import io.telltale.job.state.CheckedScore;
import io.telltale.job.state.CheckedScoreSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Risk scores → keyBy(session) → policy and escalation → alert sinks. Each sink has a name that
 * fixes its operator uid ({@code alert-sink-<name>}), so sinks can be added without orphaning the
 * state of the others.
 */
public final class AlertStage {

    public static final String ENFORCE_UID = "enforce-policy";
    public static final String VERIFY_GOOD_BOTS_UID = "verify-good-bots";

    /** A DNS verdict holds this long; crawler addresses change rarely. */
    static final Duration GOOD_BOT_CACHE_TTL = Duration.ofHours(1);
    /** Past this a lookup counts as "not verified"; the score goes on. */
    static final Duration GOOD_BOT_LOOKUP_TIMEOUT = Duration.ofSeconds(2);
    /** Scores waiting for a lookup at once, per subtask, before back-pressure. */
    static final int GOOD_BOT_LOOKUPS_IN_FLIGHT = 100;

    private final PolicySet policies;
    private final Duration stateTtl;
    private final Map<String, Sink<Alert>> sinks;

    public AlertStage(PolicySet policies, Duration stateTtl, Map<String, Sink<Alert>> sinks) {
        this.policies = policies;
        this.stateTtl = stateTtl;
        this.sinks = new LinkedHashMap<>(sinks);
    }

    /** The policies named by {@link AlertOptions#POLICY_FILE}, or the built-in ones. */
    public static PolicySet policies(Configuration config) {
        return config.getOptional(AlertOptions.POLICY_FILE)
                .map(path -> PolicyFile.read(Path.of(path)))
                .orElseGet(PolicyFile::builtIn);
    }

    /** Production sinks: the alerts topic with Kafka transactions, and syslog when a host is set. */
    public static AlertStage fromConfig(Configuration config, String bootstrapServers, String transactionalIdPrefix) {
        Map<String, Sink<Alert>> sinks = new LinkedHashMap<>();
        sinks.put("kafka", kafkaSink(bootstrapServers, config.get(AlertOptions.ALERTS_TOPIC),
                AlertFormat.ofConfigName(config.get(AlertOptions.KAFKA_FORMAT)), transactionalIdPrefix, new Properties()));
        config.getOptional(AlertOptions.SYSLOG_HOST).ifPresent(host -> sinks.put("syslog", new SyslogSink(host,
                config.get(AlertOptions.SYSLOG_PORT), config.get(AlertOptions.SYSLOG_TLS),
                AlertFormat.ofConfigName(config.get(AlertOptions.SYSLOG_FORMAT)),
                config.get(AlertOptions.SYSLOG_FACILITY), io.telltale.connectors.syslog.SyslogMessage.DEFAULT_SD_ID,
                config.getOptional(AlertOptions.SYSLOG_TRUST_STORE).orElse(null),
                config.getOptional(AlertOptions.SYSLOG_TRUST_STORE_PASSWORD).orElse(null))));
        return new AlertStage(policies(config), config.get(AlertOptions.ALERT_STATE_TTL), sinks);
    }

    /** Alerts on a Kafka topic, exactly once, keyed by session id. */
    public static Sink<Alert> kafkaSink(String bootstrapServers, String topic, AlertFormat format,
            String transactionalIdPrefix, Properties extra) {
        return TelltaleKafka.sink(bootstrapServers, topic, new AlertRecordSerializer(format.renderer()),
                DeliveryGuarantee.EXACTLY_ONCE, transactionalIdPrefix, extra);
    }

    void attachTo(DataStream<RiskScore> scores) {
        // Ordered: a session's scores must reach the escalation logic in the order they were made.
        SingleOutputStreamOperator<CheckedScore> checked = AsyncDataStream.orderedWait(
                        scores,
                        new GoodBotCheck(policies.allowlist().goodBots(), GOOD_BOT_CACHE_TTL),
                        GOOD_BOT_LOOKUP_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS,
                        GOOD_BOT_LOOKUPS_IN_FLIGHT)
                .returns(CheckedScoreSerializer.TYPE_INFO)
                .uid(VERIFY_GOOD_BOTS_UID)
                .name("Verify good bots (reverse + forward DNS)");
        SingleOutputStreamOperator<Alert> alerts = checked
                .keyBy(c -> c.score().sessionId(), Types.STRING)
                .process(new PolicyEnforcer(policies, stateTtl))
                .returns(AlertSerializer.TYPE_INFO)
                .uid(ENFORCE_UID)
                .name("Apply policies, raise alerts");
        sinks.forEach((name, sink) ->
                alerts.sinkTo(sink).uid("alert-sink-" + name).name("Alerts to " + name));
    }

    static final class AlertRecordSerializer implements KeyedJsonSerializer<Alert> {
        private static final long serialVersionUID = 1L;
        private final AlertRenderer renderer;

        AlertRecordSerializer(AlertRenderer renderer) {
            this.renderer = renderer;
        }

        @Override
        public byte[] key(Alert alert) {
            return alert.subject().sessionId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Alert alert) {
            return renderer.render(alert).getBytes(StandardCharsets.UTF_8);
        }
    }
}
