package io.telltale.cep.pattern;

/** What a pattern needs beyond commerce events; without it the pattern is disabled at start-up. */
public enum Requirement {
    /** AS number and residential/mobile/hosting type: an IP database (telltale.cep.ip-database). */
    NETWORK_FACTS
}
