package io.telltale.cep.pattern;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/** The validated parameter values of one pattern, typed. Immutable. */
public final class PatternParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String patternId;
    private final LinkedHashMap<String, Object> values;

    private PatternParameters(String patternId, LinkedHashMap<String, Object> values) {
        this.patternId = patternId;
        this.values = values;
    }

    /**
     * Every parameter of {@code pattern}: its default, overridden by {@code overrides} (text).
     *
     * @throws IllegalArgumentException naming the pattern and each unknown or invalid parameter
     */
    public static PatternParameters of(CrossSessionPattern pattern, Map<String, String> overrides) {
        List<Parameter> specs = pattern.parameters();
        StringBuilder errors = new StringBuilder();
        for (String name : overrides.keySet()) {
            if (specs.stream().noneMatch(p -> p.name().equals(name))) {
                errors.append("\n  unknown parameter '").append(name).append("'; known: ")
                        .append(specs.stream().map(Parameter::name).toList());
            }
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (Parameter spec : specs) {
            String text = overrides.getOrDefault(spec.name(), spec.defaultValue());
            try {
                values.put(spec.name(), spec.parse(text));
            } catch (IllegalArgumentException e) {
                errors.append("\n  ").append(e.getMessage());
            }
        }
        if (errors.length() > 0) {
            throw new IllegalArgumentException("pattern '" + pattern.id() + "':" + errors);
        }
        return new PatternParameters(pattern.id(), values);
    }

    public static PatternParameters defaults(CrossSessionPattern pattern) {
        return of(pattern, Map.of());
    }

    public String patternId() {
        return patternId;
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double decimal(String name) {
        return (Double) get(name);
    }

    public Duration duration(String name) {
        return (Duration) get(name);
    }

    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> words(String name) {
        return (List<String>) get(name);
    }

    /** The values as text, for a finding's evidence. */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((k, v) -> text.put(k, v instanceof Duration d ? TimeUtils.formatWithHighestUnit(d)
                : v instanceof List<?> words ? String.join(",", words.stream().map(Object::toString).toList())
                : v.toString()));
        return text;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("pattern '" + patternId + "' has no parameter '" + name + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return patternId + asText();
    }
}
