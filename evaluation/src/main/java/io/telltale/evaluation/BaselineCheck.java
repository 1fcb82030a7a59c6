package io.telltale.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a fresh evaluation: the model's score must not tell human recordings apart by capture
 * alone (artefact-check AUC within {@link #CAPTURE_AUC_MARGIN} of 0.5), and against the committed
 * evaluation: a capture-matched figure (ROC AUC, TPR at
 * 1 % and 0.1 % FPR) that falls, or a human false-positive rate at the challenge or block
 * threshold that rises, by more than {@link #TOLERANCE}, is a regression; so is a row that
 * disappeared. Figures that improve pass; commit the new {@code evaluation.json} to keep them.
 */
public final class BaselineCheck {

    /** The evaluation is deterministic (seeded); this only absorbs small changes in generated bots. */
    public static final double TOLERANCE = 0.005;
    /** How far from chance the score may separate two captures of the same kind of people. */
    public static final double CAPTURE_AUC_MARGIN = 0.05;

    private BaselineCheck() {}

    /** @return one line per regression; empty when none */
    public static List<String> regressions(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> now = new HashMap<>();
        for (JsonNode row : current.get("rows")) {
            now.put(rowKey(row), row);
        }
        for (JsonNode row : baseline.get("rows")) {
            if (!Evaluation.MATCHED.equals(row.path("mode").asText())) {
                continue;
            }
            JsonNode fresh = now.get(rowKey(row));
            if (fresh == null) {
                problems.add("row gone: " + rowKey(row));
                continue;
            }
            for (String figure : List.of("auc", "tprAt1pctFpr", "tprAt01pctFpr")) {
                higherIsBetter(problems, rowKey(row), figure, row.get(figure), fresh.get(figure));
            }
        }
        Map<String, JsonNode> humansNow = new HashMap<>();
        for (JsonNode row : current.get("humans")) {
            humansNow.put(humanKey(row), row);
        }
        for (JsonNode row : baseline.get("humans")) {
            JsonNode fresh = humansNow.get(humanKey(row));
            if (fresh == null) {
                problems.add("human row gone: " + humanKey(row));
                continue;
            }
            for (String figure : List.of("fprChallenge", "fprBlock")) {
                double before = value(row.get(figure));
                double after = value(fresh.get(figure));
                if (after > before + TOLERANCE) {
                    problems.add(String.format(Locale.ROOT, "%s %s rose from %.4f to %.4f", humanKey(row), figure, before, after));
                }
            }
        }
        for (JsonNode row : current.path("artefactCheck")) {
            if (row.path("captureOnly").asBoolean() && Evaluation.SCORE.equals(row.path("feature").asText())
                    && Math.abs(row.path("auc").asDouble(0.5) - 0.5) > CAPTURE_AUC_MARGIN) {
                problems.add(String.format(Locale.ROOT, "the score tells captures apart (AUC %.3f): %s",
                        row.path("auc").asDouble(), row.path("comparison").asText()));
            }
        }
        return problems;
    }

    private static void higherIsBetter(List<String> problems, String key, String figure, JsonNode before, JsonNode after) {
        if (before == null || before.isNull()) {
            return;
        }
        double b = before.asDouble();
        double a = after == null || after.isNull() ? Double.NEGATIVE_INFINITY : after.asDouble();
        if (a < b - TOLERANCE) {
            problems.add(String.format(Locale.ROOT, "%s %s fell from %.4f to %.4f", key, figure, b, a));
        }
    }

    private static double value(JsonNode node) {
        return node == null || node.isNull() ? 0.0 : node.asDouble();
    }

    static String rowKey(JsonNode row) {
        return row.path("mode").asText() + " " + row.path("source").asText() + " " + row.path("family").asText() + " "
                + row.path("window").asText();
    }

    static String humanKey(JsonNode row) {
        return "humans " + row.path("source").asText() + " " + row.path("window").asText();
    }
}
