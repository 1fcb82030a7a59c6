package io.telltale.cep.testkit;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.job.CrossSessionJob;
import io.telltale.cep.job.CrossSessionOptions;
import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.PatternSettings;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.RiskScore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs one pattern over a {@link Timeline} through the real topology (session summaries, network
 * facts, Flink CEP) on a local Flink, with event time driven by the timeline alone, and checks the
 * findings:
 *
 * <pre>
 * PatternTestKit.of(new InventoryHoarding())
 *     .with("minHolds", "3")
 *     .ipDatabase(mmdb)
 *     .run(timeline)
 *     .expectExactly(finding("sku:PS5", "bot-1", "bot-2", "bot-3"));
 * </pre>
 */
public final class PatternTestKit {

    private final CrossSessionPattern pattern;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Configuration config = new Configuration();

    private PatternTestKit(CrossSessionPattern pattern) {
        this.pattern = pattern;
    }

    public static PatternTestKit of(CrossSessionPattern pattern) {
        return new PatternTestKit(pattern);
    }

    /** Overrides a parameter, as the YAML file would (text, validated). */
    public PatternTestKit with(String parameter, String value) {
        parameters.put(parameter, value);
        return this;
    }

    public PatternTestKit ipDatabase(Path mmdb) {
        config.set(CrossSessionOptions.IP_DATABASE, mmdb.toString());
        return this;
    }

    public PatternTestKit sessionGap(Duration gap) {
        config.set(CrossSessionOptions.SESSION_GAP, gap);
        return this;
    }

    /** Runs the pattern over the timeline; findings in the order they fired. */
    public Findings run(Timeline timeline) {
        PatternParameters params = PatternParameters.of(pattern, parameters);
        PatternSettings settings = PatternSettings.only(pattern, params);
        List<CommerceEvent> events = timeline.commerceEvents();
        List<RiskScore> scores = timeline.riskScores(config.get(CrossSessionOptions.SESSION_GAP));
        return new Findings(findings(events, scores, config, settings, "PatternTestKit " + pattern.id()));
    }

    /**
     * Runs {@code settings} over commerce events (and risk scores) in time order through the real
     * topology on a local Flink, with a watermark behind every record; findings in the order they
     * fired. What {@link #run} does for one pattern, for any set of patterns.
     */
    public static List<Finding> findings(List<CommerceEvent> events, List<RiskScore> scores, Configuration config,
            PatternSettings settings, String jobName) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        long gap = config.get(CrossSessionOptions.SESSION_GAP).toMillis();
        DataStream<CommerceEvent> commerce = env
                .fromData(events, TypeInfos.COMMERCE_EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<CommerceEvent>forGenerator(c -> new ExplicitWatermarks<>())
                        .withTimestampAssigner((e, ts) -> e.time()));
        DataStream<RiskScore> risk = scores.isEmpty()
                ? CrossSessionJob.noRiskScores(commerce)
                : env.fromData(scores, TypeInfos.RISK_SCORE)
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<RiskScore>forGenerator(c -> new ExplicitWatermarks<>())
                                .withTimestampAssigner((s, ts) -> s.windowEnd() - gap));
        List<Finding> found = new ArrayList<>();
        try (CloseableIterator<Finding> it = CrossSessionJob.findings(commerce, risk, config, settings)
                .executeAndCollect(jobName)) {
            it.forEachRemaining(found::add);
        } catch (Exception e) {
            throw new IllegalStateException("the pattern run failed: " + e.getMessage(), e);
        }
        return found;
    }

    /** A finding expected by key and session ids. */
    public static Expected finding(String key, String... sessionIds) {
        return new Expected(key, new TreeSet<>(List.of(sessionIds)));
    }

    public record Expected(String key, Set<String> sessionIds) {
        @Override
        public String toString() {
            return key + " " + sessionIds;
        }
    }

    /** What a run found. */
    public static final class Findings {
        private final List<Finding> findings;

        Findings(List<Finding> findings) {
            this.findings = List.copyOf(findings);
        }

        public List<Finding> all() {
            return findings;
        }

        /** Fails unless the findings are exactly {@code expected}, in any order. */
        public Findings expectExactly(Expected... expected) {
            List<Expected> actual = findings.stream()
                    .map(f -> new Expected(f.key(), new TreeSet<>(f.sessions().stream()
                            .map(Finding.SessionEvidence::sessionId).toList())))
                    .sorted(Comparator.comparing(Expected::toString))
                    .toList();
            List<Expected> wanted = List.of(expected).stream()
                    .map(e -> new Expected(e.key(), new TreeSet<>(e.sessionIds())))
                    .sorted(Comparator.comparing(Expected::toString))
                    .toList();
            if (!actual.equals(wanted)) {
                throw new AssertionError("expected findings " + wanted + "\n but the pattern found " + actual);
            }
            return this;
        }

        public Findings expectNone() {
            return expectExactly();
        }
    }
}
