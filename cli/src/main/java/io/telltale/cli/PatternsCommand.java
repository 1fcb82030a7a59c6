package io.telltale.cli;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cep.measure.HoardingMeasurement;
import io.telltale.cep.measure.JdataActions;
import io.telltale.cep.measure.ShopperTraffic;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.patterns.InventoryHoarding;
import io.telltale.cep.patterns.ReplayedTrajectories;
import io.telltale.cep.testkit.PatternTestKit;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.evaluation.TrajectoryMeasurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measurements of the cross-session patterns (docs/cross-session-patterns.md, "Measured"). */
@Command(
        name = "patterns",
        mixinStandardHelpOptions = true,
        description = "Measure the cross-session patterns: a simulated hoarding campaign, real shoppers, replayed"
                + " trajectories.",
        subcommands = {PatternsCommand.MeasureHoarding.class, PatternsCommand.Jdata.class,
                PatternsCommand.MeasureReplays.class})
final class PatternsCommand {

    static final Instant SIMULATION_START = Instant.parse("2026-03-01T12:00:00Z");

    @Command(
            name = "measure-hoarding",
            mixinStandardHelpOptions = true,
            description = "Human shoppers plus a hoarding campaign starting at a known instant, through the real"
                    + " topology at default parameters: time to the first alert, and alerts on human-only products.")
    static final class MeasureHoarding implements Callable<Integer> {
        @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed = ShopperTraffic.Settings.defaults().seed();

        @Override
        public Integer call() throws Exception {
            ShopperTraffic.Settings d = ShopperTraffic.Settings.defaults();
            ShopperTraffic.Settings settings = new ShopperTraffic.Settings(seed, d.humanSessions(), d.households(),
                    d.span(), d.campaignStartsAfter(), d.campaignSessions(), d.campaignSpacing());
            HoardingMeasurement.Result r = HoardingMeasurement.run(SIMULATION_START, settings);
            System.out.printf("traffic: %d human sessions from %d households over %s; campaign of %d sessions on %s,"
                            + " one every ~%d s, seed %d%n", settings.humanSessions(), settings.households(),
                    settings.span(), settings.campaignSessions(), r.traffic().campaignKey(),
                    settings.campaignSpacing().toSeconds(), seed);
            r.findings().forEach(PatternsCommand::print);
            System.out.printf("campaign start:  %s%n", r.campaignStart());
            System.out.printf("first alert:     %s%n", r.firstAlert() == null ? "none" : r.firstAlert());
            System.out.printf("delay:           %s%n", r.delay() == null ? "not detected" : r.delay());
            System.out.printf("campaign findings: %d (human sessions inside them: %d)%n", r.campaignFindings().size(),
                    r.humanSessionsInCampaignFindings());
            System.out.printf("false alarms (findings with no campaign session): %d %s%n", r.falseAlarms().size(),
                    r.falseAlarms().stream().map(Finding::key).toList());
            return r.firstAlert() != null && r.falseAlarms().isEmpty() ? 0 : 1;
        }
    }

    @Command(
            name = "jdata",
            mixinStandardHelpOptions = true,
            description = "Real JD.com shoppers (datasets/jdata-commerce) through every built-in pattern at default"
                    + " parameters; exits 1 on an inventory-hoarding finding not named by --explained.")
    static final class Jdata implements Callable<Integer> {
        @Option(names = "--datasets", required = true, description = "The datasets folder (holds jdata-commerce/).")
        Path datasets;

        @Option(names = "--explained", split = ",", description = "Finding ids of hoarding findings that"
                + " docs/cross-session-patterns.md (Measured) explains; any other one fails the run.")
        Set<String> explained = new HashSet<>();

