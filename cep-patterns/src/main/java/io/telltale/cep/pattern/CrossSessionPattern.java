package io.telltale.cep.pattern;

import io.telltale.cep.session.SessionSummary;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A fraud pattern over many sessions. Subclasses are written by the fraud team, one per class
 * (docs/writing-patterns.md): metadata, parameters, what sessions of one campaign share, and the
 * Flink CEP pattern over the sessions that share it.
 *
 * <p>How it runs: every finished {@link SessionSummary} is offered to {@link #keysOf}; for each
 * key returned, a copy with that {@linkplain SessionSummary#focus() focus} goes to a CEP operator
 * keyed by it, which runs {@link #pattern}. Each match is checked once more as a whole by
 * {@link #confirms} and then becomes a finding with the sessions, networks, SKUs, times and
 * parameter values as evidence.
 */
public abstract class CrossSessionPattern implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Stable id, kebab-case: in the YAML file, the finding and the operator uid. Never change it. */
    public abstract String id();

    public abstract String title();

    public abstract Severity severity();

    /** OWASP Automated Threat id, e.g. {@code OAT-021}, or null if none fits. */
    public abstract String owaspId();

    /** What the pattern catches and why it is suspicious, for an analyst. */
    public abstract String description();

    /** Tunable thresholds and windows, with defaults. */
    public abstract List<Parameter> parameters();

    /** What the pattern needs beyond commerce events and risk scores. */
    public Set<Requirement> requires() {
        return Set.of();
    }

    /**
     * What this session shares with the others of a campaign, e.g. the SKUs it held; empty if the
     * session cannot be part of one. Prefix each key with its kind ({@code sku:}, {@code device:}).
     * Return no key for a session no condition of the pattern accepts: every session given a key
     * goes through the pattern's CEP operator and its state, matched or not.
     */
    public abstract List<String> keysOf(SessionSummary session, PatternParameters p);

    /**
     * The CEP pattern over sessions of one key; it must have {@code within}, after which a key's
     * partial matches are forgotten (the job refuses a pattern without one).
     */
    public abstract Pattern<SessionSummary, ?> pattern(PatternParameters p);

    /**
     * A last check over the whole match, for what a CEP condition on one session cannot see (how
     * many distinct networks, accounts, addresses). Sessions are in time order.
     */
    public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        return true;
    }

    /** The SKUs or categories a finding names as evidence; by default every held SKU. */
    public List<String> skusOf(SessionSummary session) {
        return session.cartHolds().stream().map(h -> h.sku()).toList();
    }
}
