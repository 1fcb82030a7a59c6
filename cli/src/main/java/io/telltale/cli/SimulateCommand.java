package io.telltale.cli;

import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.SimulatedSession;
import io.telltale.simulator.TrafficSimulator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes simulated traffic as wire-format telemetry batches (NDJSON), in send order, with a
 * sidecar file naming who is behind each session — input for {@code telltale score}.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Write simulated human and bot sessions as telemetry batches (NDJSON).")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "Telemetry batches, one JSON per line.")
    Path output;

    @Option(names = "--sessions", defaultValue = "20", description = "How many sessions.")
    int sessions;

    @Option(names = "--bot-share", defaultValue = "0.35", description = "Share of sessions that are bots.")
    double botShare;

    @Option(names = "--length", defaultValue = "90s", description = "Length of each session, e.g. 90s or 5min.")
    String length;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        TrafficSimulator simulator = new TrafficSimulator(seed, botShare);
        // Sessions that happened an hour ago: scoring judges times against the clock.
        long start = System.currentTimeMillis() - 3_600_000L;
        List<SimulatedSession> simulated =
                simulator.nextSessions(start, sessions, TimeUtils.parseDuration(length));
        List<TelemetryBatch> batches = new ArrayList<>();
        StringBuilder truth = new StringBuilder("session_id\tactor\n");
        for (SimulatedSession session : simulated) {
            batches.addAll(session.batches());
            truth.append(session.sessionId()).append('\t').append(session.actor().label()).append('\n');
        }
        batches.sort(Comparator.comparingLong(TelemetryBatch::sentAt));

        TelemetryBatchSerde serde = new TelemetryBatchSerde();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
            for (TelemetryBatch batch : batches) {
                out.write(serde.serialize(batch));
                out.write('\n');
            }
        }
        Path truthFile = Path.of(output + ".actors.tsv");
        Files.writeString(truthFile, truth);
        System.out.printf("telltale simulate: %d sessions, %d batches -> %s (actors in %s)%n",
                sessions, batches.size(), output, truthFile);
        return 0;
    }
}
