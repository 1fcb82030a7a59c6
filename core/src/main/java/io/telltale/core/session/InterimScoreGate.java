package io.telltale.core.session;

import io.telltale.core.wire.Action;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.io.Serializable;
import java.util.List;

/**
 * Decides which interim scores of an open session are published. A session is scored on every
 * batch, so the batch that pushes it over a threshold is decided at once; publishing every one of
 * those scores would multiply the risk-score topic by the batch rate, so an update goes out at
 * once only when the action escalates (monitor → challenge → block), and otherwise when it changed
 * materially and at least {@code interval} of event time has passed since the last published
 * interim score. A material change held back is {@linkplain Memory#withheld() remembered}, and
 * published by the first firing at or after {@code lastPublished + interval}; final scores always
 * go out and are not the gate's business.
 *
 * <p>Event time here is the session's clock as its window operator knows it: the latest batch's
 * time, or the watermark when that is ahead (a catch-up firing).
 */
public final class InterimScoreGate implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * A change of the score smaller than this, with the same action and reasons, is not worth an
     * update: the action is what a caller acts on, and the thresholds are 0.3 apart by default
     * (challenge 0.5, block 0.8).
     */
    public static final double MATERIAL_SCORE_CHANGE = 0.05;

    private final long intervalMillis;

    public InterimScoreGate(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("scoring interval must be positive, was " + intervalMillis + " ms");
        }
        this.intervalMillis = intervalMillis;
    }

    /**
     * What the gate remembers of one visit of a session.
     *
     * @param windowStart     start of the session window at the last scoring, to tell this visit
     *                        from a later one under the same session id
     * @param windowEnd       its end then
     * @param publishedAt     event time of the last published interim score
     * @param action          that score's action
     * @param score           that score's value
     * @param reasonCodes     that score's reason codes, in order
     * @param batchesScored   batches in the window at the last scoring, published or not
     * @param withheld        whether a material change since the last published score is held back
     */
    public record Memory(
            long windowStart,
            long windowEnd,
            long publishedAt,
            Action action,
            double score,
            List<String> reasonCodes,
            long batchesScored,
            boolean withheld) {

        public Memory {
            reasonCodes = List.copyOf(reasonCodes);
        }

        /** Whether this memory is of the visit whose window is [start, end): session windows that overlap merge. */
        public boolean isOfWindow(long start, long end) {
            return windowStart < end && start < windowEnd;
        }
    }

    /** The gate's decision on one interim score, and what it remembers afterwards. */
    public record Decision(boolean publish, Memory memory) {}

    /**
     * Whether a firing can be skipped without scoring: nothing arrived since the last scoring and
     * nothing is held back, so the score would be the one already decided on.
     */
    public static boolean nothingToDo(Memory memory, long batches) {
        return memory != null && memory.batchesScored() == batches && !memory.withheld();
    }

    /**
     * Decides on an interim {@code score} of a window that holds {@code batches} batches, at event
     * time {@code now}, given the memory of this visit (null for the visit's first score).
     */
    public Decision decide(Memory memory, RiskScore score, long batches, long now) {
        if (memory == null || escalates(memory, score)) {
            return new Decision(true, published(score, batches, now));
        }
        boolean material = changedMaterially(memory, score);
        if (material && now >= memory.publishedAt() + intervalMillis) {
            return new Decision(true, published(score, batches, now));
        }
        return new Decision(false, new Memory(
                score.windowStart(),
                score.windowEnd(),
                memory.publishedAt(),
                memory.action(),
                memory.score(),
                memory.reasonCodes(),
                batches,
                material));
    }

    private static boolean escalates(Memory memory, RiskScore score) {
        return score.action().compareTo(memory.action()) > 0;
    }

    private static boolean changedMaterially(Memory memory, RiskScore score) {
        return score.action() != memory.action()
                || Math.abs(score.score() - memory.score()) >= MATERIAL_SCORE_CHANGE
                || !reasonCodes(score).equals(memory.reasonCodes());
    }

    private static Memory published(RiskScore score, long batches, long now) {
        return new Memory(score.windowStart(), score.windowEnd(), now, score.action(), score.score(),
                reasonCodes(score), batches, false);
    }

    private static List<String> reasonCodes(RiskScore score) {
        return score.reasons().stream().map(Reason::code).toList();
    }
}
