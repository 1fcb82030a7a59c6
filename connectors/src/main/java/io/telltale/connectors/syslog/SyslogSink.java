package io.telltale.connectors.syslog;

import io.telltale.connectors.siem.AlertFormat;
import io.telltale.core.alert.Alert;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Alerts to a syslog receiver over TCP (or TLS), one RFC 5424 message each, octet-counted.
 * At least once: the writer flushes on every checkpoint, and a failed write fails the task after
 * bounded reconnect attempts, so Flink replays from the last checkpoint; the alert id in the
 * structured data lets the receiver recognise a replayed alert.
 */
public final class SyslogSink implements Sink<Alert> {

    private static final long serialVersionUID = 1L;

    /** Reconnect attempts before a write gives up and fails the task. */
    public static final int DEFAULT_RECONNECT_ATTEMPTS = 5;
    /** First reconnect delay, doubled each attempt up to {@link #MAX_BACKOFF}. */
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final boolean tls;
    private final AlertFormat format;
    private final int facility;
    private final String sdId;
    private final String trustStore;
    private final String trustStorePassword;

    public SyslogSink(String host, int port, boolean tls, AlertFormat format) {
        this(host, port, tls, format, SyslogMessage.DEFAULT_FACILITY, SyslogMessage.DEFAULT_SD_ID);
    }

    public SyslogSink(String host, int port, boolean tls, AlertFormat format, int facility, String sdId) {
        this(host, port, tls, format, facility, sdId, null, null);
    }

    /**
     * @param trustStore         PKCS12 trust store with the receiver's CA, for TLS; null: the JVM's
     * @param trustStorePassword its password, or null
     */
    public SyslogSink(String host, int port, boolean tls, AlertFormat format, int facility, String sdId,
            String trustStore, String trustStorePassword) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("syslog port must be 1..65535, got " + port);
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0..23 (RFC 5424 §6.2.1), got " + facility);
        }
        this.port = port;
        this.tls = tls;
        this.format = Objects.requireNonNull(format, "format");
        this.facility = facility;
        this.sdId = Objects.requireNonNull(sdId, "sdId");
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
        SSLSocketFactory tlsFactory = tls ? TrustStores.socketFactory(trustStore, trustStorePassword) : null;
        return new SyslogWriter(new SyslogConnection(host, port, tlsFactory, CONNECT_TIMEOUT), format.renderer(), facility,
                SyslogMessage.defaultHostname(), ProcessHandle.current().pid(), sdId, DEFAULT_RECONNECT_ATTEMPTS,
                INITIAL_BACKOFF, MAX_BACKOFF);
    }
}
