package io.telltale.cep.job;

import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.pattern.RuntimeParameters;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * The control-topic side of a pattern's operators: folds accepted controls into broadcast state and
 * turns that state into the {@link RuntimeParameters} in force, rebuilt only when it changed.
 */
final class RuntimeControl implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PatternSettings.Enabled pattern;
    private transient PatternControl seen;
    private transient RuntimeParameters current;

    RuntimeControl(PatternSettings.Enabled pattern) {
        this.pattern = pattern;
    }

    /** The parameters in force given the pattern's merged control, or null if none came yet. */
    RuntimeParameters now(PatternControl merged) {
        if (current == null || !Objects.equals(merged, seen)) {
            current = merged == null ? RuntimeParameters.atStartUp(pattern) : RuntimeParameters.atStartUp(pattern).with(merged);
            seen = merged;
        }
        return current;
    }

    /** Merges {@code change} into the state, if it is for this pattern. */
    static void remember(PatternControl change, PatternSettings.Enabled pattern,
            BroadcastState<String, PatternControl> controls) throws Exception {
        String id = pattern.pattern().id();
        if (!change.patternId().equals(id)) {
            return;
        }
        PatternControl before = controls.get(id);
        controls.put(id, before == null ? change : before.then(change));
    }
}
