/**
 * Alerts on the wire for SIEMs: OCSF Detection Finding (canonical), Elastic ECS, ArcSight CEF,
 * QRadar LEEF 2.0 and the Splunk HEC event envelope, each escaping hostile values by its own
 * specification. docs/alerts.md shows an example of each.
 */
package io.telltale.connectors.siem;
