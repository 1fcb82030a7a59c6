/**
 * Per-user behaviour profiles for continuous authentication: what an account's own sessions
 * usually look like ({@link io.telltale.core.profile.BehaviourProfile}) and how far a session is
 * from it ({@link io.telltale.core.profile.ProfileDeviation}). Plain Java; the job keeps one
 * profile per user id in keyed state.
 */
package io.telltale.core.profile;
