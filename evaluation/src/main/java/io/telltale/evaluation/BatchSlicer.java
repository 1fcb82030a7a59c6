package io.telltale.evaluation;

import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts a recording (or a time window of it) into the telemetry batches an SDK would have sent: a
 * flush every 2–5 s, as the browser SDK and the simulator do; windows without samples are not
 * sent and take no sequence number. Deterministic per session id.
 */
public final class BatchSlicer {

    static final int MIN_FLUSH_MS = 2_000;
    static final int MAX_FLUSH_MS = 5_000;
    /** Route of dataset sessions: the datasets record no pages. */
    static final String ROUTE = "/";

    private BatchSlicer() {}

    /** The whole recording. */
    public static List<TelemetryBatch> batches(Recording r) {
        return batches(r, Integer.MIN_VALUE, Integer.MAX_VALUE, r.sessionId());
    }

    /** Samples with {@code fromMs <= t < toMs}, as session {@code sessionId}. */
    public static List<TelemetryBatch> batches(Recording r, int fromMs, int toMs, String sessionId) {
        SplittableRandom random = new SplittableRandom(sessionId.hashCode() * 0x9E3779B97F4A7C15L);
        int mi = lowerBound(r.mouseT(), fromMs);
        int mEnd = lowerBound(r.mouseT(), toMs);
        int ki = lowerBound(r.keyT(), fromMs);
        int kEnd = lowerBound(r.keyT(), toMs);
        List<TelemetryBatch> batches = new ArrayList<>();
        while (mi < mEnd || ki < kEnd) {
            int windowStart = Math.min(mi < mEnd ? r.mouseT()[mi] : Integer.MAX_VALUE, ki < kEnd ? r.keyT()[ki] : Integer.MAX_VALUE);
            long windowEnd = (long) windowStart + random.nextInt(MIN_FLUSH_MS, MAX_FLUSH_MS + 1);
            int m0 = mi;
            while (mi < mEnd && r.mouseT()[mi] < windowEnd) {
                mi++;
            }
            int k0 = ki;
            while (ki < kEnd && r.keyT()[ki] < windowEnd) {
                ki++;
            }
            long startedAt = r.startEpochMs() + windowStart;
            batches.add(new TelemetryBatch(WireVersion.CURRENT, sessionId, r.userId(), batches.size(), startedAt,
                    r.startEpochMs() + windowEnd, 0L, ROUTE, r.userAgent(), null, r.device(),
                    mouse(r, m0, mi, windowStart), keys(r, k0, ki, windowStart), null, null));
        }
        return batches;
    }

    private static MouseTrack mouse(Recording r, int from, int to, int origin) {
        if (from == to) {
            return MouseTrack.EMPTY;
        }
        int n = to - from;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.mouseT()[from + i] - origin;
        }
        byte[] kind = new byte[n];
        System.arraycopy(r.mouseKind(), from, kind, 0, n);
        return new MouseTrack(t, Arrays.copyOfRange(r.mouseX(), from, to),
                Arrays.copyOfRange(r.mouseY(), from, to), kind);
    }

    private static KeyTrack keys(Recording r, int from, int to, int origin) {
        if (from == to) {
            return KeyTrack.EMPTY;
        }
        int n = to - from;
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.keyT()[from + i] - origin;
        }
        return new KeyTrack(t, Arrays.copyOfRange(r.keyDown(), from, to),
                Arrays.copyOfRange(r.keyClass(), from, to));
    }

    /** First index whose value is {@code >= value}. */
    static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
