package io.telltale.cli;

import io.telltale.cep.job.CrossSessionJob;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cli.demo.DemoSite;
import io.telltale.cli.demo.LiveTable;
import io.telltale.cli.demo.ScoreBoard;
import io.telltale.cli.demo.ScoreConsumer;
import io.telltale.cli.demo.StuffingCampaign;
import io.telltale.cli.demo.TrafficProducer;
import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.kafka.Topics;
import io.telltale.job.AlertStage;
import io.telltale.job.TelltaleJob;
import io.telltale.job.TelltaleOptions;
import io.telltale.simulator.Actor;
import io.telltale.simulator.TrafficSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole system in one process: an in-process KRaft Kafka broker, the Telltale job and the
 * cross-session pattern job together on a Flink MiniCluster (web UI on localhost; in production
 * they are two jobs), a traffic simulator playing human and bot sessions into the telemetry topic,
 * a slow credential-stuffing run on the commerce topic for the patterns to find, the ingest gateway
 * and decision API with a demo shop on localhost whose pages carry the browser SDK, and a live
 * table of the scores read back from the risk-score topic.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run Kafka, the Flink jobs (scoring and cross-session patterns), a traffic simulator, a"
                + " credential-stuffing run, the gateway and a demo shop in one process; show live scores and findings.")
final class DemoCommand implements Callable<Integer> {

    private static final int PARTITIONS = 2;
    /** The shop and the gateway listen on loopback only: the demo is for the person at this machine. */
    private static final String LOOPBACK = "127.0.0.1";

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s or 5min (default: until Ctrl-C).")
    String duration;

    @Option(names = "--bot-share", defaultValue = "0.35", description = "Share of simulated sessions that are bots.")
    double botShare;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed.")
    long seed;

    @Option(names = "--web-ui-port", defaultValue = "8081", description = "Port of the Flink web UI.")
    int webUiPort;

    @Option(names = "--rows", defaultValue = "20", description = "Sessions shown in the live table.")
    int rows;

    @Option(names = "--plain", description = "Print the table as plain text instead of redrawing the screen.")
    boolean plain;

