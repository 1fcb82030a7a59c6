package io.telltale.cep.network;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Network facts from an MMDB file (MaxMind DB format) through MaxMind's reader. Reads the AS from
 * the field names of GeoLite2-ASN / DB-IP ASN ({@code autonomous_system_number},
 * {@code autonomous_system_organization}) and of IPinfo ({@code asn} as {@code "AS64500"},
 * {@code as_name} or {@code name}); the network type as {@link NetworkTypeRules} says.
 */
public final class MmdbNetworkLookup implements NetworkLookup {

    private final Reader reader;
    private final String databaseType;

    private MmdbNetworkLookup(Reader reader) {
        this.reader = reader;
        this.databaseType = reader.getMetadata().getDatabaseType();
    }

    /** @throws IllegalArgumentException naming the file if it is missing or not an MMDB */
    public static MmdbNetworkLookup open(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("IP database " + file + " does not exist or is not readable");
        }
        try {
            return new MmdbNetworkLookup(new Reader(file.toFile(), new CHMCache()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("IP database " + file + " is not a MaxMind DB (MMDB) file: " + e.getMessage(), e);
        }
    }

    public String databaseType() {
        return databaseType;
    }

    @Override
    public NetworkFacts lookup(String clientIp) {
        InetAddress address = NetworkPrefix.parse(clientIp);
        if (address == null) {
            return NetworkFacts.UNKNOWN;
        }
        String prefix = NetworkPrefix.of(clientIp);
        Map<String, Object> record;
        try {
            @SuppressWarnings("unchecked")
            DatabaseRecord<Map<String, Object>> found = reader.getRecord(address, (Class<Map<String, Object>>) (Class<?>) Map.class);
            record = found == null ? null : found.getData();
        } catch (IOException | RuntimeException e) {
            // An IPv6 address in an IPv4-only database, or a corrupt record: the address is not known.
            record = null;
        }
        if (record == null) {
            return new NetworkFacts(prefix, 0, null, NetworkType.UNKNOWN);
        }
        long asn = asn(record);
        String org = NetworkTypeRules.string(record.get("autonomous_system_organization"));
        if (org == null) {
            org = NetworkTypeRules.string(record.get("as_name"));
        }
        if (org == null) {
            org = NetworkTypeRules.string(record.get("name"));
        }
        return new NetworkFacts(prefix, asn, org, NetworkTypeRules.classify(record, org));
    }

    private static long asn(Map<String, Object> record) {
        Object number = record.get("autonomous_system_number");
        if (number instanceof Number n) {
            return n.longValue();
        }
        Object asn = record.get("asn");
        if (asn instanceof Number n) {
            return n.longValue();
        }
        if (asn instanceof String s && s.matches("(?i)AS\\d{1,10}")) {
            return Long.parseLong(s.substring(2));
        }
        return 0;
    }

    @Override
    public boolean hasAsData() {
        return true;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
