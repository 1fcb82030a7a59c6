package io.telltale.connectors.gateway;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The gateway's Prometheus metrics, on its own registry (so two gateways in one JVM, as in the
 * tests, do not share counters). docs/embedding.md#metrics lists them.
 */
final class GatewayMetrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    final Counter accepted = Counter.builder()
            .name("telltale_gateway_accepted_total")
            .help("Records accepted and handed to the Kafka producer, by endpoint")
            .labelNames("endpoint")
            .register(registry);
    final Counter refused = Counter.builder()
            .name("telltale_gateway_refused_total")
            .help("Requests refused, by endpoint and reason (the `error` code of the answer)")
            .labelNames("endpoint", "reason")
            .register(registry);
    final Counter produceFailures = Counter.builder()
            .name("telltale_gateway_produce_failures_total")
            .help("Accepted records the Kafka producer later failed to deliver, by topic")
            .labelNames("topic")
            .register(registry);
    final Counter tokensIssued = Counter.builder()
            .name("telltale_gateway_session_tokens_issued_total")
            .help("Session tokens issued (new sessions and renewals)")
            .register(registry);
    final Counter decisions = Counter.builder()
            .name("telltale_gateway_decisions_total")
            .help("Decision API answers, by verdict")
            .labelNames("verdict")
            .register(registry);
    final Counter invalidScores = Counter.builder()
            .name("telltale_gateway_invalid_risk_scores_total")
            .help("Risk-score records the decision view could not read, by reason")
            .labelNames("reason")
            .register(registry);
    /** Buckets around the 2 ms decision target and the telemetry path's Kafka hand-off. */
    final Histogram latency = Histogram.builder()
            .name("telltale_gateway_request_duration_seconds")
            .help("Time from request start to answer, by endpoint")
            .labelNames("endpoint")
            .classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
            .register(registry);

    void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
