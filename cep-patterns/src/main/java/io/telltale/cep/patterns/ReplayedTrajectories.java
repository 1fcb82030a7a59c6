package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Replayed trajectories: a bot that plays back recorded human mouse movement looks human in every
 * session, but it moves along the same paths each time. No person draws the same strokes twice.
 *
 * <p>Each session's risk score carries its trajectory fingerprint: shape hashes of its complete
 * strokes, robust to pixel noise, speed and sampling ({@code io.telltale.core.trajectory}). Keyed by
 * each shape, this fires on {@code minSessions} sessions within {@code window} that all share at
 * least {@code minSharedShapes} shapes and came from at least {@code minAddresses} addresses. The
 * finding is reported once, under the smallest shape they share.
 */
public final class ReplayedTrajectories extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;

    public static final String ID = "replayed-trajectories";
    static final String KEY_PREFIX = "trajectory:";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Replayed trajectories";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String owaspId() {
        // Replaying movement defeats behavioural detection whatever the bot is there for; no one OAT fits.
        return null;
    }

    @Override
    public String description() {
        return "The same mouse strokes in several sessions: a bot replaying recorded human movement to pass as"
                + " human, which no person can repeat.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("minSessions", 2, 2, 1000, "sessions moving along the same strokes"),
                Parameter.integer("minSharedShapes", 5, 1, 32,
                        "stroke shapes they all share (no two people shared 5 in docs/cross-session-patterns.md)")
                        .atRuntime(),
                Parameter.integer("minAddresses", 1, 1, 1000, "distinct IP addresses they came from").atRuntime(),
                Parameter.duration("window", Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(30),
                        "time from the first to the last of those sessions"));
    }

    @Override
    public List<String> keysOf(SessionSummary session, PatternParameters p) {
        if (session.trajectoryShapes().size() < p.integer("minSharedShapes")) {
            return List.of();
        }
        return session.trajectoryShapes().stream().sorted().map(shape -> KEY_PREFIX + shape).toList();
    }

    @Override
    public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        return Pattern.<SessionSummary>begin("replays", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(session -> !session.trajectoryShapes().isEmpty()))
                .times(p.integer("minSessions"))
                .within(p.duration("window"));
    }

    @Override
    public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        TreeSet<String> common = new TreeSet<>(sessions.get(0).trajectoryShapes());
        sessions.forEach(s -> common.retainAll(s.trajectoryShapes()));
        long addresses = sessions.stream().map(SessionSummary::clientIp).filter(Objects::nonNull).distinct().count();
        String focus = sessions.get(0).focus();
        return common.size() >= p.integer("minSharedShapes")
                && addresses >= p.integer("minAddresses")
                // The same sessions match under every shape they share: report them under the smallest.
                && (focus == null || focus.equals(KEY_PREFIX + common.first()));
    }

    @Override
    public List<String> skusOf(SessionSummary session) {
        return List.of();
    }
}
