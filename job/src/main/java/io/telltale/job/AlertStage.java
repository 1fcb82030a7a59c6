package io.telltale.job;

import io.telltale.connectors.policy.PolicyFile;
import io.telltale.connectors.siem.AlertSinks;
import io.telltale.core.alert.Alert;
import io.telltale.core.policy.PolicySet;
import io.telltale.core.wire.RiskScore;
import io.telltale.job.functions.GoodBotCheck;
import io.telltale.job.functions.PolicyEnforcer;
import io.telltale.job.state.AlertSerializer;
import io.telltale.job.state.CheckedScore;
import io.telltale.job.state.CheckedScoreSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Risk scores → good-bot check → policy and escalation, keyed by session → alert sinks. Each sink
 * has a name that fixes its operator uid ({@code alert-sink-<name>}), so sinks can be added without
 * orphaning the state of the others.
 */
public final class AlertStage {

    public static final String ENFORCE_UID = "enforce-policy";
    public static final String VERIFY_GOOD_BOTS_UID = "verify-good-bots";

    /** A DNS verdict holds this long; crawler addresses change rarely. */
    static final Duration GOOD_BOT_CACHE_TTL = Duration.ofHours(1);
    /** Past this a lookup counts as "not verified"; the score goes on. */
    static final Duration GOOD_BOT_LOOKUP_TIMEOUT = Duration.ofSeconds(2);
    /** Scores waiting for a lookup at once, per subtask, before back-pressure. */
    static final int GOOD_BOT_LOOKUPS_IN_FLIGHT = 100;

    private final PolicySet policies;
    private final Duration stateTtl;
    private final Map<String, Sink<Alert>> sinks;

    public AlertStage(PolicySet policies, Duration stateTtl, Map<String, Sink<Alert>> sinks) {
        this.policies = policies;
        this.stateTtl = stateTtl;
        this.sinks = new LinkedHashMap<>(sinks);
    }

    /** The policies named by {@link AlertOptions#POLICY_FILE}, or the built-in ones. */
    public static PolicySet policies(Configuration config) {
        return config.getOptional(AlertOptions.POLICY_FILE)
                .map(path -> PolicyFile.read(Path.of(path)))
                .orElseGet(PolicyFile::builtIn);
    }

    /** Production sinks ({@link AlertSinks#fromConfig}): the alerts topic, and syslog when a host is set. */
    public static AlertStage fromConfig(Configuration config, String bootstrapServers, String transactionalIdPrefix) {
        return new AlertStage(policies(config), config.get(AlertOptions.ALERT_STATE_TTL),
                AlertSinks.fromConfig(config, bootstrapServers, transactionalIdPrefix));
    }

    /**
     * @param partitionedBySession whether {@code scores} come straight from the session windows,
     *                             still partitioned by session id; then the policies need no shuffle
     */
    void attachTo(DataStream<RiskScore> scores, boolean partitionedBySession) {
        // Ordered: a session's scores must reach the escalation logic in the order they were made.
        SingleOutputStreamOperator<CheckedScore> checked = AsyncDataStream.orderedWait(
                        scores,
                        new GoodBotCheck(policies.allowlist().goodBots(), GOOD_BOT_CACHE_TTL),
                        GOOD_BOT_LOOKUP_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS,
                        GOOD_BOT_LOOKUPS_IN_FLIGHT)
                .returns(CheckedScoreSerializer.TYPE_INFO)
                .uid(VERIFY_GOOD_BOTS_UID)
                .name("Verify good bots (reverse + forward DNS)");
        // Scores that left the session windows are still partitioned by session, and the ordered async
        // check keeps them where they are: then there is no second shuffle to the policies, which chain
        // onto the check (a keyBy sent every score through its JSON form over the network; bench/'s
        // profile of the job). Scores re-keyed by user for the profiles must be keyed by session again.
        KeySelector<CheckedScore, String> session = c -> c.score().sessionId();
        KeyedStream<CheckedScore, String> bySession = partitionedBySession
                ? DataStreamUtils.reinterpretAsKeyedStream(checked, session, Types.STRING)
                : checked.keyBy(session, Types.STRING);
        SingleOutputStreamOperator<Alert> alerts = bySession
                .process(new PolicyEnforcer(policies, stateTtl))
                .returns(AlertSerializer.TYPE_INFO)
                .uid(ENFORCE_UID)
                .name("Apply policies, raise alerts");
        sinks.forEach((name, sink) ->
                alerts.sinkTo(sink).uid("alert-sink-" + name).name("Alerts to " + name));
    }
}
