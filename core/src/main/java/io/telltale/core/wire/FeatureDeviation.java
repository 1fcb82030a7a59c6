package io.telltale.core.wire;

/**
 * How one feature of a session compares with the account's history.
 *
 * @param feature wire name of the feature ({@code Feature.key()})
 * @param value   the session's value
 * @param usual   the profile's decayed mean
 * @param spread  the profile's decayed standard deviation, floored (see
 *                {@link io.telltale.core.profile.BehaviourProfile#MIN_RELATIVE_SPREAD})
 * @param z       {@code (value - usual) / spread}, capped at {@link io.telltale.core.profile.BehaviourProfile#MAX_Z} either way
 */
public record FeatureDeviation(String feature, double value, double usual, double spread, double z) {}
