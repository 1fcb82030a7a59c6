package io.telltale.connectors.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS socket factories that trust a given PKCS12 trust store, or the JVM's default one. */
final class TrustStores {

    private TrustStores() {}

    /**
     * @param trustStore PKCS12 file with the certificates to trust; null for the JVM's default
     * @throws IOException when the store cannot be read; the message names the file
     */
    static SSLSocketFactory socketFactory(String trustStore, String password) throws IOException {
        if (trustStore == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
