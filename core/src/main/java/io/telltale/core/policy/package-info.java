/**
 * Policies that turn a risk score into an action per route, with allowlists, monitor-only mode and
 * the hysteresis that keeps a session from raising an alert on every score. Plain Java: the Flink
 * function in {@code io.telltale.job.functions.PolicyEnforcer} only calls into these classes.
 */
package io.telltale.core.policy;
