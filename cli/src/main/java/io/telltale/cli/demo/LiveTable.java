package io.telltale.cli.demo;

import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.util.List;
import java.util.Locale;

/** Renders the demo's live view of sessions as text. */
public final class LiveTable {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final int REASON_WIDTH = 60;

    private LiveTable() {}

    public static String render(ScoreBoard board, int rows, String header, boolean ansi) {
        StringBuilder out = new StringBuilder();
        if (ansi) {
            out.append(CLEAR_SCREEN);
        }
        out.append(header).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "%-18s %-20s %5s  %-9s %-8s %-5s %s%n",
                "SESSION", "WHO (simulator)", "SCORE", "ACTION", "EVIDENCE", "FINAL", "TOP REASON"));
        for (ScoreBoard.Row row : board.recent(rows)) {
            RiskScore score = row.latest();
            List<Reason> reasons = score.reasons();
            String reason = reasons.isEmpty() ? "-" : reasons.get(0).text();
            out.append(String.format(
                    Locale.ROOT,
                    "%-18s %-20s %5.2f  %-9s %-8s %-5s %s%n",
                    abbreviate(row.sessionId(), 18),
                    abbreviate(row.truth(), 20),
                    score.score(),
                    score.action().wireName(),
                    RiskScore.EVIDENCE_SUFFICIENT.equals(score.evidence()) ? "enough" : "little",
                    score.isFinal() ? "yes" : "no",
                    abbreviate(reason, REASON_WIDTH)));
        }
        out.append(summary(board)).append('\n');
        return out.toString();
    }

    public static String summary(ScoreBoard board) {
        ScoreBoard.Tally humans = board.tally(false);
        ScoreBoard.Tally bots = board.tally(true);
        return String.format(
                Locale.ROOT,
                "humans: %d scored, mean %.2f, %d challenged, %d blocked | bots: %d scored, mean %.2f,"
                        + " %d challenged, %d blocked",
                humans.sessions(), humans.meanScore(), humans.challenged(), humans.blocked(),
                bots.sessions(), bots.meanScore(), bots.challenged(), bots.blocked());
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
