package io.telltale.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.evaluation.Evaluation.ArtefactRow;
import io.telltale.evaluation.Evaluation.HumanRow;
import io.telltale.evaluation.Evaluation.Result;
import io.telltale.evaluation.Evaluation.Row;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes an evaluation as {@code evaluation.md}, {@code evaluation.json} and {@code evaluation-scores.png}. */
public final class EvaluationReport {

    public static final String MARKDOWN = "evaluation.md";
    public static final String JSON = "evaluation.json";
    public static final String PLOT = "evaluation-scores.png";

    static final int BINS = 20;

    private EvaluationReport() {}

    public static void write(Result result, Path dir, String command, Duration elapsed) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), json(result, command), StandardCharsets.UTF_8);
        plot(result, dir.resolve(PLOT));
        Files.writeString(dir.resolve(MARKDOWN), markdown(result, command, elapsed), StandardCharsets.UTF_8);
    }

    /** The machine-readable result: everything but the raw score arrays. */
    static String json(Result result, String command) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", result.model());
        root.put("command", command);
        root.put("scoringPath", "core: SessionFeatureAccumulator + model.assess (what SessionScorer calls), as the job's session window");
        root.put("folds", result.folds());
        ObjectNode settings = root.putObject("settings");
        settings.put("botSessionsPerFamily", result.settings().botSessions());
        settings.put("botSessionSeconds", result.settings().botLength().toSeconds());
        settings.put("seed", result.settings().seed());
        root.set("recordings", mapper.valueToTree(result.recordings()));
        root.set("captureMedianIntervalMs", mapper.valueToTree(result.captureMedianIntervalMs()));
        root.set("humans", mapper.valueToTree(result.humans()));
        root.set("rows", mapper.valueToTree(result.rows()));
        root.set("artefactCheck", mapper.valueToTree(result.artefacts()));
        root.set("dropped", mapper.valueToTree(result.drops()));
        return mapper.writeValueAsString(root) + "\n";
    }

    /** Score histograms per source, capture-matched, 60 s windows: humans and every family. */
    static void plot(Result result, Path png) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String key : result.matched60sScores().keySet()) {
            String source = key.substring(0, key.indexOf(" / "));
            if (!sources.contains(source)) {
                sources.add(source);
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (String source : sources) {
            XYChart chart = new XYChartBuilder().width(640).height(420)
                    .title(source + ": scores, 60 s windows, capture-matched")
                    .xAxisTitle("score").yAxisTitle("share of windows").build();
            chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(9f));
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            for (Map.Entry<String, double[]> e : result.matched60sScores().entrySet()) {
                if (!e.getKey().startsWith(source + " / ") || e.getValue().length == 0) {
                    continue;
                }
                String name = e.getKey().substring(source.length() + 3);
                double[] x = new double[BINS];
                double[] y = new double[BINS];
                for (int i = 0; i < BINS; i++) {
                    x[i] = (i + 0.5) / BINS;
                }
                for (double s : e.getValue()) {
                    y[Math.min(BINS - 1, (int) (s * BINS))] += 1.0 / e.getValue().length;
                }
                var series = chart.addSeries(name + " (" + e.getValue().length + ")", x, y);
                series.setMarker(SeriesMarkers.NONE);
                if (name.equals(Recording.HUMAN)) {
                    series.setLineColor(Color.BLACK);
                    series.setLineWidth(3f);
                }
            }
            charts.add(chart);
        }
        BitmapEncoder.saveBitmap(new ArrayList<>(charts), 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static String markdown(Result r, String command, Duration elapsed) {
        StringBuilder md = new StringBuilder();
        md.append(EvaluationText.header(r, command, elapsed));
        md.append("\n## Headline: capture-matched, 60 s of interaction\n\n");
        md.append(r.folds() == 0
                ? "Every human is scored; `" + r.model() + "` is not trained (see [Model and splits](#model-and-splits)).\n\n"
                : "Held-out users and, for generated families, a family left out of training (see [Model and splits](#model-and-splits)).\n\n");
        rowTable(md, r.rows().stream().filter(x -> x.mode().equals(Evaluation.MATCHED) && x.window().equals("60s")).toList());
        md.append("\n## Humans: how often each would be challenged or blocked\n\n");
        md.append("| source | window | units | users | judged | challenged (>= 0.5) | blocked (>= 0.8) | highest score |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (HumanRow h : r.humans()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s |%n", h.source(), h.window(),
                    h.units(), h.users(), pct(h.judged()), pct(h.fprChallenge()), pct(h.fprBlock()), dec(h.maxScore())));
        }
        md.append(EvaluationText.HUMAN_NOTES);
        if (r.folds() > 0) {
            md.append("\n## Capture-matched, 60 s, family seen in training\n\n");
            rowTable(md, r.rows().stream().filter(x -> x.mode().equals(Evaluation.MATCHED_SEEN) && x.window().equals("60s")).toList());
        }
        for (String window : List.of("15s", "session")) {
            md.append("\n## Capture-matched, ").append(window.equals("session") ? "whole sessions" : window + " windows").append("\n\n");
            rowTable(md, r.rows().stream().filter(x -> x.mode().equals(Evaluation.MATCHED) && x.window().equals(window)).toList());
        }
        for (String window : List.of("15s", "60s", "session")) {
            md.append("\n## Raw (as recorded, bots with their device tells), ")
                    .append(window.equals("session") ? "whole sessions" : window + " windows").append("\n\n");
            rowTable(md, r.rows().stream().filter(x -> x.mode().equals(Evaluation.RAW) && x.window().equals(window)).toList());
        }
        md.append(EvaluationText.ARTEFACT_INTRO);
        md.append("| comparison | feature | n a | n b | AUC |\n|---|---|---:|---:|---:|\n");
        for (ArtefactRow a : r.artefacts()) {
            String feature = a.feature().equals(Evaluation.SCORE) ? "**score (" + r.model() + ")**" : a.feature();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s |%n", a.comparison(), feature, a.a(), a.b(), dec(a.auc())));
        }
        md.append(EvaluationText.ARTEFACT_NOTES);
        md.append("\n## What the adapters dropped or merged\n\n| source | what | count |\n|---|---|---:|\n");
        r.drops().forEach((source, reasons) -> reasons.forEach((reason, n) ->
                md.append(String.format(Locale.ROOT, "| %s | %s | %d |%n", source, reason, n))));
        md.append(EvaluationText.FOOTER);
        return md.toString();
    }

    private static void rowTable(StringBuilder md, List<Row> rows) {
        md.append("| human source | bot family | humans | bots | bots judged | ROC AUC | TPR @ 1% FPR | TPR @ 0.1% FPR | bots challenged | bots blocked |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row x : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s%s | %d | %d | %s | %s | %s | %s | %s | %s |%n", x.source(), x.family(),
                    x.unseenRealBot() ? " (real, unseen)" : "", x.humans(), x.bots(), pct(x.botsJudged()), dec(x.auc()),
                    pct(x.tprAt1pctFpr()), pct(x.tprAt01pctFpr()), pct(x.botsChallenged()), pct(x.botsBlocked())));
        }
    }

    static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String dec(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Reads a written {@code evaluation.json}. */
    public static JsonNode read(Path json) throws IOException {
        return new ObjectMapper().readTree(json.toFile());
    }

    static ArrayNode rows(JsonNode root) {
        return (ArrayNode) root.get("rows");
    }
}
