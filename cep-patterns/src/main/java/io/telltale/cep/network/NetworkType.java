package io.telltale.cep.network;

/** What kind of network an address belongs to; decides whether many of them look like people. */
public enum NetworkType {
    /** Home broadband: what real shoppers (and residential proxies) come from. */
    RESIDENTIAL,
    /** Mobile carriers: many people share one address behind carrier NAT. */
    MOBILE,
    /** Cloud, hosting and data centres: servers, not shoppers. */
    HOSTING,
    /** No database, the address is not in it, or there was no address. */
    UNKNOWN
}
