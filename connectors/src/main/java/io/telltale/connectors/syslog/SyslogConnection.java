package io.telltale.connectors.syslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TCP connection to the receiver, plain or TLS. TLS checks the receiver's certificate against
 * the host name, with the trust store the sink was given (the JVM's default when none).
 */
final class SyslogConnection {

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final Duration connectTimeout;

    private Socket socket;
    private OutputStream out;

    /** @param tls the TLS socket factory, or null for plain TCP */
    SyslogConnection(String host, int port, SSLSocketFactory tls, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    OutputStream open() throws IOException {
        if (out != null) {
            return out;
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            plain.setKeepAlive(true);
            Socket connected = plain;
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters params = secure.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(params);
                secure.startHandshake();
                connected = secure;
            }
            socket = connected;
            out = new BufferedOutputStream(connected.getOutputStream(), 64 * 1024);
            return out;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Whether the receiver closed the connection. Syslog receivers never send anything, so a
     * read that ends the stream means they are gone — and a write would still "succeed" into
     * the kernel's buffer once and be lost. Costs one short blocking read; called at flush.
     */
    boolean closedByReceiver() throws IOException {
        if (socket == null) {
            return false;
        }
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException alive) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing after a failure; nothing left to save.
        } finally {
            socket = null;
            out = null;
        }
    }

    String describe() {
        return (tls != null ? "tls://" : "tcp://") + host + ":" + port;
    }
}
