package io.telltale.core.profile;

import java.io.Serializable;

/**
 * Maps a session's distance from its profile (root mean square z-score) onto a deviation in
 * [0, 1]: {@code 1 - exp(-max(0, distance - usualDistance) / scale)}. A session of the owner is
 * at a distance of about one (each feature about one spread from the usual); only the excess
 * counts.
 *
 * @param usualDistance distance up to which a session counts as the owner's
 * @param scale         excess distance at which the deviation reaches {@code 1 - 1/e}
 */
public record ProfileDistanceScale(double usualDistance, double scale) implements Serializable {

    public ProfileDistanceScale {
        if (!(usualDistance >= 0 && scale > 0)) {
            throw new IllegalArgumentException("need usualDistance >= 0 and scale > 0");
        }
    }

    public double deviation(double distance) {
        if (Double.isNaN(distance)) {
            return 0.0;
        }
        return -Math.expm1(-Math.max(0.0, distance - usualDistance) / scale);
    }
}
