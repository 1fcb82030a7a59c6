package io.telltale.bench;

import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.job.TelltaleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness ({@code bench/run}): pre-loads an in-process broker with simulated
 * telemetry, measures the reference job and Telltale over the same topic in the same run, the time
 * to decision at a share of Telltale's measured maximum, the state per session at given session
 * counts, and the JMH microbenchmarks; writes the results into the generated part of
 * docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Telltale's throughput, time to decision and state per session; write docs/benchmarks.md.")
public final class BenchHarness implements Callable<Integer> {

    @Option(names = "--smoke", description = "A run of a minute or two that checks the harness works; numbers mean little.")
    boolean smoke;

    @Option(names = "--output", description = "Markdown file whose generated section is replaced (default: docs/benchmarks.md, or none for --smoke).")
    Path output;

    @Option(names = "--sessions", defaultValue = "20000", description = "Concurrent sessions in the throughput workload.")
    long sessions;

    @Option(names = "--batches-per-session", defaultValue = "12", description = "Batches of each throughput session.")
    int batchesPerSession;

    @Option(names = "--templates", defaultValue = "1000", description = "Distinct simulated sessions the workload replays.")
    int templates;

    @Option(names = "--bot-share", defaultValue = "0.35", description = "Share of simulated sessions driven by bots.")
    double botShare;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed.")
    long seed;

    @Option(names = "--parallelism", defaultValue = "1", description = "Task slots (and topic partitions) given to each job.")
    int parallelism;

    @Option(names = "--rounds", defaultValue = "2", description = "Reference and Telltale runs, alternating, each.")
    int rounds;

    @Option(names = "--latency-load", defaultValue = "0.7", description = "Live load as a share of Telltale's measured batches/s.")
    double latencyLoad;

    @Option(names = "--latency-rate", description = "Live load in batches/s; overrides --latency-load.")
    Double latencyRate;

    @Option(names = "--latency-warm-up", defaultValue = "20s", description = "Live load before latencies count.")
    String latencyWarmUp;

    @Option(names = "--latency-duration", defaultValue = "60s", description = "Live load during which latencies count.")
    String latencyDuration;

    @Option(names = "--state-sessions", split = ",", defaultValue = "100000",
            description = "Concurrent session counts whose state is measured, e.g. 100000,1000000.")
    List<Long> stateSessions;

    @Option(names = "--state-batches", defaultValue = "2", description = "Batches of each session in the state runs.")
    int stateBatches;

    @Option(names = "--set", description = "A Telltale job setting, e.g. --set telltale.scoring.interval=1s (repeatable);"
            + " Flink's own keys (e.g. state.backend.rocksdb.timer-service.factory=HEAP) go to every job's cluster.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--path-rate", defaultValue = "200", description = "Batches/s posted to the gateway in the whole-path run.")
    double pathRate;

    @Option(names = "--path-duration", defaultValue = "60s", description = "Counted duration of the whole-path run.")
    String pathDuration;

    @Option(names = "--gateway-connections", defaultValue = "32", description = "wrk's open connections to the gateway.")
    int gatewayConnections;

    @Option(names = "--gateway-duration", defaultValue = "30s", description = "How long wrk loads the gateway.")
    String gatewayDuration;

    @Option(names = "--pattern-state-backend", defaultValue = "hashmap",
            description = "State backend of the cross-session pattern job in the throughput and latency runs:"
                    + " hashmap (as docker/ deploys it) or rocksdb, to compare (docs/cross-session-patterns.md).")
    String patternStateBackend;

    @Option(names = "--skip", split = ",", description = "Parts to leave out: throughput, latency, path, state, gateway, jmh;"
            + " patterns: the cross-session pattern job and the commerce events it reads.")
    List<String> skip = new ArrayList<>();

    private final List<String> args;

