package io.telltale.cep.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;

/**
 * Which patterns run and with what parameters, read from YAML and validated at start-up:
 *
 * <pre>
 * patterns:
 *   inventory-hoarding:
 *     enabled: true        # optional, default true
 *     minHolds: 10
 *     window: 30 min
 *   credential-stuffing:
 *     enabled: false
 * </pre>
 *
 * A pattern not named runs with its defaults. Every error in the file is reported at once.
 */
public final class PatternSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * An enabled pattern with its parameters.
     *
     * @throws IllegalArgumentException if its CEP pattern has no {@code within}: a key's partial
     *     matches would then never expire, and state would grow with every key it sees
     */
    public record Enabled(CrossSessionPattern pattern, PatternParameters parameters) implements Serializable {
        public Enabled {
            if (!hasWithin(pattern.pattern(parameters))) {
                throw new IllegalArgumentException("pattern '" + pattern.id() + "': its CEP pattern has no"
                        + " within(...), so its partial matches would never expire (docs/writing-patterns.md)");
            }
        }

        private static boolean hasWithin(Pattern<?, ?> cep) {
            for (Pattern<?, ?> stage = cep; stage != null; stage = stage.getPrevious()) {
                for (WithinType type : WithinType.values()) {
                    if (stage.getWindowSize(type).isPresent()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final List<Enabled> enabled;

    private PatternSettings(List<Enabled> enabled) {
        this.enabled = List.copyOf(enabled);
    }

    public List<Enabled> enabled() {
        return enabled;
    }

    /** Just {@code pattern}, with {@code parameters}. */
    public static PatternSettings only(CrossSessionPattern pattern, PatternParameters parameters) {
        return new PatternSettings(List.of(new Enabled(pattern, parameters)));
    }

    /** Every pattern of {@code catalog} with its defaults. */
    public static PatternSettings defaults(List<CrossSessionPattern> catalog) {
        return new PatternSettings(catalog.stream().map(p -> new Enabled(p, PatternParameters.defaults(p))).toList());
    }

    public static PatternSettings read(Path yaml, List<CrossSessionPattern> catalog) {
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("pattern file " + yaml + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(text, catalog);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern file " + yaml + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException listing every problem */
    public static PatternSettings parse(String yaml, List<CrossSessionPattern> catalog) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage());
        }
        Map<String, CrossSessionPattern> byId = new LinkedHashMap<>();
        catalog.forEach(p -> byId.put(p.id(), p));
        JsonNode patterns = root == null || root.isMissingNode() || root.isNull() ? null : root.get("patterns");
        if (root != null && !root.isNull() && !root.isMissingNode() && (!root.isObject() || patterns == null)) {
            throw new IllegalArgumentException("expected a top-level 'patterns:' mapping");
        }
        List<String> errors = new ArrayList<>();
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        if (patterns != null && !patterns.isNull()) {
            if (!patterns.isObject()) {
                throw new IllegalArgumentException("'patterns' must map pattern ids to their settings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!byId.containsKey(e.getKey())) {
                    errors.add("unknown pattern '" + e.getKey() + "'; known: " + byId.keySet());
                } else if (!e.getValue().isObject() && !e.getValue().isNull()) {
                    errors.add("pattern '" + e.getKey() + "': expected a mapping of parameters");
                } else {
                    sections.put(e.getKey(), e.getValue());
                }
            }
        }
        List<Enabled> enabled = new ArrayList<>();
        for (CrossSessionPattern pattern : catalog) {
            JsonNode section = sections.get(pattern.id());
            Map<String, String> overrides = new LinkedHashMap<>();
            boolean on = true;
            if (section != null && section.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isValueNode()) {
                        errors.add("pattern '" + pattern.id() + "': " + e.getKey() + " must be a single value");
                    } else if (e.getKey().equals("enabled")) {
                        if (!e.getValue().isBoolean()) {
                            errors.add("pattern '" + pattern.id() + "': enabled must be true or false");
                        }
                        on = e.getValue().asBoolean();
                    } else {
                        overrides.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
            try {
                PatternParameters params = PatternParameters.of(pattern, overrides);
                if (on) {
                    enabled.add(new Enabled(pattern, params));
                }
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return new PatternSettings(enabled);
    }
}
