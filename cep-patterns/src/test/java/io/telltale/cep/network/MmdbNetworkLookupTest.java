package io.telltale.cep.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.cep.CepTestBase;
import io.telltale.cep.testkit.TestIpDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmdbNetworkLookupTest extends CepTestBase {

    @Test
    void readsAsAndTypeFromTheDatabase() {
        try (MmdbNetworkLookup lookup = MmdbNetworkLookup.open(testIpDatabase())) {
            assertThat(lookup.lookup("81.2.69.160"))
                    .isEqualTo(new NetworkFacts("81.2.69.0/24", 64500, "Example Broadband", NetworkType.RESIDENTIAL));
            assertThat(lookup.lookup("52.94.1.1"))
                    .isEqualTo(new NetworkFacts("52.94.1.0/24", 16509, "Amazon.com, Inc.", NetworkType.HOSTING));
            assertThat(lookup.lookup("100.64.3.4").type()).isEqualTo(NetworkType.MOBILE);
            assertThat(lookup.lookup("100.64.3.4").asn()).isEqualTo(64501);
        }
    }

    @Test
    void anAddressOutsideTheDatabaseHasOnlyItsPrefix() {
        try (MmdbNetworkLookup lookup = MmdbNetworkLookup.open(testIpDatabase())) {
            assertThat(lookup.lookup("198.51.100.9"))
                    .isEqualTo(new NetworkFacts("198.51.100.0/24", 0, null, NetworkType.UNKNOWN));
            // IPv6 in an IPv4 database: not known, no exception.
            assertThat(lookup.lookup("2001:db8:1:2::5"))
                    .isEqualTo(new NetworkFacts("2001:db8:1:0:0:0:0:0/48", 0, null, NetworkType.UNKNOWN));
        }
    }

    @Test
    void badAddressesAreUnknownAndNeverResolved() {
        try (MmdbNetworkLookup lookup = MmdbNetworkLookup.open(testIpDatabase())) {
            assertThat(lookup.lookup(null)).isEqualTo(NetworkFacts.UNKNOWN);
            assertThat(lookup.lookup("shop.example.com")).isEqualTo(NetworkFacts.UNKNOWN);
            assertThat(lookup.lookup("300.1.2.3")).isEqualTo(NetworkFacts.UNKNOWN);
            assertThat(lookup.lookup("1.2.3")).isEqualTo(NetworkFacts.UNKNOWN);
        }
    }

    @Test
    void ipinfoStyleRecordsAreReadToo(@TempDir Path dir) throws Exception {
        Path file = TestIpDatabase.create()
                .network("203.0.113.0/24", Map.of("asn", "AS64496", "name", "Hetzner Online GmbH"))
                .write(dir.resolve("ipinfo.mmdb"));
        try (MmdbNetworkLookup lookup = MmdbNetworkLookup.open(file)) {
            assertThat(lookup.lookup("203.0.113.5"))
                    .isEqualTo(new NetworkFacts("203.0.113.0/24", 64496, "Hetzner Online GmbH", NetworkType.HOSTING));
        }
    }

    @Test
    void aMissingOrBrokenDatabaseIsReportedByName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> MmdbNetworkLookup.open(dir.resolve("nope.mmdb")))
                .hasMessageContaining("nope.mmdb").hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.mmdb"), "not a database");
        assertThatThrownBy(() -> MmdbNetworkLookup.open(garbage)).hasMessageContaining("not a MaxMind DB");
        // ...and the job degrades instead of failing.
        assertThat(NetworkLookups.open(garbage.toString()).hasAsData()).isFalse();
        assertThat(NetworkLookups.open(null).lookup("81.2.69.1"))
                .isEqualTo(new NetworkFacts("81.2.69.0/24", 0, null, NetworkType.UNKNOWN));
    }
}
