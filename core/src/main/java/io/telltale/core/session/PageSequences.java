package io.telltale.core.session;

import java.util.Arrays;

/**
 * Which batches of a session were already seen, per page instance: a {@link SequenceWindow} for
 * each page stream (the {@code pageId} of the wire format), so that two tabs of one session, or a
 * reload, both counting from seq 0, are not taken for each other's retries. Batches without a
 * page id are one more stream, the session's only one for producers that send none.
 *
 * <p>Bounded: at most {@value #MAX_PAGES} streams per session, the least recently seen evicted
 * first. A page stream that was evicted starts over empty when it sends again, so a retry of one
 * of its batches is then accepted once more and counted twice (its events are merged into the
 * session's features again). That is the chosen trade-off: a session with more than
 * {@value #MAX_PAGES} pages sending at once is rare, a retry arrives within seconds of its first
 * attempt, and scoring a rare retry twice is better than losing a page's data.
 *
 * <p>A stream is three longs (page key, highest seq, bitmap), most recently seen first, so the
 * whole is one {@code long[]} of at most {@value #MAX_PAGES} × 3 entries. A page id is kept as a
 * 64-bit FNV-1a hash, not as text: two page ids of one session that hash alike (chance about
 * 2<sup>-64</sup> per pair of random ids) share a stream, and their clashing batches are dropped
 * as duplicates of each other.
 */
public final class PageSequences {

    /** Page streams kept per session: a few tabs at once, each page load a new stream. */
    public static final int MAX_PAGES = 4;

    /** Longs per stream in {@link #encoded()}: page key, highest sequence, seen bitmap. */
    private static final int STRIDE = 3;

    /** Page key of batches without a page id; no page id hashes to it. */
    static final long NO_PAGE = 0L;

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Streams, most recently seen first. */
    private long[] streams;

    private PageSequences(long[] streams) {
        this.streams = streams;
    }

    public static PageSequences empty() {
        return new PageSequences(new long[0]);
    }

    /** Restores the streams from {@link #encoded()}. */
    public static PageSequences of(long[] encoded) {
        if (encoded.length % STRIDE != 0 || encoded.length > MAX_PAGES * STRIDE) {
            throw new IllegalArgumentException("not an encoding of page sequences: " + encoded.length + " longs");
        }
        return new PageSequences(encoded.clone());
    }

    /**
     * The session's one stream of batches without a page id, from a {@link SequenceWindow}'s two
     * numbers: how state from before page ids is carried over.
     */
    public static PageSequences ofPagelessWindow(long highest, long seenMask) {
        return new PageSequences(new long[] {NO_PAGE, highest, seenMask});
    }

    /**
     * Records batch {@code sequence} of page {@code pageId} (null: no page id) and says whether it
     * was new; the page becomes the most recently seen.
     */
    public SequenceWindow.Verdict observe(String pageId, long sequence) {
        long key = keyOf(pageId);
        int at = indexOf(key);
        SequenceWindow window = at < 0
                ? SequenceWindow.empty()
                : SequenceWindow.of(streams[at * STRIDE + 1], streams[at * STRIDE + 2]);
        SequenceWindow.Verdict verdict = window.observe(sequence);
        moveToFront(at, key, window);
        return verdict;
    }

    /** Page streams remembered, at most {@value #MAX_PAGES}. */
    public int pages() {
        return streams.length / STRIDE;
    }

    /** The streams as longs, for state: three per page, most recently seen first. */
    public long[] encoded() {
        return streams.clone();
    }

    private int indexOf(long key) {
        for (int i = 0; i < pages(); i++) {
            if (streams[i * STRIDE] == key) {
                return i;
            }
        }
        return -1;
    }

    /** Puts the stream first; a new one pushes out the least recently seen when all places are taken. */
    private void moveToFront(int at, long key, SequenceWindow window) {
        int kept = at >= 0 ? at : Math.min(pages(), MAX_PAGES - 1);
        long[] next = at >= 0 || pages() == MAX_PAGES ? streams : Arrays.copyOf(streams, streams.length + STRIDE);
        System.arraycopy(streams, 0, next, STRIDE, kept * STRIDE);
        next[0] = key;
        next[1] = window.highest();
        next[2] = window.seenMask();
        streams = next;
    }

    static long keyOf(String pageId) {
        if (pageId == null) {
            return NO_PAGE;
        }
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < pageId.length(); i++) {
            hash = (hash ^ pageId.charAt(i)) * FNV_PRIME;
        }
        return hash == NO_PAGE ? 1L : hash;
    }
}
