package io.telltale.cep.pattern;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running pattern currently runs with: its start-up parameters with every accepted
 * {@link PatternControl} applied in order, and whether it is on. Plain Java; the Flink functions
 * keep the controls in broadcast state and rebuild this from them.
 */
public final class RuntimeParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PatternSettings.Enabled pattern;
    private final boolean enabled;
    private final PatternParameters parameters;

    private RuntimeParameters(PatternSettings.Enabled pattern, boolean enabled, PatternParameters parameters) {
        this.pattern = pattern;
        this.enabled = enabled;
        this.parameters = parameters;
    }

    /** As the job started: on, with the YAML file's parameters. */
    public static RuntimeParameters atStartUp(PatternSettings.Enabled pattern) {
        return new RuntimeParameters(pattern, true, pattern.parameters());
    }

    public boolean enabled() {
        return enabled;
    }

    public PatternParameters parameters() {
        return parameters;
    }

    /** With {@code control} applied; it must have passed {@link #check}. */
    public RuntimeParameters with(PatternControl control) {
        if (!control.patternId().equals(pattern.pattern().id())) {
            return this;
        }
        Map<String, String> values = new LinkedHashMap<>(parameters.asText());
        values.putAll(control.parameters());
        return new RuntimeParameters(pattern, control.enabled() == null ? enabled : control.enabled(),
                PatternParameters.of(pattern.pattern(), values));
    }

    /**
     * Whether {@code control} may be applied to a job running {@code running}.
     *
     * @throws IllegalArgumentException saying what is wrong, for the dead letter
     */
    public static void check(PatternControl control, List<PatternSettings.Enabled> running) {
        PatternSettings.Enabled target = running.stream()
                .filter(e -> e.pattern().id().equals(control.patternId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pattern '" + control.patternId()
                        + "' is not running in this job; running: "
                        + running.stream().map(e -> e.pattern().id()).toList()
                        + " (a pattern disabled at start-up or missing its IP database starts only with a restart)"));
        CrossSessionPattern pattern = target.pattern();
        StringBuilder errors = new StringBuilder();
        for (String name : control.parameters().keySet()) {
            Parameter spec = pattern.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (spec != null && !spec.changeableAtRuntime()) {
                errors.append("\n  parameter '").append(name).append("' shapes the CEP pattern and changes only with a"
                        + " savepoint restart; changeable at runtime: ")
                        .append(pattern.parameters().stream().filter(Parameter::changeableAtRuntime)
                                .map(Parameter::name).toList());
            }
        }
        if (errors.length() > 0) {
            throw new IllegalArgumentException("pattern '" + pattern.id() + "':" + errors);
        }
        PatternParameters.of(pattern, control.parameters()); // unknown names and bad values, with bounds
    }
}
