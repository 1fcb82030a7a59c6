package io.telltale.cep;

import io.telltale.cep.testkit.TestIpDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Named instants and the test IP database every cross-session test shares (STYLE.md, habit 4). */
public abstract class CepTestBase {

    public static final Instant BEGINNING = Instant.parse("2026-03-01T12:00:00Z");

    /** Home broadband: 81.2.<n>.0/24 are 256 distinct residential networks of one ISP. */
    public static final String RESIDENTIAL_ISP = "81.2.0.0/16";
    /** A cloud provider's range. */
    public static final String CLOUD = "52.0.0.0/8";
    /** A mobile carrier, known only by its AS name (the rule table decides). */
    public static final String CARRIER = "100.64.0.0/16";

    private static Path database;

    /** A small real MMDB with the networks above, written once per test run. */
    public static synchronized Path testIpDatabase() {
        if (database == null) {
            try {
                Path file = Files.createTempFile("telltale-test-asn", ".mmdb");
                file.toFile().deleteOnExit();
                database = TestIpDatabase.create()
                        .residential(RESIDENTIAL_ISP, 64500, "Example Broadband")
                        .hosting(CLOUD, 16509, "Amazon.com, Inc.")
                        .asn(CARRIER, 64501, "Example Mobile Networks")
                        .write(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    /** The n-th home: a distinct residential /24 each. */
    public static String home(int n) {
        return "81.2." + n + ".10";
    }

    public static String cloudServer(int n) {
        return "52.1." + n + ".7";
    }

    /**
     * A finished session as the patterns see it: a minute long, from the n-th home, holding
     * {@code sku}, buying nothing, with one failed login for {@code account} if it is not null.
     */
    public static io.telltale.cep.session.SessionSummary summary(
            String focus, String sessionId, int home, String device, long endedAt, String sku, String account) {
        String ip = home(home);
        return new io.telltale.cep.session.SessionSummary(focus, sessionId, null, endedAt - 60_000, endedAt, ip,
                java.util.Set.of(ip),
                new io.telltale.cep.network.NetworkFacts(io.telltale.cep.network.NetworkPrefix.of(ip), 64500,
                        "Example Broadband", io.telltale.cep.network.NetworkType.RESIDENTIAL),
                device, null, 0.2, 1,
                sku == null ? java.util.List.of()
                        : java.util.List.of(new io.telltale.cep.session.CartHold(sku, "c", 1, endedAt - 30_000, endedAt, false)),
                0, false, account == null ? 0 : 1, account == null ? java.util.Set.of() : java.util.Set.of(account),
                -1, -1, -1, null, Double.NaN, -1, null, null, null, null, Double.NaN);
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    public static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    public static Duration hours(long h) {
        return Duration.ofHours(h);
    }
}
