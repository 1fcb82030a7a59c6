package io.telltale.connectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.connectors.siem.AlertFormat;
import io.telltale.core.alert.Alert;
import io.telltale.core.alert.AlertIds;
import io.telltale.core.alert.Analytic;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.wire.Action;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syslog writer against real receivers on loopback: a TLS one whose certificate keytool made
 * for {@code localhost}, and plain ones that hang up or are not there.
 */
@Timeout(60)
class SyslogWriterTest {

    private static final long WINDOW_START = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    private static Path receiverKeyStore;
    private static Path trustStore;

    /** A key pair for CN=localhost (SAN dns:localhost only), and a trust store holding its certificate. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        receiverKeyStore = keys.resolve("receiver.p12");
        trustStore = keys.resolve("trust.p12");
        Path certificate = keys.resolve("receiver.pem");
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", receiverKeyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "receiver", "-rfc", "-file", certificate.toString(),
                "-keystore", receiverKeyStore.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "receiver", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    @Test
    void deliversOverTlsToAReceiverTheTrustStoreVouchesFor() throws Exception {
        try (Receiver receiver = Receiver.tls(receiverKeyStore)) {
            SyslogWriter writer = writer(new SyslogConnection("localhost", receiver.port(),
                    TrustStores.socketFactory(trustStore.toString(), PASSWORD), Duration.ofSeconds(5)), 1);
            for (int i = 0; i < 3; i++) {
                writer.write(alert(i), null);
            }
            writer.flush(false);
            writer.close();

            assertThat(receiver.awaitMessages(3)).hasSize(3).allSatisfy(message -> {
                assertThat(message).startsWith("<").contains(" telltale ").contains("CEF:0|");
            });
            assertThat(String.join("\n", receiver.messages())).contains(alert(0).id(), alert(1).id(), alert(2).id());
        }
    }

    @Test
    void refusesAReceiverWhoseCertificateNamesAnotherHost() throws Exception {
        try (Receiver receiver = Receiver.tls(receiverKeyStore)) {
            // The certificate is for "localhost"; 127.0.0.1 is the same machine but not the same name.
            SyslogWriter writer = writer(new SyslogConnection("127.0.0.1", receiver.port(),
                    TrustStores.socketFactory(trustStore.toString(), PASSWORD), Duration.ofSeconds(5)), 1);
            assertThatThrownBy(() -> {
                writer.write(alert(0), null);
                writer.flush(false);
            }).isInstanceOf(IOException.class).hasMessageContaining("unreachable after 1 reconnects");
            writer.close();
        }
    }

    @Test
    void refusesAReceiverTheJvmDoesNotTrust() throws Exception {
        try (Receiver receiver = Receiver.tls(receiverKeyStore)) {
            SyslogWriter writer = writer(new SyslogConnection("localhost", receiver.port(),
                    TrustStores.socketFactory(null, null), Duration.ofSeconds(5)), 1);
            assertThatThrownBy(() -> {
                writer.write(alert(0), null);
                writer.flush(false);
            }).isInstanceOf(IOException.class);
            writer.close();
        }
    }

    @Test
    void resendsWhatWasNotFlushedWhenTheReceiverHungUp() throws Exception {
        try (Receiver receiver = Receiver.plainHangingUpAfterFirstMessage()) {
            SyslogWriter writer = writer(new SyslogConnection("127.0.0.1", receiver.port(), null,
                    Duration.ofSeconds(5)), 3);
            writer.write(alert(0), null);
            writer.flush(false);
            assertThat(receiver.hungUp.await(10, TimeUnit.SECONDS)).isTrue();

            // The receiver is gone; these two would vanish into the kernel's buffer if the writer
            // trusted a successful write.
            writer.write(alert(1), null);
            writer.write(alert(2), null);
            writer.flush(false);
            writer.close();

            List<String> received = receiver.awaitMessages(3);
            assertThat(String.join("\n", received)).contains(alert(0).id(), alert(1).id(), alert(2).id());
        }
    }

    @Test
    void givesUpAfterItsReconnectsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SyslogWriter writer = writer(new SyslogConnection("127.0.0.1", port, null, Duration.ofSeconds(2)), 2);
        assertThatThrownBy(() -> writer.write(alert(0), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unreachable after 2 reconnects");
        writer.close();
    }

    private static SyslogWriter writer(SyslogConnection connection, int attempts) {
        return new SyslogWriter(connection, AlertFormat.CEF.renderer(), SyslogMessage.DEFAULT_FACILITY, "test-host",
                4242, SyslogMessage.DEFAULT_SD_ID, attempts, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private static Alert alert(int n) {
        String session = "s-" + n;
        return new Alert(AlertIds.of(Analytic.SESSION_SCORE.uid(), session, WINDOW_START, "block"),
                WINDOW_START + 90_000, "Likely bot session: block", Severity.HIGH, Analytic.SESSION_SCORE,
                Action.BLOCK, true, "default", 0.91,
                new Subject(session, null, "203.0.113.9", "Mozilla/5.0", "/login", "0123456789abcdef"),
                List.of(new Evidence("MOUSE_PATH_STRAIGHT", "mouse path 99% straight over 41 strokes", 1.4)),
                WINDOW_START, WINDOW_START + 1_800_000, "human-norms-v1");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        Collections.addAll(command, args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    /** A syslog receiver on loopback reading octet-counted frames (RFC 6587), one connection at a time. */
    private static final class Receiver implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch hungUp = new CountDownLatch(1);
        private final Thread thread;

        private Receiver(ServerSocket server, boolean hangUpAfterFirst) {
            this.server = server;
            this.thread = new Thread(() -> serve(hangUpAfterFirst), "syslog-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        static Receiver tls(Path keyStore) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keysFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keysFactory.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keysFactory.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            return new Receiver(server, false);
        }

        static Receiver plainHangingUpAfterFirstMessage() throws IOException {
            return new Receiver(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), true);
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        List<String> awaitMessages(int count) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (messages.size() < count && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            return messages();
        }

        private void serve(boolean hangUpAfterFirst) {
            boolean first = true;
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    for (String message = readFrame(in); message != null; message = readFrame(in)) {
                        messages.add(message);
                        if (first && hangUpAfterFirst) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // A refused handshake or a closed server: wait for the next connection.
                }
                if (first && hangUpAfterFirst) {
                    hungUp.countDown();
                }
                first = false;
            }
        }

        private static String readFrame(InputStream in) throws IOException {
            int length = 0;
            for (int b = in.read(); b != ' '; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                length = length * 10 + (b - '0');
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream(length);
            for (int i = 0; i < length; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("frame cut short");
                }
                frame.write(b);
            }
            return frame.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
