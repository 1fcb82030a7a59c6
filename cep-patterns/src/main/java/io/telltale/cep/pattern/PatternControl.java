package io.telltale.cep.pattern;

import java.io.Serializable;
import java.util.Map;

/**
 * A change to a running pattern, from the control topic: switch it off or on, or give parameters
 * marked {@linkplain Parameter#atRuntime() changeable at runtime} new values. Validated against the
 * patterns the job runs before it is broadcast ({@link RuntimeParameters#check}).
 *
 * @param patternId  the pattern's id
 * @param enabled    whether the pattern matches from now on; null to leave it as it is
 * @param parameters new values as text, as the YAML file would give them; empty to change none
 */
public record PatternControl(String patternId, Boolean enabled, Map<String, String> parameters) implements Serializable {

    public PatternControl {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** This control followed by {@code later} for the same pattern: later values win. */
    public PatternControl then(PatternControl later) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(parameters);
        merged.putAll(later.parameters());
        return new PatternControl(patternId, later.enabled() != null ? later.enabled() : enabled, merged);
    }
}
