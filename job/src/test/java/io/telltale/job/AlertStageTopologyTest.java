package io.telltale.job;

import static io.telltale.job.TelltaleTestBase.boundedTelemetrySource;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.alert.Alert;
import io.telltale.core.policy.PolicySet;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.junit.jupiter.api.Test;

/**
 * The policies keep per-session state, so their input must be partitioned by session: straight
 * from the session windows it already is (no shuffle); after the profiles re-keyed the scores by
 * user, it must be keyed by session again, or with more than one subtask a session's alert level
 * would be read from a subtask that does not own it.
 */
class AlertStageTopologyTest {

    @Test
    void scoresReKeyedByUserAreKeyedBySessionAgainBeforeThePolicies() {
        assertThat(partitionerIntoThePolicies(true)).isInstanceOf(KeyGroupStreamPartitioner.class);
    }

    @Test
    void scoresStraightFromTheSessionWindowsReachThePoliciesWithoutAShuffle() {
        assertThat(partitionerIntoThePolicies(false)).isInstanceOf(ForwardPartitioner.class);
    }

    private static Object partitionerIntoThePolicies(boolean profiles) {
        Configuration config = new Configuration();
        config.set(TelltaleOptions.PROFILES_ENABLED, profiles);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Map<String, Sink<Alert>> sinks = Map.of("discard", new DiscardingSink<>());
        new TelltaleJob(
                        boundedTelemetrySource("localhost:9092", "telemetry", "topology-test"),
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        config)
                .withAlerts(new AlertStage(PolicySet.uniform(0.5, 0.8), Duration.ofHours(2), sinks))
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        StreamNode policies = graph.getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals("Apply policies, raise alerts"))
                .findFirst()
                .orElseThrow();
        assertThat(policies.getInEdges()).hasSize(1);
        StreamEdge in = policies.getInEdges().get(0);
        return in.getPartitioner();
    }
}