        @Override
        public Integer call() throws Exception {
            Path folder = datasets.resolve("jdata-commerce");
            if (!Files.isDirectory(folder)) {
                System.err.println("telltale patterns jdata: no folder " + folder);
                return 2;
            }
            Configuration config = new Configuration();
            Duration gap = config.get(CrossSessionOptions.SESSION_GAP);
            JdataActions.Conversion c = JdataActions.read(folder, gap);
            Path mmdb = Files.createTempFile("telltale-jdata-asn", ".mmdb");
            List<Finding> findings;
            try {
                ShopperTraffic.writeIpDatabase(mmdb);
                config.set(CrossSessionOptions.IP_DATABASE, mmdb.toString());
                findings = PatternTestKit.findings(c.events(), List.of(), config,
                        PatternSettings.defaults(BuiltInPatterns.all()), "JData shoppers");
            } finally {
                Files.deleteIfExists(mmdb);
            }
            Set<String> held = new HashSet<>();
            Set<String> bought = new HashSet<>();
            Set<String> sessionsHolding = new HashSet<>();
            Set<String> sessionsBuying = new HashSet<>();
            for (CommerceEvent e : c.events()) {
                if (e.type() == CommerceEventType.CART_ADD) {
                    held.add(e.sessionId() + " " + e.sku());
                    sessionsHolding.add(e.sessionId());
                } else if (e.type() == CommerceEventType.CHECKOUT) {
                    bought.add(e.sessionId() + " " + e.sku());
                    sessionsBuying.add(e.sessionId());
                }
            }
            long heldNotBought = held.stream().filter(h -> !bought.contains(h)).count();
            long holdingSessionsBuyingNothing = sessionsHolding.stream().filter(s -> !sessionsBuying.contains(s)).count();
            System.out.printf("jdata: %d rows (%d dropped: follow or blank type), %d users, %d sessions (gap %s),"
                            + " %d commerce events%n", c.rows(), c.dropped(), c.users(), c.sessions(), gap,
                    c.events().size());
            System.out.printf("cart holds: %d (session, SKU) added, %d not ordered in that session; %d sessions held"
                    + " something, %d of them ordered nothing%n", held.size(), heldNotBought, sessionsHolding.size(),
                    holdingSessionsBuyingNothing);
            findings.forEach(PatternsCommand::print);
            Map<String, Long> byPattern = new TreeMap<>(findings.stream()
                    .collect(Collectors.groupingBy(Finding::patternId, Collectors.counting())));
            BuiltInPatterns.all().forEach(p -> byPattern.putIfAbsent(p.id(), 0L));
            System.out.printf("findings by pattern: %s%n", byPattern);
            List<String> unexplained = findings.stream().filter(f -> f.patternId().equals(InventoryHoarding.ID))
                    .map(Finding::findingId).filter(id -> !explained.contains(id)).toList();
            if (!unexplained.isEmpty()) {
                System.err.printf("telltale patterns jdata: inventory-hoarding finding(s) on real shoppers not explained"
                        + " in docs/cross-session-patterns.md (Measured): %s%n", unexplained);
                return 1;
            }
            return 0;
        }
    }

    @Command(
            name = "measure-replays",
            mixinStandardHelpOptions = true,
            description = "Trajectory fingerprints of human sessions (simulated; Balabit and DELBOT with --datasets)"
                    + " and of replays of their recorded movement: pairs sharing shapes. Exits 1 when two human"
                    + " sessions, or a replay and a person it did not replay, share as many shapes as"
                    + " replayed-trajectories needs at its defaults.")
    static final class MeasureReplays implements Callable<Integer> {
        @Option(names = "--datasets", description = "The datasets folder (balabit-mouse/, delbot-mouse/); without it"
                + " only simulated people.")
        Path datasets;

        @Option(names = "--seed", description = "Random seed of the replays (default: ${DEFAULT-VALUE}).")
        long seed = 11;

        @Override
        public Integer call() throws Exception {
            int needed = PatternParameters.defaults(new ReplayedTrajectories()).integer("minSharedShapes");
            int column = java.util.Arrays.binarySearch(TrajectoryMeasurement.THRESHOLDS, needed);
            List<TrajectoryMeasurement.Result> results = new java.util.ArrayList<>();
            results.add(TrajectoryMeasurement.measure("simulator",
                    TrajectoryMeasurement.simulatedHumans(REPLAY_PEOPLE, REPLAY_VISIT, seed), REPLAY_STRETCHES,
                    REPLAY_STRETCH_MS, seed));
            if (datasets != null) {
                for (String source : List.of("balabit", "delbot")) {
                    results.add(TrajectoryMeasurement.measure(source,
                            TrajectoryMeasurement.datasetHumans(datasets, source), REPLAY_STRETCHES, REPLAY_STRETCH_MS,
                            seed));
                }
            }
            results.forEach(r -> System.out.print(TrajectoryMeasurement.describe(r)));
            boolean falseMatch = results.stream().anyMatch(r -> r.humanPairsAtLeast()[column] > 0
                    || r.replayHumanPairsAtLeast()[column] > 0);
            System.out.printf("replayed-trajectories needs %d shared shapes: %s%n", needed,
                    falseMatch ? "FALSE MATCHES between people" : "no two people match");
            return falseMatch ? 1 : 0;
        }
    }

    /** Simulated people measured: 300 shop visits of 3 minutes; 100 stretches of a minute replayed. */
    static final int REPLAY_PEOPLE = 300;
    static final Duration REPLAY_VISIT = Duration.ofMinutes(3);
    static final int REPLAY_STRETCHES = 100;
    static final int REPLAY_STRETCH_MS = 60_000;

    private static void print(Finding f) {
        System.out.printf("%s  %-8s %-22s %-28s sessions=%d networks=%d skus=%s first=%s last=%s id=%s%n",
                Instant.ofEpochMilli(f.detectedAt()), f.severity(), f.patternId(), f.key(), f.sessions().size(),
                f.networks().size(), f.skus(), Instant.ofEpochMilli(f.firstSeen()), Instant.ofEpochMilli(f.lastSeen()),
                f.findingId());
    }
}
