package io.telltale.connectors.syslog;

import io.telltale.connectors.siem.AlertRenderer;
import io.telltale.core.alert.Alert;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes framed messages to the connection. Messages since the last successful flush are kept,
 * so a broken connection is reopened and they are sent again (the receiver may see some twice,
 * recognisable by alert id); after the reconnect attempts run out the write fails the task.
 */
final class SyslogWriter implements SinkWriter<Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogWriter.class);

    private final SyslogConnection connection;
    private final AlertRenderer renderer;
    private final int facility;
    private final String hostname;
    private final long procId;
    private final String sdId;
    private final int attempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final List<byte[]> unflushed = new ArrayList<>();

    SyslogWriter(SyslogConnection connection, AlertRenderer renderer, int facility, String hostname, long procId,
            String sdId, int attempts, Duration initialBackoff, Duration maxBackoff) {
        this.connection = connection;
        this.renderer = renderer;
        this.facility = facility;
        this.hostname = hostname;
        this.procId = procId;
        this.sdId = sdId;
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void write(Alert alert, Context context) throws IOException, InterruptedException {
        byte[] framed = SyslogMessage.frame(
                SyslogMessage.format(alert, renderer.render(alert), facility, hostname, procId, sdId));
        unflushed.add(framed);
        try {
            connection.open().write(framed);
        } catch (IOException e) {
            resend(e);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        try {
            if (connection.closedByReceiver()) {
                throw new IOException("receiver closed the connection");
            }
            connection.open().flush();
        } catch (IOException e) {
            resend(e);
        }
        unflushed.clear();
    }

    /** Reconnects with doubling backoff and sends everything not yet flushed, or gives up. */
    private void resend(IOException cause) throws IOException, InterruptedException {
        long delay = initialBackoff.toMillis();
        IOException last = cause;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            connection.close();
            LOG.warn("syslog {} failed ({}); reconnect {} of {} in {} ms", connection.describe(), last.toString(),
                    attempt, attempts, delay);
            Thread.sleep(delay);
            delay = Math.min(delay * 2, maxBackoff.toMillis());
            try {
                var out = connection.open();
                for (byte[] framed : unflushed) {
                    out.write(framed);
                }
                out.flush();
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        connection.close();
        throw new IOException("syslog " + connection.describe() + " unreachable after " + attempts + " reconnects",
                last);
    }

    @Override
    public void close() {
        connection.close();
    }
}
