package io.telltale.evaluation;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.features.SessionFeatureAccumulator;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.RiskModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.TelemetryBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the evaluation's core path gives the job's scores: the final scores {@code telltale
 * score --final-only} wrote for a batches file, against {@link SessionFeatureAccumulator} +
 * {@link SessionScorer} over the same file, session by session.
 */
public final class ScoreAgreement {

    /** Scores agree when they differ by no more than this (the accumulator's merge is exact to 1e-9). */
    public static final double TOLERANCE = 1e-6;

    public record Result(int sessions, int jobScores, int missing, int duplicated, int disagreeing, double maxDifference) {
        public boolean agrees() {
            return sessions > 0 && missing == 0 && duplicated == 0 && disagreeing == 0;
        }
    }

    private ScoreAgreement() {}

    public static Result compare(Path batchesNdjson, Path scoresNdjson, RiskModel model) throws IOException {
        TelemetryBatchSerde batchSerde = new TelemetryBatchSerde();
        Map<String, List<TelemetryBatch>> sessions = new HashMap<>();
        for (String line : lines(batchesNdjson)) {
            try {
                TelemetryBatch b = batchSerde.deserialize(line.getBytes(StandardCharsets.UTF_8));
                sessions.computeIfAbsent(b.sessionId(), s -> new ArrayList<>()).add(b);
            } catch (InvalidRecordException e) {
                throw new IOException("batch the job would dead-letter: " + e.getMessage(), e);
            }
        }
        RiskScoreSerde scoreSerde = new RiskScoreSerde();
        Map<String, Double> job = new HashMap<>();
        int duplicated = 0;
        int jobScores = 0;
        for (String line : lines(scoresNdjson)) {
            try {
                RiskScore s = scoreSerde.deserialize(line.getBytes(StandardCharsets.UTF_8));
                if (s.isFinal()) {
                    jobScores++;
                    if (job.put(s.sessionId(), s.score()) != null) {
                        duplicated++;
                    }
                }
            } catch (InvalidRecordException e) {
                throw new IOException("unreadable risk score: " + e.getMessage(), e);
            }
        }
        SessionScorer scorer = new SessionScorer(model, ActionThresholds.DEFAULT);
        int missing = 0;
        int disagreeing = 0;
        double max = 0;
        for (Map.Entry<String, List<TelemetryBatch>> e : sessions.entrySet()) {
            List<TelemetryBatch> batches = e.getValue();
            batches.sort(Comparator.comparingLong(TelemetryBatch::sequence));
            SessionFeatureAccumulator accumulator = new SessionFeatureAccumulator();
            batches.forEach(accumulator::add);
            double core = scorer.score(e.getKey(), accumulator, 0, 1, true, 0).score();
            Double fromJob = job.get(e.getKey());
            if (fromJob == null) {
                missing++;
                continue;
            }
            double difference = Math.abs(core - fromJob);
            max = Math.max(max, difference);
            if (difference > TOLERANCE) {
                disagreeing++;
            }
        }
        return new Result(sessions.size(), jobScores, missing, duplicated, disagreeing, max);
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
