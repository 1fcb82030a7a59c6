package io.telltale.core.scoring;

/** Binary search over sorted values: where a value falls among them, for quantiles and rates. */
public final class SortedValues {

    private SortedValues() {}

    /** How many of {@code sorted} are strictly below {@code value}. */
    public static int countBelow(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of {@code sorted} are at or below {@code value}. */
    public static int countAtOrBelow(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
