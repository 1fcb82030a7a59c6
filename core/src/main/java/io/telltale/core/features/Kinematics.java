package io.telltale.core.features;

/**
 * Finite differences on speed samples. A speed sample is a segment's speed stamped at the
 * segment's mid time; times are carried doubled ({@code t1 + t2}) so they stay exact integers.
 */
final class Kinematics {
    private Kinematics() {}

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
