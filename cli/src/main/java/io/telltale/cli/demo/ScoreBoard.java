package io.telltale.cli.demo;

import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The latest score of every session the demo has seen, next to who the simulator says is behind
 * it, so the table can show whether Telltale got each one right.
 */
public final class ScoreBoard {

    /**
     * One session's row. {@code simulated}: the simulator played it, so {@code bot} is the truth and
     * the row counts in the tallies (a shop visitor's does not).
     */
    public record Row(String sessionId, String truth, boolean simulated, boolean bot, RiskScore latest, long updatedAt) {}

    /** Per side (humans or bots): how many were scored and how they fared. */
    public record Tally(int sessions, double meanScore, int challenged, int blocked) {
        public int flagged() {
            return challenged + blocked;
        }
    }

    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final Function<String, String> truthOf;
    private final Function<String, Boolean> isBot;

    /**
     * @param truthOf who is behind a session ("human", "linear_bot", "shop" ...), null if unknown
     * @param isBot   whether that is a bot; null when the simulator did not play the session
     */
    public ScoreBoard(Function<String, String> truthOf, Function<String, Boolean> isBot) {
        this.truthOf = truthOf;
        this.isBot = isBot;
    }

    public void record(RiskScore score, long now) {
        rows.compute(score.sessionId(), (id, previous) -> {
            // Keep the final score once it arrived; interim ones can come in after it on replay.
            if (previous != null && previous.latest().isFinal() && !score.isFinal()) {
                return previous;
            }
            String truth = truthOf.apply(id);
            Boolean bot = isBot.apply(id);
            return new Row(id, truth == null ? "?" : truth, bot != null, bot != null && bot, score, now);
        });
    }

    /** The most recently updated rows first. */
    public List<Row> recent(int limit) {
        return rows.values().stream()
                .sorted(Comparator.comparingLong(Row::updatedAt).reversed().thenComparing(Row::sessionId))
                .limit(limit)
                .toList();
    }

    public Tally tally(boolean bots) {
        int sessions = 0;
        int challenged = 0;
        int blocked = 0;
        double sum = 0;
        for (Row row : rows.values()) {
            if (!row.simulated() || row.bot() != bots) {
                continue;
            }
            sessions++;
            sum += row.latest().score();
            if (row.latest().action() == Action.CHALLENGE) {
                challenged++;
            } else if (row.latest().action() == Action.BLOCK) {
                blocked++;
            }
        }
        return new Tally(sessions, sessions == 0 ? 0 : sum / sessions, challenged, blocked);
    }

    public int size() {
        return rows.size();
    }
}
