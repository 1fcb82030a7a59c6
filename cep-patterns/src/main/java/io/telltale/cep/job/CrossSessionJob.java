package io.telltale.cep.job;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.cep.network.NetworkLookup;
import io.telltale.cep.network.NetworkLookups;
import io.telltale.cep.pattern.PatternControl;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.cep.pattern.Requirement;
import io.telltale.cep.patterns.BuiltInPatterns;
import io.telltale.cep.session.SessionSummary;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.KeyedJsonSerializer;
import io.telltale.cep.finding.FindingAlerts;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.siem.AlertFormat;
import io.telltale.connectors.siem.AlertSinkOptions;
import io.telltale.connectors.siem.AlertSinks;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-session pattern job:
 *
 * <pre>
 * commerce events ─┐                                                                          ┌─ fan out by pattern key → keyBy → CEP → finding ─┐
 *                  ├─ keyBy(session) → summarise ─ network facts ─ keyBy(account) → account history ─┤        (one branch per pattern)  ├─ findings sink
 * risk scores ─────┘   (ends after the session gap)                                                  └─ ...                            ┘
 * </pre>
 *
 * <p>Sources and sinks are injected: {@link #main} plugs in Kafka, {@code telltale backtest} files,
 * {@code PatternTestKit} in-memory timelines. Every operator has a stable uid; a pattern's CEP
 * operator has uid {@code pattern-<id>}, so its partial matches survive a savepoint restart as
 * long as the pattern's shape does not change.
 */
public final class CrossSessionJob {
    private static final Logger LOG = LoggerFactory.getLogger(CrossSessionJob.class);

    /** Operator uids; changing one orphans its state in existing savepoints. */
    public static final class Uids {
        public static final String COMMERCE_SOURCE = "commerce-source";
        public static final String PARSE_COMMERCE = "parse-commerce";
        public static final String COMMERCE_WATERMARKS = "commerce-watermarks";
        public static final String RISK_SCORE_SOURCE = "cep-risk-score-source";
        public static final String PARSE_RISK_SCORES = "parse-risk-scores";
        public static final String RISK_SCORE_WATERMARKS = "risk-score-watermarks";
        public static final String SUMMARISE = "summarise-sessions";
        public static final String SUMMARIES_NEVER_IDLE = "summaries-never-idle";
        public static final String ENRICH = "enrich-network";
        public static final String ACCOUNT_HISTORY = "account-history";
        public static final String FINDING_SINK = "finding-sink";
        public static final String FINDING_ALERT_SINK = "finding-alert-sink";
        public static final String DEAD_LETTER_SINK = "cep-dead-letter-sink";
        public static final String CONTROL_SOURCE = "pattern-control-source";
        public static final String PARSE_CONTROL = "parse-pattern-control";
        public static final String CONTROL_WATERMARKS = "pattern-control-watermarks";

        public static String fanOut(String patternId) {
            return "fan-out-" + patternId;
        }

        public static String pattern(String patternId) {
            return "pattern-" + patternId;
        }

        public static String confirm(String patternId) {
            return "confirm-" + patternId;
        }

        private Uids() {}
    }

    public static final TypeInformation<SessionSummary> SESSION_SUMMARY = TypeInformation.of(SessionSummary.class);
    public static final TypeInformation<Finding> FINDING = TypeInformation.of(Finding.class);
    static final TypeInformation<CommerceEvent> COMMERCE_EVENT = TypeInformation.of(CommerceEvent.class);
    static final TypeInformation<RiskScore> RISK_SCORE = TypeInformation.of(RiskScore.class);
    static final TypeInformation<PatternControl> PATTERN_CONTROL = TypeInformation.of(PatternControl.class);
    static final TypeInformation<PatternMatch> PATTERN_MATCH = TypeInformation.of(PatternMatch.class);

    private final Source<RawRecord, ?, ?> commerceSource;
    private final Source<RawRecord, ?, ?> riskScoreSource;
    private final Sink<Finding> findingSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Configuration config;
    private final PatternSettings settings;
    private Sink<Finding> alertSink;
    private Source<RawRecord, ?, ?> controlSource;

    /** @param riskScoreSource null to run on commerce events alone (no device fingerprints, no risk) */
    public CrossSessionJob(
            Source<RawRecord, ?, ?> commerceSource,
            Source<RawRecord, ?, ?> riskScoreSource,
            Sink<Finding> findingSink,
            Sink<DeadLetter> deadLetterSink,
            Configuration config,
            PatternSettings settings) {
        this.commerceSource = commerceSource;
        this.riskScoreSource = riskScoreSource;
        this.findingSink = findingSink;
        this.deadLetterSink = deadLetterSink;
        this.config = config;
        this.settings = settings;
    }

    /**
     * Also sends every finding as an alert for the SIEM ({@link
     * io.telltale.cep.finding.FindingAlerts}), e.g. to the alerts topic the session alerts use.
     */
    public CrossSessionJob withAlertSink(Sink<Finding> alertSink) {
        this.alertSink = alertSink;
        return this;
    }

    /**
     * Reads control records ({@link PatternControl}) that switch running patterns on or off and change
     * their runtime parameters while the job runs; bad ones become dead letters.
     */
    public CrossSessionJob withControlSource(Source<RawRecord, ?, ?> controlSource) {
        this.controlSource = controlSource;
        return this;
    }

    /** The pattern settings the configuration names: its YAML file, or every built-in with defaults. */
    public static PatternSettings settingsOf(Configuration config) {
        return config.getOptional(CrossSessionOptions.PATTERNS_FILE)
                .map(file -> PatternSettings.read(Path.of(file), BuiltInPatterns.all()))
                .orElseGet(() -> PatternSettings.defaults(BuiltInPatterns.all()));
    }

    public void build(StreamExecutionEnvironment env) {
        Duration lateness = config.get(CrossSessionOptions.MAX_OUT_OF_ORDERNESS);
        Duration idleness = config.get(CrossSessionOptions.SOURCE_IDLENESS);
        long gapMillis = config.get(CrossSessionOptions.SESSION_GAP).toMillis();

        SingleOutputStreamOperator<CommerceEvent> commerce = env
                .fromSource(commerceSource, WatermarkStrategy.noWatermarks(), "Commerce source")
                .uid(Uids.COMMERCE_SOURCE)
                .process(new CommerceEventParser())
                .returns(COMMERCE_EVENT)
                .uid(Uids.PARSE_COMMERCE)
                .name("Parse commerce events");
        DataStream<CommerceEvent> timedCommerce = commerce
                .assignTimestampsAndWatermarks(WatermarkStrategy.<CommerceEvent>forBoundedOutOfOrderness(lateness)
                        .withTimestampAssigner((e, ts) -> e.time())
                        .withIdleness(idleness))
                .uid(Uids.COMMERCE_WATERMARKS)
                .name("Event time from commerce time");
        DataStream<DeadLetter> deadLetters = commerce.getSideOutput(WireRecordParser.DEAD_LETTERS);

        DataStream<RiskScore> timedScores;
        if (riskScoreSource != null) {
            SingleOutputStreamOperator<RiskScore> scores = env
                    .fromSource(riskScoreSource, WatermarkStrategy.noWatermarks(), "Risk-score source")
                    .uid(Uids.RISK_SCORE_SOURCE)
                    .process(new RiskScoreParser())
                    .returns(RISK_SCORE)
                    .uid(Uids.PARSE_RISK_SCORES)
                    .name("Parse risk scores");
            // A score's window ends a session gap after its last batch: that last batch is its event time.
            timedScores = scores
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<RiskScore>forBoundedOutOfOrderness(lateness)
                            .withTimestampAssigner((s, ts) -> Math.max(s.windowStart(), s.windowEnd() - gapMillis))
                            .withIdleness(idleness))
                    .uid(Uids.RISK_SCORE_WATERMARKS)
                    .name("Event time from last scored batch");
            deadLetters = deadLetters.union(scores.getSideOutput(WireRecordParser.DEAD_LETTERS));
        } else {
            timedScores = noRiskScores(timedCommerce);
        }

        List<PatternSettings.Enabled> runnable = runnable(settings, config.get(CrossSessionOptions.IP_DATABASE));
        DataStream<PatternControl> controls;
        if (controlSource != null) {
            SingleOutputStreamOperator<PatternControl> parsed = env
                    .fromSource(controlSource, WatermarkStrategy.noWatermarks(), "Pattern control source")
                    .uid(Uids.CONTROL_SOURCE)
                    .process(new PatternControlParser(runnable))
                    .returns(PATTERN_CONTROL)
                    .uid(Uids.PARSE_CONTROL)
                    .name("Parse pattern controls");
            // Controls take effect on arrival; their stream must never hold back the sessions' event time.
            controls = parsed
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<PatternControl>forGenerator(c -> new AlwaysIdle<>()))
                    .uid(Uids.CONTROL_WATERMARKS)
                    .name("Controls never hold back event time");
            deadLetters = deadLetters.union(parsed.getSideOutput(WireRecordParser.DEAD_LETTERS));
        } else {
            controls = noControls(timedCommerce);
        }
        SingleOutputStreamOperator<SessionSummary> summaries = summarise(timedCommerce, timedScores, config);
        deadLetters = deadLetters.union(summaries.getSideOutput(SessionSummarizer.LATE));
        DataStream<Finding> findings = findingsOf(summaries, controls, config, runnable);
        findings.sinkTo(findingSink).uid(Uids.FINDING_SINK).name("Findings");
        if (alertSink != null) {
            findings.sinkTo(alertSink).uid(Uids.FINDING_ALERT_SINK).name("Findings as SIEM alerts");
        }
        deadLetters.sinkTo(deadLetterSink).uid(Uids.DEAD_LETTER_SINK).name("Dead letters");
    }

    /**
     * An empty risk-score stream that carries the commerce stream's watermarks, for runs on commerce
     * events alone (an empty bounded source would be finished at once, which works too, but a
     * derived stream needs no source and no uid of its own).
     */
    public static DataStream<RiskScore> noRiskScores(DataStream<CommerceEvent> commerce) {
        return commerce.flatMap((CommerceEvent e, org.apache.flink.util.Collector<RiskScore> out) -> {}, RISK_SCORE)
                .uid("no-risk-scores")
                .name("No risk scores");
    }

    /** No control records, carrying the commerce stream's watermarks (runs without a control topic). */
    public static DataStream<PatternControl> noControls(DataStream<CommerceEvent> commerce) {
        return commerce.flatMap((CommerceEvent e, org.apache.flink.util.Collector<PatternControl> out) -> {},
                        PATTERN_CONTROL)
                .uid("no-pattern-controls")
                .name("No pattern controls");
    }

    /**
     * Summaries, network facts and one CEP branch per runnable pattern, over streams that already
     * carry event time and watermarks; patterns run with their start-up parameters throughout.
     */
    public static DataStream<Finding> findings(
            DataStream<CommerceEvent> commerce, DataStream<RiskScore> scores, Configuration config,
            PatternSettings settings) {
        return findings(commerce, scores, noControls(commerce), config,
                runnable(settings, config.get(CrossSessionOptions.IP_DATABASE)));
    }

    /** As above, with {@code controls} changing the running patterns as they arrive. */
    public static DataStream<Finding> findings(
            DataStream<CommerceEvent> commerce, DataStream<RiskScore> scores, DataStream<PatternControl> controls,
            Configuration config, List<PatternSettings.Enabled> runnable) {
        return findingsOf(summarise(commerce, scores, config), controls, config, runnable);
    }

    /**
     * One summary per session when it is over; events too late to join theirs are dead letters on
     * the {@link SessionSummarizer#LATE} side output.
     */
    public static SingleOutputStreamOperator<SessionSummary> summarise(
            DataStream<CommerceEvent> commerce, DataStream<RiskScore> scores, Configuration config) {
        return commerce
                .keyBy(CommerceEvent::sessionId, Types.STRING)
                .connect(scores.keyBy(RiskScore::sessionId, Types.STRING))
                .process(new SessionSummarizer(config.get(CrossSessionOptions.SESSION_GAP),
                        config.get(CrossSessionOptions.FINAL_SCORE_WAIT)), SESSION_SUMMARY)
                .uid(Uids.SUMMARISE)
                .name("Summarise sessions");
    }

    /** Network facts, account history and one CEP branch per runnable pattern over the summaries. */
    private static DataStream<Finding> findingsOf(
            DataStream<SessionSummary> summaries, DataStream<PatternControl> controls, Configuration config,
            List<PatternSettings.Enabled> runnable) {
        String database = config.get(CrossSessionOptions.IP_DATABASE);
        BroadcastStream<PatternControl> broadcastControls = controls.broadcast(PatternFanOut.CONTROLS);

        DataStream<SessionSummary> sessions = summaries
                .transform("Summaries never idle", SESSION_SUMMARY, new NeverIdle<>())
                .uid(Uids.SUMMARIES_NEVER_IDLE)
                .map(new NetworkEnricher(database), SESSION_SUMMARY)
                .uid(Uids.ENRICH)
                .name("Network facts")
                .keyBy(AccountHistoryEnricher.KEY, Types.STRING)
                .process(new AccountHistoryEnricher(config.get(CrossSessionOptions.ACCOUNT_HISTORY_TTL)), SESSION_SUMMARY)
                .uid(Uids.ACCOUNT_HISTORY)
                .name("Account history");

        List<DataStream<Finding>> branches = new ArrayList<>();
        for (PatternSettings.Enabled enabled : runnable) {
            String id = enabled.pattern().id();
            DataStream<SessionSummary> keyed = sessions
                    .connect(broadcastControls)
                    .process(new PatternFanOut(enabled), SESSION_SUMMARY)
                    .uid(Uids.fanOut(id))
                    .name("Keys of " + enabled.pattern().title());
            branches.add(CEP.pattern(keyed.keyBy(SessionSummary::focus, Types.STRING),
                            enabled.pattern().pattern(enabled.parameters()))
                    .process(new FindingEmitter.Matches(), PATTERN_MATCH)
                    .uid(Uids.pattern(id))
                    .name(enabled.pattern().title())
                    .connect(broadcastControls)
                    .process(new FindingEmitter(enabled), FINDING)
                    .uid(Uids.confirm(id))
                    .name("Confirm " + enabled.pattern().title()));
        }
        if (branches.isEmpty()) {
            LOG.warn("no cross-session pattern is enabled and runnable; the job only summarises sessions");
            return sessions.flatMap((SessionSummary s, org.apache.flink.util.Collector<Finding> out) -> {}, FINDING)
                    .uid("no-patterns")
                    .name("No patterns");
        }
        DataStream<Finding> all = branches.get(0);
        for (int i = 1; i < branches.size(); i++) {
            all = all.union(branches.get(i));
        }
        return all;
    }

    /**
     * The enabled patterns whose requirements are met; each one that is not says so in the log,
     * and the rest run.
     */
    public static List<PatternSettings.Enabled> runnable(PatternSettings settings, String database) {
        boolean networkFacts;
        try (NetworkLookup lookup = NetworkLookups.open(database)) {
            networkFacts = lookup.hasAsData();
        } catch (java.io.IOException e) {
            networkFacts = false;
        }
        List<PatternSettings.Enabled> runnable = new ArrayList<>();
        for (PatternSettings.Enabled enabled : settings.enabled()) {
            if (enabled.pattern().requires().contains(Requirement.NETWORK_FACTS) && !networkFacts) {
                LOG.warn("pattern '{}' is disabled: it needs network facts and no IP database is configured ({})",
                        enabled.pattern().id(), CrossSessionOptions.IP_DATABASE.key());
                continue;
            }
            LOG.info("pattern '{}' runs with {}", enabled.pattern().id(), enabled.parameters().asText());
            runnable.add(enabled);
        }
        return runnable;
    }

    /** Findings as JSON, keyed by the key the sessions shared. */
    public static final class FindingSerializer implements KeyedJsonSerializer<Finding> {
        private static final long serialVersionUID = 1L;
        private final FindingSerde serde = new FindingSerde();

        @Override
        public byte[] key(Finding finding) {
            return finding.key() == null ? null : finding.key().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Finding finding) {
            return serde.serialize(finding);
        }
    }

    /** Runs on a Flink cluster against Kafka; settings come as {@code --key value} arguments. */
    public static void main(String[] args) throws Exception {
        Configuration config = new Configuration();
        config.addAll(Configuration.fromMap(ParameterTool.fromArgs(args).toMap()));
        PatternSettings settings = settingsOf(config); // fails here, before submission, on a bad file
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        String bootstrap = config.getString("telltale.kafka.bootstrap-servers", "localhost:9092");
        String group = config.getString("telltale.kafka.group-id", "telltale-job") + "-patterns";
        onKafka(bootstrap, group, config, settings).build(env);
        env.execute("Telltale cross-session patterns");
    }

    /**
     * The job as deployed, on the Telltale topics of one Kafka cluster (the topic settings may
     * rename them): commerce events and risk scores in from the committed offsets of consumer
     * group {@code group} (from the earliest without them), runtime controls in, findings to
     * their topic, findings as alerts to the alerts topic, dead letters to theirs.
     */
    public static CrossSessionJob onKafka(String bootstrap, String group, Configuration config, PatternSettings settings) {
        Properties none = new Properties();
        OffsetsInitializer offsets = OffsetsInitializer.committedOffsets(
                org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
        return new CrossSessionJob(
                        TelltaleKafka.rawSource(bootstrap, config.get(CrossSessionOptions.COMMERCE_TOPIC), group, offsets, none),
                        TelltaleKafka.rawSource(bootstrap,
                                config.getString("telltale.topics.risk-scores", io.telltale.connectors.kafka.Topics.RISK_SCORES),
                                group, offsets, none),
                        TelltaleKafka.sink(bootstrap, config.get(CrossSessionOptions.PATTERN_ALERTS_TOPIC),
                                new FindingSerializer(), DeliveryGuarantee.AT_LEAST_ONCE, group + "-findings", none),
                        TelltaleKafka.deadLetterSink(bootstrap,
                                config.getString("telltale.topics.dead-letters", io.telltale.connectors.kafka.Topics.DEAD_LETTERS),
                                DeliveryGuarantee.AT_LEAST_ONCE, group + "-dead-letters", none),
                        config,
                        settings)
                .withControlSource(TelltaleKafka.rawSource(bootstrap, config.get(CrossSessionOptions.PATTERN_CONTROL_TOPIC),
                        group + "-control", offsets, none))
                .withAlertSink(AlertSinks.kafka(bootstrap, config.get(AlertSinkOptions.ALERTS_TOPIC),
                        AlertFormat.ofConfigName(config.get(AlertSinkOptions.KAFKA_FORMAT)), group + "-alerts", none,
                        FindingAlerts::of));
    }
}
