package io.telltale.job;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.model.BehaviourModelArtifact;
import io.telltale.connectors.serde.ValidationLimits;
import io.telltale.core.profile.ProfileRisk;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.RiskModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.DeadLetter;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.functions.BatchDeduplicator;
import io.telltale.job.functions.LateBatchDeadLetter;
import io.telltale.job.functions.ProfileScorer;
import io.telltale.job.functions.SessionFeatureAggregate;
import io.telltale.job.functions.SessionScoreEmitter;
import io.telltale.job.functions.TelemetryParser;
import io.telltale.job.state.BatchFeatures;
import io.telltale.job.state.BatchFeaturesSerializer;
import io.telltale.job.state.SessionAccumulatorSerializer;
import io.telltale.job.state.WireRecordSerializers;
import io.telltale.job.windows.ContinuousScoringTrigger;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.ParameterTool;

/**
 * The Telltale job:
 *
 * <pre>
 * telemetry source (watermarks per Kafka partition, from record timestamps)
 *   → parse + fold into features (bad records → dead letters)
 *   → keyBy(session) → drop retried batches
 *   → session window (mergeable feature accumulator, continuous trigger) → score
 *   → keyBy(user) → judge against the user's behaviour profile, learn → risk-score sink
 * </pre>
 *
 * <p>Sources and sinks are injected (STYLE.md, habit 1): {@link #main} plugs in Kafka, the CLI's
 * {@code score} command plugs in files, tests plug in whatever they assert on. Every operator has
 * a stable uid, because upgrades go through savepoints.
 */
public final class TelltaleJob {

    /** Operator uids; changing one orphans its state in existing savepoints. */
    public static final class Uids {
        public static final String TELEMETRY_SOURCE = "telemetry-source";
        public static final String PARSE = "parse-telemetry";
        public static final String WATERMARKS = "telemetry-watermarks";
        public static final String DEDUPLICATE = "deduplicate-batches";
        public static final String SCORE = "score-sessions";
        public static final String PROFILES = "user-profiles";
        public static final String LATE = "late-batches";
        public static final String RISK_SCORE_SINK = "risk-score-sink";
        public static final String DEAD_LETTER_SINK = "dead-letter-sink";

        private Uids() {}
    }

    static final OutputTag<BatchFeatures> LATE_BATCHES =
            new OutputTag<>("late-batches", BatchFeaturesSerializer.TYPE_INFO);

    private final Source<RawRecord, ?, ?> telemetrySource;
    private final Sink<RiskScore> riskScoreSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Configuration config;
    private final RiskModel model;
    private AlertStage alerts;

    public TelltaleJob(
            Source<RawRecord, ?, ?> telemetrySource,
            Sink<RiskScore> riskScoreSink,
            Sink<DeadLetter> deadLetterSink,
            Configuration config) {
        this(telemetrySource, riskScoreSink, deadLetterSink, config, configuredModel(config));
    }

    public TelltaleJob(
            Source<RawRecord, ?, ?> telemetrySource,
            Sink<RiskScore> riskScoreSink,
            Sink<DeadLetter> deadLetterSink,
            Configuration config,
            RiskModel model) {
        this.telemetrySource = telemetrySource;
        this.riskScoreSink = riskScoreSink;
        this.deadLetterSink = deadLetterSink;
        this.config = config;
        this.model = model;
    }

    /**
     * The model {@link TelltaleOptions#MODEL_PATH} names, or the built-in {@code human-norms-v1}.
     *
     * @throws IllegalArgumentException if the named model cannot be read: a job that cannot score
     *     as configured must not start scoring with another model
     */
    public static RiskModel configuredModel(Configuration config) {
        Optional<String> location = config.getOptional(TelltaleOptions.MODEL_PATH).filter(s -> !s.isBlank());
        if (location.isEmpty()) {
            return HumanNormsModel.standard();
        }
        try {
            return BehaviourModelArtifact.load(location.get());
        } catch (IOException e) {
            throw new IllegalArgumentException(TelltaleOptions.MODEL_PATH.key() + ": " + e.getMessage(), e);
        }
    }

    /** Also applies policies to the scores and sends alerts (docs/alerts.md). */
    public TelltaleJob withAlerts(AlertStage alertStage) {
        this.alerts = alertStage;
        return this;
    }

