/** Alerts to a syslog receiver: RFC 5424 messages, RFC 6587 octet-counting framing over TCP, optional TLS (RFC 5425). */
package io.telltale.connectors.syslog;