    BenchHarness(List<String> args) {
        this.args = args;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchHarness(List.of(args))).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            sessions = 500;
            batchesPerSession = 6;
            templates = 50;
            rounds = 1;
            latencyWarmUp = "2s";
            latencyDuration = "6s";
            stateSessions = List.of(2000L);
        }
        Path doc = output != null ? output : smoke ? null : Path.of("docs/benchmarks.md");
        BenchReport report = new BenchReport(smoke, commandLine());
        report.machine(MachineGauges.cpuModel(), MachineGauges.cores(), MachineGauges.memoryBytes(),
                System.getProperty("java.vm.name") + " " + Runtime.version(), MachineGauges.loadAverage());

        long start = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        say("simulating %d templates (bot share %.2f)...", templates, botShare);
        Workload workload = Workload.simulate(new Workload.Parameters(
                sessions, Math.max(batchesPerSession, 1000), templates, botShare, seed), start);
        Workload throughputLoad = new Workload(workload.parameters.withSessions(sessions, batchesPerSession),
                workload.templates);
        report.workload(workload);

        Configuration jobSettings = Configuration.fromMap(settings);
        Path work = Files.createTempDirectory("telltale-bench-");
        try (EmbeddedKafka broker = EmbeddedKafka.start(); BenchKafka kafka = new BenchKafka(broker.bootstrapServers())) {
            double maxBatchesPerSecond = 0;
            // The pattern job's CPU time over the scoring job's for the same traffic (0: not measured).
            double patternShare = 0;
            if (!skip.contains("throughput")) {
                say("pre-loading %d sessions x %d batches...", sessions, batchesPerSession);
                TelltaleUnderTest.Names names = TelltaleUnderTest.Names.of("throughput");
                String referenceOut = "bench.throughput.reference-counts";
                kafka.createPreloadTopics(parallelism, names.all());
                kafka.createPreloadTopics(parallelism, referenceOut);
                boolean patterns = !skip.contains("patterns");
                PatternsUnderTest.Names patternNames = PatternsUnderTest.Names.of("throughput");
                if (patterns) {
                    kafka.createPreloadTopics(parallelism, patternNames.all());
                }
                Workload.Totals loaded = kafka.preload(throughputLoad, 0, start, names.telemetry(),
                        patterns ? patternNames.commerce() : null);
                report.throughputWorkload(loaded);
                List<ThroughputRun.Result> results = new ArrayList<>();
                List<PatternRun.Result> patternResults = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    say("round %d: reference job...", round + 1);
                    results.add(ThroughputRun.measure("reference", (env, source) -> ReferenceJob.build(
                                    env, source, kafka.bootstrap(), referenceOut,
                                    TelltaleOptions.SESSION_GAP.defaultValue(),
                                    TelltaleOptions.MAX_OUT_OF_ORDERNESS.defaultValue()),
                            kafka, names.telemetry(), loaded, parallelism, work.resolve("cp-" + round + "-ref"),
                            jobSettings));
                    say("  %s", results.get(results.size() - 1));
                    say("round %d: Telltale...", round + 1);
                    TelltaleUnderTest.Names roundNames = names.withScoresOfRound(round);
                    kafka.createPreloadTopics(parallelism, roundNames.scores());
                    ThroughputRun.Result telltale = ThroughputRun.measure("telltale",
                            (env, source) -> TelltaleUnderTest.build(
                                    env, source, kafka.bootstrap(), roundNames, "throughput", jobSettings),
                            kafka, names.telemetry(), loaded, parallelism, work.resolve("cp-" + round + "-telltale"),
                            jobSettings);
                    results.add(telltale);
                    say("  %s", telltale);
                    // Once, after the last round: on this workload the pattern job takes longer than the scoring job.
                    if (patterns && round == rounds - 1) {
                        say("round %d: cross-session patterns over its scores...", round + 1);
                        PatternsUnderTest.Names roundPatterns = patternNames.ofRound(round);
                        kafka.createPreloadTopics(parallelism, roundPatterns.findings(), roundPatterns.deadLetters());
                        patternResults.add(PatternRun.measure(kafka, loaded, roundNames.scores(), roundPatterns, telltale,
                                parallelism, work.resolve("cp-" + round + "-patterns"), jobSettings,
                                patternStateBackend));
                        say("  %s", patternResults.get(patternResults.size() - 1));
                    }
                }
                report.throughput(results);
                if (patterns) {
                    report.patterns(loaded, patternResults);
                    patternShare = patternResults.get(patternResults.size() - 1).cpuShare();
                }
                maxBatchesPerSecond = results.stream().filter(r -> r.job().equals("telltale"))
                        .mapToDouble(ThroughputRun.Result::batchesPerSecond).max().orElse(0);
            }
            if (!skip.contains("latency")) {
                // With the pattern job beside on the same cores, the most the two sustain together: the
                // scoring job's maximum with the pattern job's CPU for the same traffic added to each batch.
                boolean withPatterns = !skip.contains("patterns");
                double sustained = maxBatchesPerSecond / (1 + (withPatterns ? patternShare : 0));
                double rate = latencyRate != null ? latencyRate
                        : maxBatchesPerSecond > 0 ? latencyLoad * sustained : 200;
                say("time to decision at %.0f batches/s...", rate);
                DecisionLatencyRun.Result latency = DecisionLatencyRun.measure(workload, kafka, rate,
                        TimeUtils.parseDuration(latencyWarmUp), TimeUtils.parseDuration(latencyDuration),
                        Duration.ofSeconds(smoke ? 3 : 15), parallelism,
                        work.resolve("cp-latency"), jobSettings, withPatterns, patternStateBackend);
                say("  %s", latency);
                report.latency(latency, latencyLoad,
                        latencyRate == null && maxBatchesPerSecond > 0 ? maxBatchesPerSecond : 0,
                        withPatterns ? patternShare : 0);
            }
            if (!skip.contains("path")) {
                say("whole path (gateway, job, decision API) at %.0f batches/s...", pathRate);
                WholePathRun.Result path = WholePathRun.measure(workload, kafka, pathRate,
                        TimeUtils.parseDuration(latencyWarmUp),
                        smoke ? TimeUtils.parseDuration(latencyDuration) : TimeUtils.parseDuration(pathDuration),
                        Duration.ofSeconds(smoke ? 3 : 15), parallelism, work.resolve("cp-path"), jobSettings);
                say("  %s", path);
                report.wholePath(path);
            }
            if (!skip.contains("state")) {
                List<StateSizeRun.Result> states = new ArrayList<>();
                for (long count : stateSessions) {
                    say("state with %d sessions...", count);
                    states.add(StateSizeRun.measure(workload, count, stateBatches, kafka, parallelism,
                            work.resolve("cp-state-" + count), Duration.ofMinutes(smoke ? 3 : 60), jobSettings));
                    say("  %s", states.get(states.size() - 1));
                }
                report.state(states);
            }
            if (!skip.contains("gateway")) {
                if (GatewayRun.wrkInstalled()) {
                    say("gateway under wrk...");
                    GatewayRun.Result gateway = GatewayRun.measure(workload, kafka, gatewayConnections,
                            smoke ? Duration.ofSeconds(3) : TimeUtils.parseDuration(gatewayDuration), work);
                    say("  %s", gateway);
                    report.gateway(gateway);
                } else {
                    say("gateway skipped: wrk is not installed (bench/run installs it with apt-get when it can)");
                }
            }
        } finally {
            // Checkpoints of a million sessions are worth deleting.
            FileUtils.deleteDirectory(work.toFile());
        }
        if (!skip.contains("jmh")) {
            say("JMH microbenchmarks...");
            report.microbenchmarks(Microbenchmarks.run(smoke));
        }
        report.loadAfter(MachineGauges.loadAverage());
        String markdown = report.render();
        System.out.println(markdown);
        if (doc != null) {
            report.writeInto(doc, markdown);
            say("wrote %s", doc);
        }
        return 0;
    }

    private String commandLine() {
        return String.join(" ", "bench/run", String.join(" ", args)).trim();
    }

    private static final long STARTED = System.nanoTime();

    private static void say(String format, Object... args) {
        System.err.printf("bench [%3ds]: " + format + "%n",
                prepend((System.nanoTime() - STARTED) / 1_000_000_000, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
