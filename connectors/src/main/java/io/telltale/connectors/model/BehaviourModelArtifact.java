package io.telltale.connectors.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.core.features.Feature;
import io.telltale.core.scoring.BehaviourModel;
import io.telltale.core.scoring.CombinedModel;
import io.telltale.core.scoring.HumanNorm;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained model as a plain JSON artifact: what {@code telltale train} writes and the job reads.
 * Learned parameters only, no training library needed to score. A {@link BehaviourModel}:
 *
 * <pre>
 * {"format": "telltale-behaviour-model", "formatVersion": 1, "version": "behaviour-v4",
 *  "training": {...how it was trained...},
 *  "noveltyZ": 2.5, "noveltyWeight": 0.4, "intercept": -1.2,
 *  "inputs": [{"feature": "mouse_speed_cv", "weight": -0.8, "missingWeight": 0.0, "humanQuantiles": [101 numbers]}],
 *  "calibration": {"raw": [...], "score": [...]}}
 * </pre>
 *
 * or a {@link CombinedModel} (format version 2, which a build reading only version 1 refuses
 * rather than drop the baseline): the built-in baseline it names and its supervised parts, each
 * with the parameters above:
 *
 * <pre>
 * {"format": "telltale-behaviour-model", "formatVersion": 2, "version": "combined-v1",
 *  "baseline": "human-norms-v1", "training": {...}, "noveltyZ": 2.5,
 *  "supervised": [{"version": "combined-v1/supervised/pointer", "noveltyWeight": 0, "intercept": ..., "inputs": [...],
 *                  "calibration": {...}}, ...]}
 * </pre>
 *
 * Device tells are not learned: they come from {@code human-norms-v1} at load time (a combined
 * model's supervised parts have none; its baseline counts them).
 */
public final class BehaviourModelArtifact {

    public static final String FORMAT = "telltale-behaviour-model";
    public static final int FORMAT_VERSION = 1;
    /** A combined model: an older build, reading only {@link #FORMAT_VERSION}, refuses it rather than drop the baseline. */
    public static final int COMBINED_FORMAT_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BehaviourModelArtifact() {}

    /** @param trained a {@link BehaviourModel} or a {@link CombinedModel} */
    public static void write(RiskModel trained, Map<String, Object> training, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        if (trained instanceof CombinedModel combined) {
            root.put("formatVersion", COMBINED_FORMAT_VERSION);
            root.put("version", combined.version());
            root.put("baseline", combined.baseline().version());
            root.set("training", MAPPER.valueToTree(training));
            root.put("noveltyZ", BehaviourModel.NOVELTY_Z);
            ArrayNode parts = root.putArray("supervised");
            for (BehaviourModel part : combined.supervised()) {
                ObjectNode node = parts.addObject();
                node.put("version", part.version());
                writeParameters(part, node);
            }
        } else if (trained instanceof BehaviourModel behaviour) {
            root.put("formatVersion", FORMAT_VERSION);
            root.put("version", behaviour.version());
            root.set("training", MAPPER.valueToTree(training));
            root.put("noveltyZ", BehaviourModel.NOVELTY_Z);
            writeParameters(behaviour, root);
        } else {
            throw new IllegalArgumentException("not a trained model: " + trained.version());
        }
        out.write(MAPPER.writeValueAsBytes(root));
        out.write('\n');
    }

    private static void writeParameters(BehaviourModel model, ObjectNode root) {
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
    }

    /** Where {@link #load} finds an artifact packed into a jar rather than on a file system. */
    public static final String CLASSPATH_SCHEME = "classpath:";

    /**
     * Reads the artifact at {@code location}: {@code classpath:<resource>} from the context class
     * loader (the job jar's, on a cluster), anything else as a path or URI through Flink's file
     * systems (a local path, {@code file://}, {@code s3://}, {@code hdfs://} with its plugin).
     *
     * @throws IOException if there is nothing at the location or it is not a valid artifact
     */
    public static RiskModel load(String location) throws IOException {
        try (InputStream in = open(location)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("cannot read the model at " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH_SCHEME)) {
            String resource = location.substring(CLASSPATH_SCHEME.length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : BehaviourModelArtifact.class.getClassLoader())
                    .getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such resource on the classpath: " + resource);
            }
            return in;
        }
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(location);
        return path.getFileSystem().open(path);
    }

    /**
     * @throws IOException if the artifact is not JSON, not this format, names an unknown feature or
     *     a baseline other than the built-in one
     */
    public static RiskModel read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a " + FORMAT + " artifact");
        }
        int formatVersion = root.path("formatVersion").asInt();
        if (formatVersion != FORMAT_VERSION && formatVersion != COMBINED_FORMAT_VERSION) {
            throw new IOException("artifact format version " + formatVersion
                    + " is not supported, this build reads " + FORMAT_VERSION + " and " + COMBINED_FORMAT_VERSION);
        }
        if (root.path("noveltyZ").asDouble() != BehaviourModel.NOVELTY_Z) {
            throw new IOException("artifact was trained with noveltyZ " + root.path("noveltyZ").asDouble()
                    + ", this build scores with " + BehaviourModel.NOVELTY_Z);
        }
        HumanNormsModel norms = HumanNormsModel.standard();
        String version = root.path("version").asText();
        if (formatVersion == FORMAT_VERSION) {
            return readParameters(version, root, norms.norms().stream().filter(HumanNorm::device).toList());
        }
        if (!norms.version().equals(root.path("baseline").asText())) {
            throw new IOException("artifact combines the baseline " + root.path("baseline").asText()
                    + ", this build has " + norms.version());
        }
        List<BehaviourModel> parts = new ArrayList<>();
        for (JsonNode node : root.path("supervised")) {
            parts.add(readParameters(node.path("version").asText(), node, List.of()));
        }
        if (parts.isEmpty()) {
            throw new IOException("invalid " + FORMAT + ": a combined model needs a supervised part");
        }
        return new CombinedModel(version, norms, parts);
    }

    private static BehaviourModel readParameters(String version, JsonNode root, List<HumanNorm> device) throws IOException {
        List<BehaviourModel.Input> inputs = new ArrayList<>();
        for (JsonNode node : root.path("inputs")) {
            inputs.add(new BehaviourModel.Input(feature(node.path("feature").asText()), doubles(node.path("humanQuantiles")),
                    node.path("weight").asDouble(), node.path("missingWeight").asDouble()));
        }
        try {
            return new BehaviourModel(version, inputs, root.path("noveltyWeight").asDouble(), root.path("intercept").asDouble(),
                    doubles(root.path("calibration").path("raw")), doubles(root.path("calibration").path("score")), device);
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
