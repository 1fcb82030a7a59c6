package io.telltale.evaluation;

import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes normalised recordings as wire-format telemetry batches (NDJSON) for {@code telltale
 * score}: 2–5 s batches ({@link BatchSlicer}), in event-time order across sessions so that the
 * job's watermark sees them as a live stream would, and a sidecar {@code .labels.tsv} naming who
 * is behind each session.
 */
public final class DatasetConversion {

    private DatasetConversion() {}

    /** @return the number of batches written */
    public static int write(List<Recording> recordings, Path ndjson) throws IOException {
        List<TelemetryBatch> batches = new ArrayList<>();
        StringBuilder labels = new StringBuilder("session_id\tuser_id\tsource\tfamily\n");
        for (Recording r : recordings) {
            batches.addAll(BatchSlicer.batches(r));
            labels.append(r.sessionId()).append('\t').append(r.userId()).append('\t').append(r.source()).append('\t')
                    .append(r.family()).append('\n');
        }
        batches.sort(Comparator.comparingLong(TelemetryBatch::startedAt));
        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        Path parent = ndjson.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 16)) {
            for (TelemetryBatch batch : batches) {
                out.write(serde.serialize(batch));
                out.write('\n');
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(labelsFile(ndjson), StandardCharsets.UTF_8)) {
            out.write(labels.toString());
        }
        return batches.size();
    }

    public static Path labelsFile(Path ndjson) {
        return Path.of(ndjson + ".labels.tsv");
    }
}
