/**
 * The one alert shape Telltale hands a SIEM: a finding by some analytic (the session scorer, or a
 * CEP pattern) about a session, with severity, evidences and observables. Renderers in
 * {@code io.telltale.connectors.siem} turn it into OCSF, ECS, CEF, LEEF or Splunk HEC.
 */
package io.telltale.core.alert;
