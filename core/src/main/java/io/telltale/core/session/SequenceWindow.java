package io.telltale.core.session;

/**
 * Remembers which batch sequence numbers of a session were already seen, in constant space: the
 * highest sequence number and a bitmap of the {@value #SPAN} before it. The SDK retries a batch
 * when a send fails or the page hides, so the same batch can arrive twice; counting it twice
 * would double its strokes and fake zero-interval samples.
 *
 * <p>A sequence number more than {@value #SPAN} below the highest seen cannot be told apart from
 * a duplicate and is reported as {@link Verdict#TOO_OLD}; callers accept it (losing a late
 * batch is worse than rarely counting one twice).
 */
public final class SequenceWindow {

    /** Sequence numbers remembered behind the highest one: at 2-5 s per batch, several minutes. */
    public static final int SPAN = 64;

    public enum Verdict {
        NEW,
        DUPLICATE,
        TOO_OLD
    }

    private long highest;
    private long seenMask;

    private SequenceWindow(long highest, long seenMask) {
        this.highest = highest;
        this.seenMask = seenMask;
    }

    public static SequenceWindow empty() {
        return new SequenceWindow(-1L, 0L);
    }

    /** Restores a window from {@link #highest()} and {@link #seenMask()}. */
    public static SequenceWindow of(long highest, long seenMask) {
        return new SequenceWindow(highest, seenMask);
    }

    /** Records {@code sequence} and says whether it was new. */
    public Verdict observe(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        if (sequence > highest) {
            long shift = sequence - highest;
            seenMask = shift >= SPAN ? 0L : seenMask << shift;
            // Bit 0 stands for `highest` itself once the window moved.
            seenMask |= 1L;
            highest = sequence;
            return Verdict.NEW;
        }
        long behind = highest - sequence;
        if (behind >= SPAN) {
            return Verdict.TOO_OLD;
        }
        long bit = 1L << behind;
        if ((seenMask & bit) != 0) {
            return Verdict.DUPLICATE;
        }
        seenMask |= bit;
        return Verdict.NEW;
    }

    public long highest() {
        return highest;
    }

    public long seenMask() {
        return seenMask;
    }
}
