package io.telltale.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.telltale.connectors.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Every Telltale setting, declared once with its key, type, default and description
 * (STYLE.md, habit 8). Flink's own settings (checkpointing, state backend) use Flink's option
 * constants; see {@link TelltaleJob#configureEnvironment}.
 */
public final class TelltaleOptions {

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            key("telltale.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers for every Telltale topic.");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("telltale.kafka.group-id")
                    .stringType()
                    .defaultValue("telltale-job")
                    .withDescription("Consumer group of the job's Kafka sources.");

    public static final ConfigOption<DeliveryGuarantee> KAFKA_DELIVERY_GUARANTEE =
            key("telltale.kafka.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "Guarantee of the job's Kafka sinks. EXACTLY_ONCE writes in Kafka"
                                    + " transactions committed on each checkpoint, so readers with"
                                    + " isolation.level=read_committed see every score and dead letter"
                                    + " once, even across failures, one checkpoint interval late."
                                    + " AT_LEAST_ONCE shows records at once but may repeat them after a"
                                    + " restart.");

    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX =
            key("telltale.kafka.transactional-id-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Prefix of the Kafka transactional ids of the EXACTLY_ONCE sinks (each"
                                    + " sink appends its own suffix). Must be unique per job on the"
                                    + " Kafka cluster and stay the same across restarts and upgrades,"
                                    + " so a restarted job can abort its own lingering transactions."
                                    + " Defaults to the group id.");

    public static final ConfigOption<String> TELEMETRY_TOPIC =
            key("telltale.topics.telemetry")
                    .stringType()
                    .defaultValue(Topics.TELEMETRY)
                    .withDescription("Topic of telemetry batches from the gateway, keyed by session id.");

    public static final ConfigOption<String> RISK_SCORES_TOPIC =
            key("telltale.topics.risk-scores")
                    .stringType()
                    .defaultValue(Topics.RISK_SCORES)
                    .withDescription("Topic the job writes risk scores to, keyed by session id.");

    public static final ConfigOption<String> DEAD_LETTERS_TOPIC =
            key("telltale.topics.dead-letters")
                    .stringType()
                    .defaultValue(Topics.DEAD_LETTERS)
                    .withDescription("Topic of records the job rejected, with the reason.");

    public static final ConfigOption<Duration> SESSION_GAP =
            key("telltale.session.gap")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "Inactivity after which a session ends and gets its final score"
                                    + " (event time).");

    public static final ConfigOption<Duration> SCORE_INTERVAL =
            key("telltale.scoring.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Least event time between two interim scores of an active session that"
                                    + " do not escalate its action. Every batch is scored; one that"
                                    + " escalates the action (monitor, challenge, block) is published at"
                                    + " once, other changes at most once per interval.");

    public static final ConfigOption<Boolean> EMIT_INTERIM_SCORES =
            key("telltale.scoring.emit-interim")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether active sessions get interim scores; backtests that only want"
                                    + " each session's final score turn this off.");

    /** Where a telemetry batch's event time comes from. */
    public enum EventTime {
        /**
         * The Kafka record timestamp: the gateway sets it to its receive time (or the topic to the
         * broker's append time). The client cannot move it, and watermarks are made per Kafka
         * partition inside the source.
         */
        RECORD_TIMESTAMP,
        /**
         * The batch's {@code startedAt} (client clock), for sources without record timestamps:
         * files and backtests. Watermarks are made after parsing, per parallel parser.
         */
        BATCH_START
    }

    public static final ConfigOption<EventTime> EVENT_TIME =
            key("telltale.event-time")
                    .enumType(EventTime.class)
                    .defaultValue(EventTime.RECORD_TIMESTAMP)
                    .withDescription(
                            "Event time of a telemetry batch. RECORD_TIMESTAMP: the Kafka record"
                                    + " timestamp (the gateway's receive time), with watermarks per"
                                    + " Kafka partition; a record without one is dead-lettered as"
                                    + " BAD_TIMESTAMP. BATCH_START: the batch's startedAt (client"
                                    + " clock), for file sources and backtests.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            key("telltale.watermark.max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How late a batch may arrive behind the newest one and still count;"
                                    + " later ones are dead-lettered as LATE_EVENT.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            key("telltale.watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "A source split with no data for this long stops holding back the"
                                    + " watermark.");

    public static final ConfigOption<Double> CHALLENGE_THRESHOLD =
            key("telltale.scoring.challenge-threshold")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription("Score at or above which a session is challenged.");

    public static final ConfigOption<Double> BLOCK_THRESHOLD =
            key("telltale.scoring.block-threshold")
                    .doubleType()
                    .defaultValue(0.8)
                    .withDescription("Score at or above which a session is blocked.");

    public static final ConfigOption<String> MODEL_PATH =
            key("telltale.model.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The behaviour model the job scores with: a `telltale train` artifact at a"
                                    + " path or URI any Flink file system reads (file://, s3://, hdfs://), or"
                                    + " classpath:<resource> for one packed into the job jar. Unset: the"
                                    + " built-in human-norms-v1. A model that cannot be read stops the job"
                                    + " at start, before it reads any telemetry.");

    public static final ConfigOption<Duration> DEDUP_STATE_TTL =
            key("telltale.state.dedup-ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(2))
                    .withDescription(
                            "How long the per-session record of seen batch sequence numbers lives"
                                    + " after its last update; bounds state of abandoned sessions.");

    public static final ConfigOption<Boolean> PROFILES_ENABLED =
            key("telltale.profiles.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Keep a behaviour profile per user id and add how far an authenticated"
                                    + " session is from it to the risk (continuous authentication,"
                                    + " docs/profiles.md). Sessions without a user id are not affected.");

    public static final ConfigOption<Duration> PROFILE_TTL =
            key("telltale.profiles.ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(90))
                    .withDescription(
                            "How long a user's profile lives after it last learned from a session;"
                                    + " bounds the state of accounts that stopped coming back.");

    public static final ConfigOption<Duration> PROFILE_MIN_LEARN_INTERVAL =
            key("telltale.profiles.min-learn-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Least event time between two sessions a profile learns from, so that"
                                    + " whoever holds an account cannot make the profile theirs with a"
                                    + " burst of short sessions.");

    /** All options, for documentation and validation. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    KAFKA_GROUP_ID,
                    KAFKA_DELIVERY_GUARANTEE,
                    KAFKA_TRANSACTIONAL_ID_PREFIX,
                    TELEMETRY_TOPIC,
                    RISK_SCORES_TOPIC,
                    DEAD_LETTERS_TOPIC,
                    SESSION_GAP,
                    SCORE_INTERVAL,
                    EMIT_INTERIM_SCORES,
                    EVENT_TIME,
                    MAX_OUT_OF_ORDERNESS,
                    SOURCE_IDLENESS,
                    CHALLENGE_THRESHOLD,
                    BLOCK_THRESHOLD,
                    MODEL_PATH,
                    DEDUP_STATE_TTL,
                    PROFILES_ENABLED,
                    PROFILE_TTL,
                    PROFILE_MIN_LEARN_INTERVAL);

    private TelltaleOptions() {}
}
