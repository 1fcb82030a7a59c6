package io.telltale.simulator;

import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.ScrollTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cuts a session's recorded interaction into the batches its SDK sends: a flush every 2–5 s, and
 * one on leaving a page (pagehide), so a batch never spans two routes. Windows without events are
 * not sent and take no sequence number.
 */
final class BatchCutter {

    static final int MIN_FLUSH_INTERVAL_MS = 2000;
    static final int MAX_FLUSH_INTERVAL_MS = 5000;
    /** Time from the end of a batch window until the request leaves the browser. */
    static final int MIN_SEND_DELAY_MS = 5;
    static final int MAX_SEND_DELAY_MS = 80;

    private BatchCutter() {}

    static List<TelemetryBatch> cut(
            InteractionRecorder recorder, int endMs, String sessionId, String userId, long startEpochMillis,
            BrowserProfile profile, Random random) {
        List<InteractionRecorder.MouseSample> mouse = recorder.mouse();
        List<InteractionRecorder.KeySample> keys = recorder.keys();
        List<ScrollStep> scroll = recorder.scroll();
        List<InteractionRecorder.PageVisit> pages = recorder.pages();
        List<TelemetryBatch> batches = new ArrayList<>();
        int mi = 0;
        int ki = 0;
        int si = 0;
        for (int p = 0; p < pages.size(); p++) {
            InteractionRecorder.PageVisit page = pages.get(p);
            int pageEnd = Math.min(endMs, p + 1 < pages.size() ? pages.get(p + 1).startMs() : endMs);
            int windowStart = page.startMs();
            while (windowStart < pageEnd) {
                int windowEnd = Math.min(pageEnd,
                        windowStart + MIN_FLUSH_INTERVAL_MS + random.nextInt(MAX_FLUSH_INTERVAL_MS - MIN_FLUSH_INTERVAL_MS + 1));
                int m0 = mi;
                while (mi < mouse.size() && mouse.get(mi).t() < windowEnd) {
                    mi++;
                }
                int k0 = ki;
                while (ki < keys.size() && keys.get(ki).t() < windowEnd) {
                    ki++;
                }
                int s0 = si;
                while (si < scroll.size() && scroll.get(si).tMs() < windowEnd) {
                    si++;
                }
                if (mi > m0 || ki > k0 || si > s0) {
                    long startedAt = startEpochMillis + windowStart;
                    long sentAt = startEpochMillis + windowEnd
                            + MIN_SEND_DELAY_MS + random.nextInt(MAX_SEND_DELAY_MS - MIN_SEND_DELAY_MS + 1);
                    batches.add(new TelemetryBatch(
                            WireVersion.CURRENT, sessionId, userId, batches.size(), startedAt, sentAt, 0L,
                            page.route(), profile.userAgent(), profile.clientIp(), profile.device(),
                            mouseTrack(mouse.subList(m0, mi), windowStart),
                            keyTrack(keys.subList(k0, ki), windowStart),
                            scrollTrack(scroll.subList(s0, si), windowStart),
                            null));
                }
                windowStart = windowEnd;
            }
        }
        return batches;
    }

    private static MouseTrack mouseTrack(List<InteractionRecorder.MouseSample> samples, int origin) {
        if (samples.isEmpty()) {
            return MouseTrack.EMPTY;
        }
        int n = samples.size();
        int[] t = new int[n];
        int[] x = new int[n];
        int[] y = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            InteractionRecorder.MouseSample s = samples.get(i);
            t[i] = s.t() - origin;
            x[i] = s.x();
            y[i] = s.y();
            kind[i] = (byte) s.kind().code();
        }
        return new MouseTrack(t, x, y, kind);
    }

    private static KeyTrack keyTrack(List<InteractionRecorder.KeySample> samples, int origin) {
        if (samples.isEmpty()) {
            return KeyTrack.EMPTY;
        }
        int n = samples.size();
        int[] t = new int[n];
        boolean[] down = new boolean[n];
        byte[] keyClass = new byte[n];
        for (int i = 0; i < n; i++) {
            InteractionRecorder.KeySample s = samples.get(i);
            t[i] = s.t() - origin;
            down[i] = s.down();
            keyClass[i] = (byte) s.keyClass().code();
        }
        return new KeyTrack(t, down, keyClass);
    }

    private static ScrollTrack scrollTrack(List<ScrollStep> steps, int origin) {
        if (steps.isEmpty()) {
            return ScrollTrack.EMPTY;
        }
        int n = steps.size();
        int[] t = new int[n];
        int[] dx = new int[n];
        int[] dy = new int[n];
        for (int i = 0; i < n; i++) {
            ScrollStep s = steps.get(i);
            t[i] = s.tMs() - origin;
            dx[i] = s.dx();
            dy[i] = s.dy();
        }
        return new ScrollTrack(t, dx, dy);
    }
}
