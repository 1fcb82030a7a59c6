package io.telltale.evaluation;

import io.telltale.core.scoring.SortedValues;

import java.util.Arrays;

/**
 * How well scores separate bots from humans: ROC AUC, the true-positive rate at a false-positive
 * budget, and both rates at a fixed threshold. Higher scores mean "bot".
 */
public final class Separation {

    private Separation() {}

    /** P(bot score > human score) + P(tie) / 2 (Mann–Whitney); NaN without both classes. */
    public static double auc(double[] humans, double[] bots) {
        if (humans.length == 0 || bots.length == 0) {
            return Double.NaN;
        }
        double[] h = humans.clone();
        Arrays.sort(h);
        double wins = 0;
        for (double b : bots) {
            int below = SortedValues.countBelow(h, b);
            int notAbove = SortedValues.countAtOrBelow(h, b);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) h.length * bots.length);
    }

    /**
     * The share of bots scored strictly above the threshold that lets at most
     * {@code floor(fpr * humans)} humans through: with 600 humans a 0.1 % budget allows none, so
     * the threshold is the highest human score. NaN without both classes.
     */
    public static double tprAtFpr(double[] humans, double[] bots, double fpr) {
        if (humans.length == 0 || bots.length == 0) {
            return Double.NaN;
        }
        return shareAbove(bots, thresholdForFpr(humans, fpr));
    }

    /** The score that at most {@code floor(fpr * n)} humans exceed: the (k+1)-th highest human score. */
    public static double thresholdForFpr(double[] humans, double fpr) {
        double[] h = humans.clone();
        Arrays.sort(h);
        int allowed = (int) Math.floor(fpr * h.length + 1e-9);
        return allowed >= h.length ? Double.NEGATIVE_INFINITY : h[h.length - 1 - allowed];
    }

    /** Share of scores at or above the threshold (how actions are taken: {@code score >= threshold}). */
    public static double shareAtOrAbove(double[] scores, double threshold) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (double s : scores) {
            if (s >= threshold) {
                n++;
            }
        }
        return (double) n / scores.length;
    }

    static double shareAbove(double[] scores, double threshold) {
        int n = 0;
        for (double s : scores) {
            if (s > threshold) {
                n++;
            }
        }
        return (double) n / scores.length;
    }
}
