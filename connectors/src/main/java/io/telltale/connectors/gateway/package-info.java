/**
 * The ingest gateway and decision API: the HTTP process between browsers (and shop backends) and
 * Kafka. {@link io.telltale.connectors.gateway.Gateway} serves the endpoints;
 * {@link io.telltale.connectors.gateway.GatewayConfigFile} reads the sites file;
 * {@link io.telltale.connectors.gateway.SessionTokens} signs and checks session tokens;
 * {@link io.telltale.connectors.gateway.DecisionView} keeps each session's latest risk score in
 * memory. The contract is in {@code docs/embedding.md}.
 *
 * <p>Undertow and the Prometheus client are optional dependencies of connectors: a module that
 * starts a gateway (the CLI) declares them itself.
 */
package io.telltale.connectors.gateway;
