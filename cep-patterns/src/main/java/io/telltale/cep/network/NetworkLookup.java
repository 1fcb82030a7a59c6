package io.telltale.cep.network;

import java.io.Closeable;

/** Network facts of an IP address. Implementations never throw on a bad address: UNKNOWN-ish facts. */
public interface NetworkLookup extends Closeable {

    NetworkFacts lookup(String clientIp);

    /** Whether the lookup knows AS facts at all; patterns that need them are disabled otherwise. */
    boolean hasAsData();

    /** Without a database: only the address prefix is known. */
    NetworkLookup PREFIX_ONLY = new NetworkLookup() {
        @Override
        public NetworkFacts lookup(String clientIp) {
            String prefix = NetworkPrefix.of(clientIp);
            return prefix == null ? NetworkFacts.UNKNOWN : new NetworkFacts(prefix, 0, null, NetworkType.UNKNOWN);
        }

        @Override
        public boolean hasAsData() {
            return false;
        }

        @Override
        public void close() {}
    };
}
