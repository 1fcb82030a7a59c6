package io.telltale.connectors.siem;

import io.telltale.connectors.kafka.KeyedJsonSerializer;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.syslog.SyslogMessage;
import io.telltale.connectors.syslog.SyslogSink;
import io.telltale.core.alert.Alert;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.function.SerializableFunction;

/** The alert sinks {@link AlertSinkOptions} asks for: the alerts topic, and syslog when a host is set. */
public final class AlertSinks {

    private AlertSinks() {}

    /** Sinks by name (the name fixes the operator uid); {@code kafka} always, {@code syslog} when configured. */
    public static Map<String, Sink<Alert>> fromConfig(
            ReadableConfig config, String bootstrapServers, String transactionalIdPrefix) {
        Map<String, Sink<Alert>> sinks = new LinkedHashMap<>();
        sinks.put("kafka", kafka(bootstrapServers, config.get(AlertSinkOptions.ALERTS_TOPIC),
                AlertFormat.ofConfigName(config.get(AlertSinkOptions.KAFKA_FORMAT)), transactionalIdPrefix,
                new Properties(), alert -> alert));
        config.getOptional(AlertSinkOptions.SYSLOG_HOST).ifPresent(host -> sinks.put("syslog", new SyslogSink(host,
                config.get(AlertSinkOptions.SYSLOG_PORT), config.get(AlertSinkOptions.SYSLOG_TLS),
                AlertFormat.ofConfigName(config.get(AlertSinkOptions.SYSLOG_FORMAT)),
                config.get(AlertSinkOptions.SYSLOG_FACILITY), SyslogMessage.DEFAULT_SD_ID,
                config.getOptional(AlertSinkOptions.SYSLOG_TRUST_STORE).orElse(null),
                config.getOptional(AlertSinkOptions.SYSLOG_TRUST_STORE_PASSWORD).orElse(null))));
        return sinks;
    }

    /**
     * Records of type {@code T} as alerts on a Kafka topic, exactly once (Kafka transactions),
     * keyed by the alert's session, rendered in {@code format}.
     *
     * @param toAlert how a record becomes an alert ({@code alert -> alert} for alerts themselves)
     */
    public static <T> Sink<T> kafka(String bootstrapServers, String topic, AlertFormat format,
            String transactionalIdPrefix, Properties extra, SerializableFunction<T, Alert> toAlert) {
        return TelltaleKafka.sink(bootstrapServers, topic, new RenderedAlert<>(format.renderer(), toAlert),
                DeliveryGuarantee.EXACTLY_ONCE, transactionalIdPrefix, extra);
    }

    private static final class RenderedAlert<T> implements KeyedJsonSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final AlertRenderer renderer;
        private final SerializableFunction<T, Alert> toAlert;

        RenderedAlert(AlertRenderer renderer, SerializableFunction<T, Alert> toAlert) {
            this.renderer = renderer;
            this.toAlert = toAlert;
        }

        @Override
        public byte[] key(T record) {
            return alertOf(record).subject().sessionId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(T record) {
            return renderer.render(alertOf(record)).getBytes(StandardCharsets.UTF_8);
        }

        private Alert alertOf(T record) {
            try {
                return toAlert.apply(record);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make an alert of " + record, e);
            }
        }
    }
}
