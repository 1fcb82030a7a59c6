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
 * A TCP connection to the receiver, plain or TLS. TLS uses the JVM's default trust store
 * ({@code javax.net.ssl.trustStore}) and checks the receiver's certificate against the host name.
 */
final class SyslogConnection {

    private final String host;
    private final int port;
    private final boolean tls;
    private final Duration connectTimeout;

    private Socket socket;
    private OutputStream out;

    SyslogConnection(String host, int port, boolean tls, Duration connectTimeout) {
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
            if (tls) {
                SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, host, port, true);
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
        return (tls ? "tls://" : "tcp://") + host + ":" + port;
    }
}
