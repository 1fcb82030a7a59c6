package io.telltale.cep.patterns;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.Parameter;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.pattern.Severity;
import io.telltale.cep.session.SessionSummary;
import java.time.Duration;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Slow-and-low revisits: one browser comes back again and again in short sessions, spread over
 * hours and hopping between addresses — a scraper or a stock checker staying under every
 * per-session and per-IP rate limit.
 *
 * <p>Fires on at least {@code minSessions} sessions of one device fingerprint, each no longer than
 * {@code maxSessionDuration}, within {@code window}, when they span at least {@code minSpread} and
 * came from at least {@code minAddresses} distinct IP addresses.
 */
public final class SlowAndLowRevisits extends CrossSessionPattern {
    private static final long serialVersionUID = 1L;

    public static final String ID = "slow-and-low-revisits";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Slow-and-low revisits";
    }

    @Override
    public Severity severity() {
        return Severity.MEDIUM;
    }

    @Override
    public String owaspId() {
        return "OAT-011";
    }

    @Override
    public String description() {
        return "One browser returning in many short sessions over hours from changing addresses: automated"
                + " scraping or stock checking kept under rate limits (Scraping).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("minSessions", 6, 2, 100_000, "short sessions of one device within the window"),
                Parameter.duration("maxSessionDuration", Duration.ofMinutes(3), Duration.ofSeconds(1),
                        Duration.ofHours(6), "sessions longer than this do not count"),
                Parameter.duration("window", Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(7),
                        "time from the first to the last of those sessions"),
                Parameter.duration("minSpread", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7),
                        "the sessions must spread over at least this long: a burst is another pattern").atRuntime(),
                Parameter.integer("minAddresses", 3, 1, 100_000, "distinct IP addresses the sessions came from")
                        .atRuntime());
    }

    @Override
    public List<String> keysOf(SessionSummary session, PatternParameters p) {
        return session.deviceFingerprint() == null || !isShort(session, p.duration("maxSessionDuration").toMillis())
                ? List.of() : List.of("device:" + session.deviceFingerprint());
    }

    @Override
    public Pattern<SessionSummary, ?> pattern(PatternParameters p) {
        long maxSessionMillis = p.duration("maxSessionDuration").toMillis();
        return Pattern.<SessionSummary>begin("visits", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(session -> isShort(session, maxSessionMillis)))
                .times(p.integer("minSessions"))
                .within(p.duration("window"));
    }

    private static boolean isShort(SessionSummary session, long maxSessionMillis) {
        return session.durationMillis() <= maxSessionMillis;
    }

    @Override
    public boolean confirms(List<SessionSummary> sessions, PatternParameters p) {
        long addresses = sessions.stream().flatMap(s -> s.clientIps().stream()).distinct().count();
        long spread = sessions.get(sessions.size() - 1).endedAt() - sessions.get(0).startedAt();
        return addresses >= p.integer("minAddresses") && spread >= p.duration("minSpread").toMillis();
    }

    @Override
    public List<String> skusOf(SessionSummary session) {
        return List.of();
    }
}
