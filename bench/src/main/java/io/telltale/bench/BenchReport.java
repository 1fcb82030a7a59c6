package io.telltale.bench;

import io.telltale.bench.jmh.TelemetrySamples;
import io.telltale.simulator.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The harness's results as Markdown: the generated part of docs/benchmarks.md, between
 * {@link #BEGIN} and {@link #END}; the rest of that file is written by hand and kept.
 */
final class BenchReport {

    static final String BEGIN = "<!-- bench/run: generated from here -->";
    static final String END = "<!-- bench/run: generated up to here -->";

    /** Targets per core on this machine (issue #8). */
    static final double TARGET_EVENTS_PER_CORE = 2_000_000;
    static final double TARGET_REFERENCE_RATIO = 0.7;
    static final long TARGET_DECISION_P99_MS = 100;
    static final double TARGET_STATE_BYTES_PER_SESSION = 1024;

    private final boolean smoke;
    private final String command;
    private final StringBuilder machine = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    BenchReport(boolean smoke, String command) {
        this.smoke = smoke;
        this.command = command;
    }

    void machine(String cpu, int cores, long memoryBytes, String jvm, String load) {
        machine.append(String.format(Locale.ROOT,
                "- when: %s%n- command: `%s`%n- machine: %d cores (%s), %.1f GiB memory, %s%n"
                        + "- load average before (1, 5, 15 min): %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), command, cores, cpu, memoryBytes / (double) (1L << 30),
                jvm, load));
    }

    void loadAfter(String load) {
        machine.append("- load average after: ").append(load).append('\n');
    }

    void workload(Workload workload) {
        Map<Actor, Integer> mix = workload.actorMix();
        int bots = mix.entrySet().stream().filter(e -> e.getKey().isBot()).mapToInt(Map.Entry::getValue).sum();
        body.append(String.format(Locale.ROOT,
                "%n### Workload%n%nThe demo's simulator (`TrafficSimulator`, seed %d) simulates %d sessions of %d s, "
                        + "%d people and %d bots (%s); the harness replays them under fresh session ids and start "
                        + "times. %.0f %% of them are challenged or blocked before their last batch by the job's "
                        + "scorer; those give the time-to-decision samples.%n",
                workload.parameters.seed(), workload.templates.size(), Workload.TEMPLATE_LENGTH.toSeconds(),
                mix.getOrDefault(Actor.HUMAN, 0), bots,
                mix.entrySet().stream().filter(e -> e.getKey().isBot())
                        .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")),
                100 * workload.crossingShare()));
    }

    void throughputWorkload(Workload.Totals loaded) {
        body.append(String.format(Locale.ROOT,
                "%nThroughput topic: %,d concurrent sessions, %,d batches, %,d raw events (%.0f per batch), "
                        + "%.1f MB of JSON (%.0f bytes per batch).%n",
                loaded.sessions(), loaded.batches(), loaded.events(), loaded.eventsPerBatch(),
                loaded.bytes() / 1e6, (double) loaded.bytes() / loaded.batches()));
        if (!loaded.commerce().isEmpty()) {
            body.append(String.format(Locale.ROOT,
                    "%nCommerce topic (`CommerceTraffic`, what the shop backend reports of the same sessions, each "
                            + "event stamped at the send time of the batch it goes with): %,d events (%s); sessions "
                            + "by what they do on the shop: %s.%n",
                    loaded.commerceEvents(), join(loaded.commerce()), join(loaded.scripts())));
        }
    }

    void patterns(Workload.Totals loaded, List<PatternRun.Result> results) {
        body.append(String.format(Locale.ROOT, "%n### Cross-session patterns%n%n"
                + "The pattern job (`cep-patterns/`, every built-in pattern whose requirements are met: no IP "
                + "database here, so those needing network facts are off; and not `replayed-trajectories`, since "
                + "the workload replays each template's strokes, see the harness section) reads the %,d pre-loaded commerce events "
                + "and the risk scores the scoring job wrote in the last round, both to their end, on its own "
                + "MiniCluster with parallelism %d and the %s state backend right after that round's scoring job "
                + "(a bounded run cannot read a "
                + "topic that is still being written to its end). CPU is the process's over the pattern job's run; "
                + "its share is over the scoring job's CPU for the same traffic.%n%n",
                loaded.commerceEvents(), results.get(0).pattern().parallelism(), results.get(0).stateBackend()));
        body.append("| run | commerce events | risk scores | runtime | cores busy | CPU-s | scoring job's CPU-s "
                + "| pattern / scoring CPU | findings by pattern |\n");
        body.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < results.size(); i++) {
            PatternRun.Result r = results.get(i);
            body.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %.1f s | %.2f | %.1f | %.1f | %.0f %% | %s |%n",
                    i + 1, r.commerceEvents(), r.scores(), r.pattern().runtimeMs() / 1000.0, r.pattern().coresBusy(),
                    r.pattern().cpuNanos() / 1e9, r.scoring().cpuNanos() / 1e9, 100 * r.cpuShare(),
                    r.findings().isEmpty() ? "none" : join(r.findings())));
        }
    }

    void throughput(List<ThroughputRun.Result> results) {
        body.append(String.format(Locale.ROOT, "%n### Sustained throughput%n%n"
                + "Each job reads the whole pre-loaded topic with parallelism %d (one slot; its chains run in "
                + "their own threads), RocksDB, incremental checkpoints every 10 s. Time is Flink's net job "
                + "runtime; \"cores busy\" is the process's CPU time over it (job and broker together), and "
                + "events per CPU-second is the throughput per core actually used.%n%n",
                results.get(0).parallelism()));
        body.append("| job | runtime | batches/s | raw events/s | cores busy | raw events per CPU-s | load before → after |\n");
        body.append("|---|---|---|---|---|---|---|\n");
        for (ThroughputRun.Result r : results) {
            body.append(String.format(Locale.ROOT, "| %s | %.1f s | %,.0f | %,.0f | %.2f | %,.0f | %s → %s |%n",
                    r.job(), r.runtimeMs() / 1000.0, r.batchesPerSecond(), r.eventsPerSecond(), r.coresBusy(),
                    r.eventsPerCpuSecond(), r.loadBefore(), r.loadAfter()));
        }
        double telltale = mean(results, "telltale", ThroughputRun.Result::batchesPerSecond);
        double reference = mean(results, "reference", ThroughputRun.Result::batchesPerSecond);
        double ratio = telltale / reference;
        double perCpu = mean(results, "telltale", ThroughputRun.Result::eventsPerCpuSecond);
        double perSlot = mean(results, "telltale", ThroughputRun.Result::eventsPerSecond) / results.get(0).parallelism();
        body.append(String.format(Locale.ROOT, "%nTelltale / reference, mean batches/s over the rounds: **%.2f**. "
                + "Telltale raw events/s per slot: %,.0f; per CPU-second: %,.0f.%n", ratio, perSlot, perCpu));
        verdicts.add(verdict("≥ 0.7 × the reference job's batches/s", String.format(Locale.ROOT, "%.2f ×", ratio),
                ratio >= TARGET_REFERENCE_RATIO));
        verdicts.add(verdict("≥ 2,000,000 raw events/s per core end to end",
                String.format(Locale.ROOT, "%,.0f per CPU-second", perCpu), perCpu >= TARGET_EVENTS_PER_CORE));
    }

    /**
     * @param maximum      the scoring job's measured batches/s the load was set from, 0 when the rate was fixed
     * @param patternShare the pattern job's CPU over the scoring job's, by which that maximum was lowered
     *                     when the pattern job ran beside (0: it did not, or was not measured)
     */
    void latency(DecisionLatencyRun.Result r, double load, double maximum, double patternShare) {
        String of;
        if (maximum <= 0) {
            of = "a fixed rate (throughput not measured in this run)";
        } else if (patternShare > 0) {
            of = String.format(Locale.ROOT, "%.0f %% of the most the scoring job and the pattern job sustain together "
                    + "on these cores (the scoring job's %,.0f batches/s with the pattern job's CPU for the same "
                    + "traffic, %.0f %% of the scoring job's, added: %,.0f batches/s)",
                    100 * load, maximum, 100 * patternShare, maximum / (1 + patternShare));
        } else {
            of = String.format(Locale.ROOT, "%.0f %% of Telltale's measured maximum (%,.0f batches/s)",
                    100 * load, maximum);
        }
        body.append(String.format(Locale.ROOT, "%n### Time to decision%n%n"
                        + "Live load at %s: %,.0f batches/s offered, %,.0f sent; %,d sessions started; checkpoints "
                        + "every 10 s throughout; %d s counted after the warm-up. Latency: broker append time of the "
                        + "batch that first pushes a session over a threshold → append time of the first score "
                        + "carrying a challenge or block.%n%n",
                of, r.targetBatchesPerSecond(), r.sentBatchesPerSecond(), r.sessionsStarted(), r.measured().toSeconds()));
        body.append(String.format(Locale.ROOT, "Crossings: %,d; decided: %,d; decided before the predicted batch "
                        + "(the job and the harness's own scoring disagree): %,d. Load average %s → %s.%n%n",
                r.crossings(), r.decided(), r.decidedBeforeCrossing(), r.loadBefore(), r.loadAfter()));
        body.append("| decisions | count | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
        Percentiles p = r.latencyMs();
        body.append(latencyRow("all", p));
        body.append(latencyRow("fired by the crossing batch itself", r.onCrossingBatchMs()));
        body.append(latencyRow("overlapping a checkpoint", r.overlappingCheckpointMs()));
        body.append(latencyRow("clear of checkpoints", r.clearOfCheckpointsMs()));
        Percentiles c = r.checkpointMs();
        body.append(String.format(Locale.ROOT, "%nCheckpoints during the run: %d, from trigger to completion "
                + "p50 %d ms, max %d ms. A decision overlaps a checkpoint when the time from its crossing batch to "
                + "its score overlaps one.%n", c.count(), c.p50(), c.max()));
        DecisionLatencyRun.CheckpointParts parts = r.checkpointParts();
        body.append(String.format(Locale.ROOT, "Where a completed checkpoint's time went, in its slowest task "
                        + "(p50 / max over the checkpoints): synchronous part, when the task processes nothing, %d / %d "
                        + "ms; asynchronous part %d / %d ms; barrier alignment %d / %d ms; barrier delay from the "
                        + "trigger %d / %d ms. The task with the longest synchronous part, by checkpoints: %s.%n",
                parts.syncMs().p50(), parts.syncMs().max(), parts.asyncMs().p50(), parts.asyncMs().max(),
                parts.alignmentMs().p50(), parts.alignmentMs().max(), parts.startDelayMs().p50(),
                parts.startDelayMs().max(), join(parts.slowestSyncTask())));
        if (r.patterns() != null) {
            body.append(String.format(Locale.ROOT, "%nThe cross-session pattern job ran beside the scoring job on "
                            + "the same cores, as deployed a Flink job on a cluster of its own (a second MiniCluster "
                            + "in the process, state on `%s`), reading the %,d commerce events sent with the "
                            + "batches and the scores; findings by the end of the run: %s (a commerce session is "
                            + "summarised, and can take part in a pattern, a session gap of event time after its "
                            + "last event: 30 min by default, longer than this run).%n",
                    r.patterns().stateBackend(), r.patterns().commerceEvents(),
                    r.patterns().findings().isEmpty() ? "none" : join(r.patterns().findings())));
        } else {
            body.append(String.format(Locale.ROOT, "%nThe cross-session pattern job was not running (`--skip patterns`).%n"));
        }
        verdicts.add(verdict("time to decision p99 ≤ 100 ms in Kafka", p.p99() + " ms",
                p.count() > 0 && p.p99() <= TARGET_DECISION_P99_MS));
    }

    void wholePath(WholePathRun.Result r) {
        body.append(String.format(Locale.ROOT, "%n### Time to decision through the gateway%n%n"
                        + "Browsers' batches posted to the gateway at %,.0f batches/s (JDK HTTP client, session tokens), "
                        + "the job reading the gateway's topic and writing its scores as deployed (`EXACTLY_ONCE`: "
                        + "transactions committed on each checkpoint), the gateway's decision view reading them "
                        + "uncommitted, a backend "
                        + "polling `GET /v1/sessions/{id}/decision` every %d ms. Latency: posting the batch that first "
                        + "pushes a session over a threshold → the decision API first answering challenge or block. "
                        + "%,d batches posted, %,d refused or skipped; %d s counted. Load average %s → %s.%n%n",
                r.batchesPerSecond(), WholePathRun.POLL.toMillis(), r.posted(), r.refused(), r.measured().toSeconds(),
                r.loadBefore(), r.loadAfter()));
        body.append("| decisions | count | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
        body.append(latencyRow(String.format(Locale.ROOT, "all (of %,d crossings)", r.crossings()), r.latencyMs()));
        verdicts.add(verdict("time to decision p99 ≤ 250 ms through gateway and decision API",
                r.latencyMs().p99() + " ms", r.latencyMs().count() > 0 && r.latencyMs().p99() <= 250));
    }

    void state(List<StateSizeRun.Result> results) {
        body.append(String.format(Locale.ROOT, "%n### State per active session%n%n"
                + "All sessions open at once (30 min gap), after the job has read them all: the full size of the "
                + "latest completed RocksDB checkpoint (its SST files, with the older versions of each session's "
                + "state that compaction has not dropped yet), and RocksDB's own estimate of the live data "
                + "(`rocksdb.estimate-live-data-size` over every column family of every operator). RSS is the "
                + "whole process (broker, MiniCluster, RocksDB, harness).%n%n"));
        body.append("| sessions | batches each | checkpoint size | per session | live data | per session "
                + "| process RSS | read in |\n");
        body.append("|---|---|---|---|---|---|---|---|\n");
        List<String> largest = new ArrayList<>();
        for (StateSizeRun.Result r : results) {
            body.append(String.format(Locale.ROOT, "| %,d | %d | %.1f MB | %.0f B | %.1f MB | %.0f B | %.2f GiB | %d s |%n",
                    r.sessions(), r.batchesPerSession(), r.stateBytes() / 1e6, r.bytesPerSession(),
                    r.liveDataBytes() / 1e6, r.liveBytesPerSession(),
                    r.residentBytes() / (double) (1L << 30), r.readIn().toSeconds()));
            largest.add(String.format(Locale.ROOT, "%,d sessions: %s", r.sessions(),
                    r.liveData().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .limit(4).map(e -> String.format(Locale.ROOT, "`%s` %.0f B", e.getKey(),
                                    (double) e.getValue() / r.sessions()))
                            .collect(Collectors.joining(", "))));
            verdicts.add(verdict(String.format(Locale.ROOT, "≤ 1 KB state per session (%,d sessions)", r.sessions()),
                    String.format(Locale.ROOT, "%.0f bytes in the checkpoint, %.0f live", r.bytesPerSession(),
                            r.liveBytesPerSession()),
                    r.bytesPerSession() <= TARGET_STATE_BYTES_PER_SESSION));
        }
        body.append(String.format(Locale.ROOT, "%nLive data per session of the largest states (operator.state): %s.%n",
                String.join("; ", largest)));
    }

    void gateway(GatewayRun.Result r) {
        body.append(String.format(Locale.ROOT, "%n### Gateway alone (wrk)%n%n"
                + "`wrk -t1 -c%d -d%ds --latency` on loopback, every request a first batch (`POST /v1/telemetry`, "
                + "seq 0: validated, session token issued, stamped, produced with `acks=all`). wrk, the gateway "
                + "and the broker share the machine's cores and the gateway and the broker one process: "
                + "\"process\" is the cores that process kept busy, \"gateway\" the part of it on the gateway's "
                + "own threads (Undertow, its Kafka clients) plus all of the JVM's own work (GC, JIT), some "
                + "of which is the broker's.%n%n", r.connections(), r.duration().toSeconds()));
        body.append("| requests/s | p50 | p99 | non-2xx | cores busy: process | gateway "
                + "| requests/s per gateway core | load before → after |\n");
        body.append("|---|---|---|---|---|---|---|---|\n");
        body.append(String.format(Locale.ROOT, "| %,.0f | %s | %s | %,d | %.2f | %.2f | %,.0f | %s → %s |%n",
                r.requestsPerSecond(), r.p50(), r.p99(), r.non2xx(), r.cpuCores(), r.gatewayCores(),
                r.requestsPerGatewayCore(), r.loadBefore(), r.loadAfter()));
        verdicts.add(verdict("gateway ≥ 20,000 batches/s per core", String.format(Locale.ROOT,
                "%,.0f per gateway core busy", r.requestsPerGatewayCore()), r.requestsPerGatewayCore() >= 20_000));
        verdicts.add(verdict("gateway p99 ≤ 5 ms", r.p99(), wrkMillis(r.p99()) <= 5));
    }

    /** wrk prints latencies as {@code 812.00us}, {@code 3.20ms} or {@code 1.02s}. */
    static double wrkMillis(String latency) {
        if (latency.endsWith("us")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2)) / 1000;
        }
        if (latency.endsWith("ms")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2));
        }
        if (latency.endsWith("s")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 1)) * 1000;
        }
        throw new IllegalArgumentException("not a wrk latency: " + latency);
    }

    void microbenchmarks(List<Microbenchmarks.Score> scores) {
        double eventsPerBatch = new TelemetrySamples().eventsPerBatch();
        body.append(String.format(Locale.ROOT, "%n### Microbenchmarks (JMH, one batch per operation)%n%n"
                + "Batches of %d simulated sessions, %.0f raw events per batch on average; allocation from JMH's "
                + "GC profiler (`gc.alloc.rate.norm`).%n%n", TelemetrySamples.SESSIONS, eventsPerBatch));
        body.append("| benchmark | ns per batch | ns per raw event | bytes allocated per batch |\n");
        body.append("|---|---|---|---|\n");
        for (Microbenchmarks.Score s : scores) {
            body.append(String.format(Locale.ROOT, "| %s | %,.0f%s | %.1f | %,.0f |%n",
                    s.benchmark(), s.nsPerBatch(),
                    Double.isNaN(s.error()) ? "" : String.format(Locale.ROOT, " ± %,.0f", s.error()),
                    s.nsPerBatch() / eventsPerBatch, s.bytesPerBatch()));
        }
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append('\n');
        out.append("## Throughput, time to decision, state (bench/run)\n\n");
        if (smoke) {
            out.append("**Smoke run: sizes too small for the numbers to mean anything.**\n\n");
        }
        out.append(machine);
        out.append(body);
        if (!verdicts.isEmpty()) {
            out.append("\n### Against the targets\n\n| target | measured | met |\n|---|---|---|\n");
            verdicts.forEach(v -> out.append(v).append('\n'));
        }
        out.append(END).append('\n');
        return out.toString();
    }

    /** Replaces the generated section of {@code doc}, or appends one when it has none. */
    void writeInto(Path doc, String markdown) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + markdown + text.substring(end + END.length() + 1)
                : text.stripTrailing() + "\n\n" + markdown;
        Files.writeString(doc, updated);
    }

    /** "a 3, b 5", in the map's order. */
    private static String join(Map<?, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey() instanceof Enum<?> c
                        ? c.name().toLowerCase(Locale.ROOT) : e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String latencyRow(String label, Percentiles p) {
        return String.format(Locale.ROOT, "| %s | %,d | %d ms | %d ms | %d ms | %d ms |%n",
                label, p.count(), p.p50(), p.p99(), p.p999(), p.max());
    }

    private static String verdict(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |";
    }

    private static double mean(List<ThroughputRun.Result> results, String job,
            ToDoubleFunction<ThroughputRun.Result> value) {
        return results.stream().filter(r -> r.job().equals(job)).mapToDouble(value).average().orElse(Double.NaN);
    }
}
