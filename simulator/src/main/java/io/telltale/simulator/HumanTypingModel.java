package io.telltale.simulator;

import io.telltale.core.wire.KeyClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How a person types a short text into a field (a search query, an e-mail address, a password).
 *
 * <ul>
 *   <li><b>Flight</b> (keydown to keydown) is log-normal around 150–250 ms; Dhakal et al. 2018
 *       ("Observations on typing from 136 million keystrokes", CHI) report a mean inter-key
 *       interval of about 240 ms over 168,000 typists, with fast typists near 120 ms.</li>
 *   <li><b>Digraphs</b>: keys typed by alternating hands follow faster than keys of the same
 *       hand, and the same finger twice is slowest (Salthouse 1986, "Perceptual, cognitive, and
 *       motoric aspects of transcription typing").</li>
 *   <li><b>Word rhythm</b>: a longer pause after a space, before the next word is retrieved.</li>
 *   <li><b>Dwell</b> (hold time) log-normal around 70–120 ms, as in keystroke-dynamics benchmark
 *       data (Killourhy &amp; Maxion 2009).</li>
 *   <li><b>Corrections</b>: now and then a wrong key, noticed after a few hundred ms, backspaced
 *       and retyped.</li>
 *   <li><b>Shift</b> is pressed before and released after upper-case letters and shifted symbols.</li>
 * </ul>
 */
public final class HumanTypingModel {

    /** Median flight time for this person, ms. */
    private final double flightMedianMs;
    /** Median hold time for this person, ms. */
    private final double dwellMedianMs;

    static final double FLIGHT_SIGMA = 0.35;
    static final double DWELL_SIGMA = 0.25;
    static final double ALTERNATE_HAND_FACTOR = 0.85;
    static final double SAME_FINGER_FACTOR = 1.35;
    static final double WORD_PAUSE_MEDIAN_MS = 120;
    static final double TYPO_PROBABILITY = 0.03;
    static final int NOTICE_TYPO_MIN_MS = 250;
    static final int NOTICE_TYPO_MAX_MS = 700;
    static final int MIN_FLIGHT_MS = 35;
    static final int MIN_DWELL_MS = 30;

    /** Left-hand keys on a QWERTY keyboard (touch typing); everything else is the right hand. */
    private static final String LEFT_HAND = "qwertasdfgzxcvb12345`~!@#$%";
    /** Touch-typing finger columns, left pinky to right pinky. */
    private static final String[] FINGER_COLUMNS = {
        "qaz1", "wsx2", "edc3", "rfvtgb45", "yhnujm67", "ik,8", "ol.9", "p;/0-'[]"
    };

    public HumanTypingModel() {
        this(190, 95);
    }

    public HumanTypingModel(double flightMedianMs, double dwellMedianMs) {
        this.flightMedianMs = flightMedianMs;
        this.dwellMedianMs = dwellMedianMs;
    }

    /** A random typist: median flight 150–250 ms, median dwell 70–120 ms. */
    public static HumanTypingModel randomPerson(Random random) {
        return new HumanTypingModel(
                HumanMotionModel.uniform(random, 150, 250), HumanMotionModel.uniform(random, 70, 120));
    }

    /**
     * Key presses for typing {@code text}, times in ms from the first keydown (which is at 0).
     * Sorted by keydown; presses may overlap (rollover), as with real typists.
     */
    public List<Keystroke> type(CharSequence text, Random random) {
        List<Keystroke> strokes = new ArrayList<>(text.length() * 2);
        double t = 0;
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i > 0) {
                t += flight(previous, c, random);
            }
            if (Character.isLetter(c) && random.nextDouble() < TYPO_PROBABILITY) {
                // A neighbouring key instead, noticed, erased, then the right one.
                t = press(strokes, t, KeyClass.LETTER, false, random);
                t += HumanMotionModel.uniform(random, NOTICE_TYPO_MIN_MS, NOTICE_TYPO_MAX_MS);
                t = press(strokes, t, KeyClass.BACKSPACE, false, random);
                t += flight('\b', c, random);
            }
            t = press(strokes, t, Keystroke.classOf(c), needsShift(c), random);
            previous = c;
        }
        strokes.sort(Comparator.comparingInt(Keystroke::downMs));
        return strokes;
    }

    /** Presses one key (with Shift if needed) at t; returns the time of the character's keydown. */
    private double press(List<Keystroke> strokes, double t, KeyClass keyClass, boolean shift, Random random) {
        int down = (int) Math.round(t);
        int dwell = dwell(random);
        if (shift) {
            int shiftLead = (int) HumanMotionModel.uniform(random, 50, 130);
            int shiftLag = (int) HumanMotionModel.uniform(random, 10, 80);
            down = Math.max(down, shiftLead);
            strokes.add(new Keystroke(down - shiftLead, down + dwell + shiftLag, KeyClass.MODIFIER));
        }
        strokes.add(new Keystroke(down, down + dwell, keyClass));
        return down;
    }

    private double flight(char previous, char next, Random random) {
        double median = flightMedianMs;
        if (previous == ' ') {
            median += WORD_PAUSE_MEDIAN_MS;
        } else if (Character.isLetterOrDigit(previous) && Character.isLetterOrDigit(next)) {
            if (finger(previous) == finger(next) && finger(next) >= 0) {
                median *= SAME_FINGER_FACTOR;
            } else if (isLeft(previous) != isLeft(next)) {
                median *= ALTERNATE_HAND_FACTOR;
            }
        }
        return Math.max(MIN_FLIGHT_MS, median * Math.exp(random.nextGaussian() * FLIGHT_SIGMA));
    }

    private int dwell(Random random) {
        return (int) Math.max(MIN_DWELL_MS, Math.round(dwellMedianMs * Math.exp(random.nextGaussian() * DWELL_SIGMA)));
    }

    private static boolean needsShift(char c) {
        return Character.isUpperCase(c) || "!@#$%^&*()_+{}|:\"<>?~".indexOf(c) >= 0;
    }

    private static boolean isLeft(char c) {
        return LEFT_HAND.indexOf(Character.toLowerCase(c)) >= 0;
    }

    private static int finger(char c) {
        char lower = Character.toLowerCase(c);
        for (int i = 0; i < FINGER_COLUMNS.length; i++) {
            if (FINGER_COLUMNS[i].indexOf(lower) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
