package io.telltale.cep.pattern;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.util.TimeUtils;

/**
 * A tunable parameter of a pattern: name, kind, default, bounds and what it means. Values come as
 * text from the YAML file or the command line and are checked by {@link #parse}.
 */
public record Parameter(String name, Kind kind, String defaultValue, double min, double max, List<String> choices,
        String description, boolean changeableAtRuntime) implements Serializable {

    public Parameter(String name, Kind kind, String defaultValue, double min, double max, List<String> choices,
            String description) {
        this(name, kind, defaultValue, min, max, choices, description, false);
    }

    /**
     * This parameter, marked as changeable through the control topic while the job runs. Only a
     * parameter read outside the CEP pattern qualifies — in {@code keysOf} or {@code confirms}: the
     * pattern itself is compiled at start-up, and a threshold inside it changes with a restart.
     */
    public Parameter atRuntime() {
        return new Parameter(name, kind, defaultValue, min, max, choices, description, true);
    }

    public enum Kind { INTEGER, DECIMAL, DURATION, FLAG, CHOICE, WORDS }

    public static Parameter integer(String name, int defaultValue, int min, int max, String description) {
        return new Parameter(name, Kind.INTEGER, Integer.toString(defaultValue), min, max, List.of(), description);
    }

    public static Parameter decimal(String name, double defaultValue, double min, double max, String description) {
        return new Parameter(name, Kind.DECIMAL, Double.toString(defaultValue), min, max, List.of(), description);
    }

    /** Bounds in milliseconds. */
    public static Parameter duration(String name, Duration defaultValue, Duration min, Duration max, String description) {
        return new Parameter(name, Kind.DURATION, TimeUtils.formatWithHighestUnit(defaultValue), min.toMillis(),
                max.toMillis(), List.of(), description);
    }

    public static Parameter flag(String name, boolean defaultValue, String description) {
        return new Parameter(name, Kind.FLAG, Boolean.toString(defaultValue), 0, 1, List.of(), description);
    }

    public static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
        return new Parameter(name, Kind.CHOICE, defaultValue, 0, 0, List.copyOf(choices), description);
    }

    /** A comma-separated list of words (letters, digits, '_', '-'), e.g. {@code password, email}; at least one. */
    public static Parameter words(String name, List<String> defaultValue, String description) {
        return new Parameter(name, Kind.WORDS, String.join(",", defaultValue), 0, 0, List.of(), description);
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException saying what was expected, for the start-up error message
     */
    public Object parse(String text) {
        String t = text == null ? "" : text.strip();
        switch (kind) {
            case INTEGER -> {
                int v;
                try {
                    v = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " = '" + t + "' is not a whole number");
                }
                checkRange(v, Integer.toString(v));
                return v;
            }
            case DECIMAL -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " = '" + t + "' is not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + " = '" + t + "' is not a finite number");
                }
                checkRange(v, t);
                return v;
            }
            case DURATION -> {
                Duration d;
                try {
                    d = TimeUtils.parseDuration(t);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException(
                            name + " = '" + t + "' is not a duration (write e.g. '30 min', '2 h', '45 s')");
                }
                if (d.toMillis() < min || d.toMillis() > max) {
                    throw new IllegalArgumentException(name + " = " + t + " is outside "
                            + TimeUtils.formatWithHighestUnit(Duration.ofMillis((long) min)) + " .. "
                            + TimeUtils.formatWithHighestUnit(Duration.ofMillis((long) max)));
                }
                return d;
            }
            case FLAG -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (!l.equals("true") && !l.equals("false")) {
                    throw new IllegalArgumentException(name + " = '" + t + "' must be true or false");
                }
                return Boolean.parseBoolean(l);
            }
            case CHOICE -> {
                if (!choices.contains(t)) {
                    throw new IllegalArgumentException(name + " = '" + t + "' must be one of " + choices);
                }
                return t;
            }
            case WORDS -> {
                List<String> words = java.util.Arrays.stream(t.split(","))
                        .map(w -> w.strip().toLowerCase(Locale.ROOT))
                        .filter(w -> !w.isEmpty())
                        .distinct()
                        .toList();
                if (words.isEmpty() || words.stream().anyMatch(w -> !w.matches("[a-z0-9_-]+"))) {
                    throw new IllegalArgumentException(name + " = '" + t
                            + "' must be one or more comma-separated words of letters, digits, '_' or '-'");
                }
                return words;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private void checkRange(double v, String shown) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " = " + shown + " is outside " + fmt(min) + " .. " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