    /** Adds the topology to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        ActionThresholds thresholds = new ActionThresholds(
                config.get(TelltaleOptions.CHALLENGE_THRESHOLD), config.get(TelltaleOptions.BLOCK_THRESHOLD));
        SessionScorer scorer = new SessionScorer(model, thresholds);

        boolean recordTime = config.get(TelltaleOptions.EVENT_TIME) == TelltaleOptions.EventTime.RECORD_TIMESTAMP;
        // With record timestamps the source makes the watermarks, per Kafka partition (split): a
        // partition that lags behind, as after a restart, holds the watermark back instead of
        // seeing its batches turn late. Batch start times come from the client and can only be
        // read after parsing, so that mode makes them per parser instead.
        SingleOutputStreamOperator<BatchFeatures> parsed = env
                .fromSource(
                        telemetrySource,
                        recordTime ? watermarks(config) : WatermarkStrategy.noWatermarks(),
                        "Telemetry source")
                .uid(Uids.TELEMETRY_SOURCE)
                .process(new TelemetryParser(ValidationLimits.DEFAULTS, recordTime))
                .returns(BatchFeaturesSerializer.TYPE_INFO)
                .uid(Uids.PARSE)
                .name("Parse telemetry batches");

        DataStream<BatchFeatures> timed = recordTime
                ? parsed
                : parsed.assignTimestampsAndWatermarks(TelltaleJob.<BatchFeatures>watermarks(config)
                                .withTimestampAssigner((batch, recordTimestamp) -> batch.startedAt()))
                        .uid(Uids.WATERMARKS)
                        .name("Event time from batch start");

        SingleOutputStreamOperator<BatchFeatures> fresh = timed
                .keyBy(BatchFeatures::sessionId, Types.STRING)
                .process(new BatchDeduplicator(config.get(TelltaleOptions.DEDUP_STATE_TTL)))
                .returns(BatchFeaturesSerializer.TYPE_INFO)
                .uid(Uids.DEDUPLICATE)
                .name("Drop retried batches");

        // Same key, same partitioning: no second shuffle between deduplication and windows.
        KeyedStream<BatchFeatures, String> bySession =
                DataStreamUtils.reinterpretAsKeyedStream(fresh, BatchFeatures::sessionId, Types.STRING);

        SingleOutputStreamOperator<RiskScore> sessionScores = scoreSessions(bySession, config, scorer);
        DataStream<RiskScore> scores = config.get(TelltaleOptions.PROFILES_ENABLED)
                ? judgeAgainstProfiles(sessionScores, config, thresholds)
                : sessionScores;

        scores.sinkTo(riskScoreSink).uid(Uids.RISK_SCORE_SINK).name("Risk scores");
        if (alerts != null) {
            // Scores judged against user profiles were re-keyed by user on the way.
            alerts.attachTo(scores, !config.get(TelltaleOptions.PROFILES_ENABLED));
        }

        DataStream<DeadLetter> lateBatches = sessionScores
                .getSideOutput(LATE_BATCHES)
                .map(new LateBatchDeadLetter())
                .uid(Uids.LATE)
                .name("Late batches to dead letters");

        parsed.getSideOutput(TelemetryParser.DEAD_LETTERS)
                .union(lateBatches)
                .sinkTo(deadLetterSink)
                .uid(Uids.DEAD_LETTER_SINK)
                .name("Dead letters");
    }

    /** Bounded out-of-orderness with idle splits let go; the record timestamp unless told otherwise. */
    private static <T> WatermarkStrategy<T> watermarks(Configuration config) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(config.get(TelltaleOptions.MAX_OUT_OF_ORDERNESS))
                .withIdleness(config.get(TelltaleOptions.SOURCE_IDLENESS));
    }

    /**
     * The session windows: a mergeable feature accumulator per session, fired on every batch while
     * the session is active (the emitter publishes escalations at once, other updates at most once
     * per scoring interval) and once when it closes. Late batches go to {@link #LATE_BATCHES}.
     */
    static SingleOutputStreamOperator<RiskScore> scoreSessions(
            KeyedStream<BatchFeatures, String> bySession, Configuration config, SessionScorer scorer) {
        Duration gap = config.get(TelltaleOptions.SESSION_GAP);
        Duration interval = config.get(TelltaleOptions.SCORE_INTERVAL);
        boolean emitInterim = config.get(TelltaleOptions.EMIT_INTERIM_SCORES);
        // Without interim scores a firing per batch would only read the accumulator for nothing.
        Trigger<Object, TimeWindow> trigger =
                emitInterim ? ContinuousScoringTrigger.every(interval, gap) : EventTimeTrigger.create();
        return bySession
                .window(EventTimeSessionWindows.withGap(gap))
                .trigger(trigger)
                .sideOutputLateData(LATE_BATCHES)
                .aggregate(
                        new SessionFeatureAggregate(),
                        new SessionScoreEmitter(scorer, emitInterim, interval, gap),
                        SessionAccumulatorSerializer.TYPE_INFO,
                        SessionAccumulatorSerializer.TYPE_INFO,
                        WireRecordSerializers.RISK_SCORE)
                .uid(Uids.SCORE)
                .name("Score sessions");
    }

    /**
     * The per-user profiles: a second keyed stage, keyed by user id, fed by the session scores. A
     * session's scores and its user's profile live on different keys (a user has many sessions), so
     * the profile cannot sit in the session window; scores are small and already carry the features
     * and counts the profile needs, so re-keying them costs one shuffle of a few hundred bytes per
     * score, and nothing has to flow back: this stage emits the score itself, with the deviation.
     */
    static SingleOutputStreamOperator<RiskScore> judgeAgainstProfiles(
            DataStream<RiskScore> scores, Configuration config, ActionThresholds thresholds) {
        ProfileRisk risk = new ProfileRisk(ProfileRisk.STANDARD_SCALE, thresholds,
                config.get(TelltaleOptions.PROFILE_MIN_LEARN_INTERVAL).toMillis());
        return scores
                .keyBy(ProfileScorer.KEY, Types.STRING)
                .process(new ProfileScorer(risk, config.get(TelltaleOptions.PROFILE_TTL)))
                .returns(WireRecordSerializers.RISK_SCORE)
                .uid(Uids.PROFILES)
                .name("Judge against user profiles");
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("Telltale");
    }

    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync("Telltale");
    }

    /**
     * Flink settings Telltale wants when it runs locally (CLI, tests): RocksDB keyed state with
     * incremental checkpoints every 10 s, network buffers flushed within 10 ms. On a cluster the
     * same come from its config.yaml.
     */
    public static Configuration defaultFlinkConfiguration() {
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        // Scores are sparse next to telemetry: with Flink's default 100 ms a score could wait that
        // long in a half-empty network buffer at each shuffle on its way out (docs/benchmarks.md).
        flink.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(10));
        return flink;
    }

    /**
     * Runs on a Flink cluster against Kafka; settings come as {@code --key value} arguments. Flink's
     * own settings (state backend, checkpointing) are the cluster's: a program configuration would
     * silently override the platform team's {@code config.yaml}, so {@link
     * #defaultFlinkConfiguration()} is only for local runs; docker/flink/config.yaml has the same
     * settings for clusters.
     */
    // flink-connector-kafka 5.0 takes only Kafka's deprecated OffsetResetStrategy for committed offsets.
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        Configuration config = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);

        String bootstrap = config.get(TelltaleOptions.KAFKA_BOOTSTRAP_SERVERS);
        String groupId = config.get(TelltaleOptions.KAFKA_GROUP_ID);
        DeliveryGuarantee guarantee = config.get(TelltaleOptions.KAFKA_DELIVERY_GUARANTEE);
        String transactionalIdPrefix =
                config.getOptional(TelltaleOptions.KAFKA_TRANSACTIONAL_ID_PREFIX).orElse(groupId);
        new TelltaleJob(
                        TelltaleKafka.rawSource(
                                bootstrap,
                                config.get(TelltaleOptions.TELEMETRY_TOPIC),
                                groupId,
                                OffsetsInitializer.committedOffsets(
                                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST),
                                new Properties()),
                        TelltaleKafka.riskScoreSink(
                                bootstrap,
                                config.get(TelltaleOptions.RISK_SCORES_TOPIC),
                                guarantee,
                                transactionalIdPrefix + "-scores",
                                new Properties()),
                        TelltaleKafka.deadLetterSink(
                                bootstrap,
                                config.get(TelltaleOptions.DEAD_LETTERS_TOPIC),
                                guarantee,
                                transactionalIdPrefix + "-dead-letters",
                                new Properties()),
                        config)
                .withAlerts(AlertStage.fromConfig(config, bootstrap, transactionalIdPrefix + "-alerts"))
                .execute(env);
    }
}
