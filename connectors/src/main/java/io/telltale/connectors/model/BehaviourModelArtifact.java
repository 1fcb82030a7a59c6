package io.telltale.connectors.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.core.features.Feature;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained {@link BehaviourModel} as a plain JSON artifact: what {@code telltale train} writes and
 * the job reads. Learned parameters only, no training library needed to score:
 *
 * <pre>
 * {"format": "telltale-behaviour-model", "formatVersion": 1, "version": "behaviour-v3",
 *  "training": {...how it was trained...},
 *  "noveltyZ": 2.5, "noveltyWeight": 0.4, "intercept": -1.2,
 *  "inputs": [{"feature": "mouse_speed_cv", "weight": -0.8, "missingWeight": 0.0, "humanQuantiles": [101 numbers]}],
 *  "calibration": {"raw": [...], "score": [...]}}
 * </pre>
 *
 * Device tells are not learned: they come from {@code human-norms-v1} at load time.
 */
public final class BehaviourModelArtifact {

    public static final String FORMAT = "telltale-behaviour-model";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BehaviourModelArtifact() {}

    public static void write(BehaviourModel model, Map<String, Object> training, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("version", model.version());
        root.set("training", MAPPER.valueToTree(training));
        root.put("noveltyZ", BehaviourModel.NOVELTY_Z);
        root.put("noveltyWeight", model.noveltyWeight());
        root.put("intercept", model.intercept());
        ArrayNode inputs = root.putArray("inputs");
        for (BehaviourModel.Input input : model.inputs()) {
            ObjectNode node = inputs.addObject();
            node.put("feature", input.feature().key());
            node.put("weight", input.weight());
            node.put("missingWeight", input.missingWeight());
            ArrayNode grid = node.putArray("humanQuantiles");
            for (double q : input.humanQuantiles()) {
                grid.add(q);
            }
        }
        ObjectNode calibration = root.putObject("calibration");
        ArrayNode raw = calibration.putArray("raw");
        for (double r : model.calibrationRaw()) {
            raw.add(r);
        }
        ArrayNode score = calibration.putArray("score");
        for (double s : model.calibrationScore()) {
            score.add(s);
        }
        out.write(MAPPER.writeValueAsBytes(root));
        out.write('\n');
    }

    /** @throws IOException if the artifact is not JSON, not this format, or names an unknown feature */
    public static BehaviourModel read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a " + FORMAT + " artifact");
        }
        if (root.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IOException("artifact format version " + root.path("formatVersion").asInt()
                    + " is not supported, this build reads " + FORMAT_VERSION);
        }
        if (root.path("noveltyZ").asDouble() != BehaviourModel.NOVELTY_Z) {
            throw new IOException("artifact was trained with noveltyZ " + root.path("noveltyZ").asDouble()
                    + ", this build scores with " + BehaviourModel.NOVELTY_Z);
        }
        List<BehaviourModel.Input> inputs = new ArrayList<>();
        for (JsonNode node : root.path("inputs")) {
            inputs.add(new BehaviourModel.Input(feature(node.path("feature").asText()), doubles(node.path("humanQuantiles")),
                    node.path("weight").asDouble(), node.path("missingWeight").asDouble()));
        }
        List<HumanNorm> device = HumanNormsModel.standard().norms().stream().filter(HumanNorm::device).toList();
        try {
            return new BehaviourModel(root.path("version").asText(), inputs, root.path("noveltyWeight").asDouble(),
                    root.path("intercept").asDouble(), doubles(root.path("calibration").path("raw")),
                    doubles(root.path("calibration").path("score")), device);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid " + FORMAT + ": " + e.getMessage(), e);
        }
    }

    private static Feature feature(String key) throws IOException {
        for (Feature feature : Feature.values()) {
            if (feature.key().equals(key)) {
                return feature;
            }
        }
        throw new IOException("artifact names an unknown feature: " + key);
    }

    private static double[] doubles(JsonNode array) throws IOException {
        if (!array.isArray()) {
            throw new IOException("expected an array of numbers");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IOException("expected a number, got " + array.get(i));
            }
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
