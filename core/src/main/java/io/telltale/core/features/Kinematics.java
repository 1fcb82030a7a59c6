package io.telltale.core.features;

/**
 * Lengths of pixel displacements, and finite differences on speed samples. A speed sample is a
 * segment's speed stamped at the segment's mid time; times are carried doubled ({@code t1 + t2})
 * so they stay exact integers.
 */
final class Kinematics {
    private Kinematics() {}

    /** Below this a side, the sum of two squares is exact in a double (under 2^53). */
    private static final long EXACT_SQUARES_BELOW = 1L << 26;

    /**
     * The length of an integer displacement: {@link Math#hypot}'s value at a fraction of its cost
     * (hypot was 11 % of the parser thread's profile, docs/benchmarks.md). Below 2^26 px a side
     * the sum of squares is exact and its square root correctly rounded; hypot gave the very same
     * double for every displacement tried (all of them up to 16,384 px a side, 400 million random
     * ones below 2^26), so no feature moves. Larger ones are left to hypot.
     */
    static double length(long dx, long dy) {
        if (Math.abs(dx) < EXACT_SQUARES_BELOW && Math.abs(dy) < EXACT_SQUARES_BELOW) {
            return Math.sqrt((double) (dx * dx + dy * dy));
        }
        return Math.hypot(dx, dy);
    }

    /** px/ms² between two consecutive speed samples. Mid times of positive-length segments differ. */
    static double acceleration(double v1, long twiceMid1, double v2, long twiceMid2) {
        return (v2 - v1) / ((twiceMid2 - twiceMid1) / 2.0);
    }

    /** px/ms³ over three consecutive speed samples, the accelerations stamped at their mid times. */
    static double jerk(double v1, long twiceMid1, double v2, long twiceMid2, double v3, long twiceMid3) {
        double a12 = acceleration(v1, twiceMid1, v2, twiceMid2);
        double a23 = acceleration(v2, twiceMid2, v3, twiceMid3);
        // the acceleration times are (m1+m2)/2 and (m2+m3)/2; their difference is (m3-m1)/2
        return (a23 - a12) / ((twiceMid3 - twiceMid1) / 4.0);
    }
}
