package io.telltale.cep.network;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured IP database, degrading to prefixes only when there is none. */
public final class NetworkLookups {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkLookups.class);

    private NetworkLookups() {}

    /**
     * The MMDB at {@code path}; {@link NetworkLookup#PREFIX_ONLY} when {@code path} is null or blank,
     * or when the file is missing or unreadable (logged): a lost database degrades the job, it
     * does not stop it.
     */
    public static NetworkLookup open(String path) {
        if (path == null || path.isBlank()) {
            return NetworkLookup.PREFIX_ONLY;
        }
        try {
            return MmdbNetworkLookup.open(Path.of(path));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; network facts are unknown, patterns that need them are disabled", e.getMessage());
            return NetworkLookup.PREFIX_ONLY;
        }
    }
}