    @Option(names = "--shop-port", defaultValue = "8090",
            description = "Port of the demo shop on localhost; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int shopPort;

    @Option(names = "--gateway-port", defaultValue = "8080",
            description = "Port of the ingest gateway and decision API on localhost; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--set", description = "A job setting, e.g. --set telltale.scoring.interval=5s (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Duration runFor = duration == null ? null : TimeUtils.parseDuration(duration);
        boolean ansi = !plain && System.console() != null;
        Runtime.getRuntime().addShutdownHook(new Thread(this::requestStopAndWait, "telltale-demo-shutdown"));

        System.out.println("telltale demo: starting an in-process Kafka broker (KRaft)...");
        Path workDir = Files.createTempDirectory("telltale-demo-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(PARTITIONS, Topics.TELEMETRY, Topics.RISK_SCORES, Topics.DEAD_LETTERS, Topics.ALERTS,
                    Topics.COMMERCE, Topics.PATTERN_ALERTS, Topics.PATTERN_CONTROL);
            String bootstrap = kafka.bootstrapServers();

            Configuration config = demoConfiguration(workDir);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config);
            env.setParallelism(PARTITIONS);
            new TelltaleJob(
                            TelltaleKafka.rawSource(
                                    bootstrap, Topics.TELEMETRY, "telltale-demo",
                                    OffsetsInitializer.earliest(), new Properties()),
                            TelltaleKafka.riskScoreSink(
                                    bootstrap, Topics.RISK_SCORES, DeliveryGuarantee.AT_LEAST_ONCE,
                                    "telltale-demo-scores", new Properties()),
                            TelltaleKafka.deadLetterSink(
                                    bootstrap, Topics.DEAD_LETTERS, DeliveryGuarantee.AT_LEAST_ONCE,
                                    "telltale-demo-dead-letters", new Properties()),
                            config)
                    .withAlerts(AlertStage.fromConfig(config, bootstrap, "telltale-demo-alerts"))
                    .build(env);
            CrossSessionJob.onKafka(bootstrap, "telltale-demo-patterns", config, CrossSessionJob.settingsOf(config))
                    .build(env);
            JobClient job = env.executeAsync("Telltale demo: scoring and cross-session patterns");
            System.out.printf("telltale demo: Kafka at %s, Flink job %s, web UI http://localhost:%d%n",
                    bootstrap, job.getJobID(), webUiPort);

            try (DemoSite site = DemoSite.start(LOOPBACK, shopPort, gatewayPort, bootstrap)) {
                System.out.printf("telltale demo: shop %s — open it in a browser; gateway %s (site key %s, API key %s)%n",
                        site.shopUrl(), site.gatewayUrl(), DemoSite.SITE_KEY, site.apiKey());
                return simulateAndShow(site, bootstrap, job, runFor, ansi);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Plays the simulator's traffic and shows the live table until the duration or Ctrl-C. */
    private int simulateAndShow(DemoSite site, String bootstrap, JobClient job, Duration runFor, boolean ansi)
            throws Exception {
        TrafficSimulator simulator = new TrafficSimulator(seed, botShare);
        ScoreBoard board = new ScoreBoard(
                id -> {
                    Actor actor = simulator.actorOf(id);
                    return actor != null ? actor.label() : site.shop().isShopSession(id) ? "shop visitor" : null;
                },
                id -> {
                    Actor actor = simulator.actorOf(id);
                    return actor == null ? null : actor.isBot();
                });
        try (TrafficProducer producer = new TrafficProducer(simulator, bootstrap, Topics.TELEMETRY);
                StuffingCampaign campaign = new StuffingCampaign(bootstrap, Topics.COMMERCE);
                ScoreConsumer consumer = new ScoreConsumer(bootstrap, Topics.RISK_SCORES, Topics.DEAD_LETTERS,
                        Topics.ALERTS, Topics.PATTERN_ALERTS, board)) {
            Thread producing = start(producer, "telltale-demo-traffic");
            Thread stuffing = start(campaign, "telltale-demo-stuffing");
            Thread consuming = start(consumer, "telltale-demo-scores");

            long started = System.currentTimeMillis();
            long deadline = runFor == null ? Long.MAX_VALUE : started + runFor.toMillis();
            long nextPlainPrint = 0;
            while (System.currentTimeMillis() < deadline && !stopRequested.await(1, TimeUnit.SECONDS)) {
                long elapsed = (System.currentTimeMillis() - started) / 1000;
                String header = String.format(
                        "telltale demo — %ds — %d batches sent, %d malformed, %d scores, %d dead letters,"
                                + " %d alerts, %d cross-session findings — shop %s — Flink UI http://localhost:%d"
                                + " — Ctrl-C to stop%s",
                        elapsed, producer.batchesSent(), producer.malformedSent(),
                        consumer.scoresRead(), consumer.deadLettersRead(), consumer.alertsRead(),
                        consumer.findingsRead(), site.shopUrl(), webUiPort,
                        consumer.latestFinding() == null ? "" : "\nlatest finding: " + consumer.latestFinding());
                if (ansi) {
                    System.out.print(LiveTable.render(board, rows, header, true));
                } else if (System.currentTimeMillis() >= nextPlainPrint) {
                    System.out.print(LiveTable.render(board, Math.min(rows, 10), header, false));
                    System.out.println();
                    nextPlainPrint = System.currentTimeMillis() + 10_000;
                }
            }
            producer.stop();
            campaign.stop();
            producing.join(5_000);
            stuffing.join(5_000);
            System.out.println();
            System.out.println("telltale demo: stopping. Final tally: " + LiveTable.summary(board));
            System.out.printf("telltale demo: %d cross-session findings over %d credential-stuffing sessions%s%n",
                    consumer.findingsRead(), campaign.sessionsSent(),
                    consumer.latestFinding() == null ? "" : "; latest: " + consumer.latestFinding());
            job.cancel().get(30, TimeUnit.SECONDS);
            consumer.stop();
            consuming.join(5_000);
        }
        return 0;
    }

    private Configuration demoConfiguration(Path workDir) {
        Configuration config = TelltaleJob.defaultFlinkConfiguration();
        config.set(RestOptions.PORT, webUiPort);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").toUri().toString());
        // Alerts go out in Kafka transactions committed at each checkpoint: check often to see them soon.
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(3));
        // Short sessions so final scores show up while you watch; the production default is 30 min.
        config.set(TelltaleOptions.SESSION_GAP, Duration.ofSeconds(15));
        config.set(TelltaleOptions.SCORE_INTERVAL, Duration.ofSeconds(3));
        config.set(TelltaleOptions.MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(2));
        config.set(TelltaleOptions.SOURCE_IDLENESS, Duration.ofSeconds(5));
        // The pattern job on the same clock.
        config.set(CrossSessionOptions.SESSION_GAP, Duration.ofSeconds(15));
        config.set(CrossSessionOptions.MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(2));
        config.set(CrossSessionOptions.SOURCE_IDLENESS, Duration.ofSeconds(5));
        // Final scores come a watermark lag and a checkpoint (3 s) after their window closed.
        config.set(CrossSessionOptions.FINAL_SCORE_WAIT, Duration.ofSeconds(15));
        return JobSettings.apply(config, settings);
    }

    private static Thread start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void requestStopAndWait() {
        stopRequested.countDown();
        try {
            stopped.await(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
