package io.telltale.cep.job;

import io.telltale.cep.network.NetworkLookup;
import io.telltale.cep.network.NetworkLookups;
import io.telltale.cep.session.SessionSummary;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Adds the network facts of each session's address, from the IP database if there is one. */
public final class NetworkEnricher extends RichMapFunction<SessionSummary, SessionSummary> {
    private static final long serialVersionUID = 1L;

    private final String databasePath;
    private transient NetworkLookup lookup;

    /** @param databasePath MMDB file, or null for prefixes only */
    public NetworkEnricher(String databasePath) {
        this.databasePath = databasePath;
    }

    @Override
    public void open(OpenContext openContext) {
        lookup = NetworkLookups.open(databasePath);
    }

    @Override
    public SessionSummary map(SessionSummary session) {
        return session.withNetwork(lookup.lookup(session.clientIp()));
    }

    @Override
    public void close() throws Exception {
        if (lookup != null) {
            lookup.close();
        }
    }
}
