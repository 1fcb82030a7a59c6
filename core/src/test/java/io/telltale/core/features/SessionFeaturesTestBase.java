package io.telltale.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.KeyClass;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseKind;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.ScrollTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.TouchPhase;
import io.telltale.core.wire.TouchTrack;
import io.telltale.core.wire.WireVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Named instants and scripted behaviour, so a test reads like the session it checks. */
public abstract class SessionFeaturesTestBase {

    public static final long BEGINNING = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final long ONE_SECOND_LATER = BEGINNING + 1_000;
    public static final long TEN_SECONDS_LATER = BEGINNING + 10_000;
    public static final long ONE_MINUTE_LATER = BEGINNING + 60_000;
    public static final long TWO_MINUTES_LATER = BEGINNING + 120_000;

    /** A 60 Hz browser frame. */
    public static final int FRAME_MS = 16;

    public static final String DESKTOP_CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    public static final DeviceInfo DESKTOP =
            new DeviceInfo(false, List.of(), 1920, 1080, 1536, 730, 1.25f, 8, 0, "Win32", "en-US", "Europe/Paris", 0);

    public record MouseSample(long t, int x, int y, MouseKind kind) {}

    public record KeySample(long t, boolean down, KeyClass keyClass) {}

    public record ScrollSample(long t, int dx, int dy) {}

    public record TouchSample(long t, int x, int y, TouchPhase phase, float radius, float force) {}

    /** A scripted session: samples of every kind, cut into batches at will. */
    public static final class Session {
        public final List<MouseSample> mouse = new ArrayList<>();
        final List<KeySample> keys = new ArrayList<>();
        final List<ScrollSample> scroll = new ArrayList<>();
        final List<TouchSample> touch = new ArrayList<>();
        DeviceInfo device = DESKTOP;
        String userAgent = DESKTOP_CHROME;
        public String userId = "user-1";

        public Session mouse(List<MouseSample> samples) {
            mouse.addAll(samples);
            return this;
        }

        public Session keys(List<KeySample> samples) {
            keys.addAll(samples);
            return this;
        }

        public Session scroll(List<ScrollSample> samples) {
            scroll.addAll(samples);
            return this;
        }

        public Session touch(List<TouchSample> samples) {
            touch.addAll(samples);
            return this;
        }

        public Session device(DeviceInfo info, String ua) {
            device = info;
            userAgent = ua;
            return this;
        }

        public long start() {
            long start = Long.MAX_VALUE;
            for (MouseSample s : mouse) start = Math.min(start, s.t());
            for (KeySample s : keys) start = Math.min(start, s.t());
            for (ScrollSample s : scroll) start = Math.min(start, s.t());
            for (TouchSample s : touch) start = Math.min(start, s.t());
            return start == Long.MAX_VALUE ? BEGINNING : start;
        }

        public long end() {
            long end = Long.MIN_VALUE;
            for (MouseSample s : mouse) end = Math.max(end, s.t());
            for (KeySample s : keys) end = Math.max(end, s.t());
            for (ScrollSample s : scroll) end = Math.max(end, s.t());
            for (TouchSample s : touch) end = Math.max(end, s.t());
            return end == Long.MIN_VALUE ? BEGINNING : end;
        }

        public TelemetryBatch asOneBatch() {
            return cutAt().get(0);
        }

        /** Batches covering [previous cut, next cut), numbered 0.. in time order. */
        public List<TelemetryBatch> cutAt(long... cuts) {
            long[] bounds = new long[cuts.length + 2];
            bounds[0] = start();
            for (int i = 0; i < cuts.length; i++) {
                bounds[i + 1] = cuts[i];
            }
            bounds[bounds.length - 1] = end() + 1;
            Arrays.sort(bounds);
            List<TelemetryBatch> batches = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.length; i++) {
                batches.add(batch(i, bounds[i], bounds[i + 1]));
            }
            return batches;
        }

        /** Cut at {@code count} random instants inside the session. */
        public List<TelemetryBatch> cutRandomly(int count, Random random) {
            long start = start();
            long span = end() - start;
            long[] cuts = new long[count];
            for (int i = 0; i < count; i++) {
                cuts[i] = start + 1 + (long) (random.nextDouble() * span);
            }
            return cutAt(cuts);
        }

        TelemetryBatch batch(long sequence, long from, long to) {
            List<MouseSample> m = mouse.stream().filter(s -> s.t() >= from && s.t() < to).toList();
            List<KeySample> k = keys.stream().filter(s -> s.t() >= from && s.t() < to).toList();
            List<ScrollSample> sc = scroll.stream().filter(s -> s.t() >= from && s.t() < to).toList();
            List<TouchSample> tc = touch.stream().filter(s -> s.t() >= from && s.t() < to).toList();
            MouseTrack mouseTrack = new MouseTrack(
                    m.stream().mapToInt(s -> (int) (s.t() - from)).toArray(),
                    m.stream().mapToInt(MouseSample::x).toArray(),
                    m.stream().mapToInt(MouseSample::y).toArray(),
                    bytes(m.stream().mapToInt(s -> s.kind().code()).toArray()));
            boolean[] down = new boolean[k.size()];
            for (int i = 0; i < down.length; i++) {
                down[i] = k.get(i).down();
            }
            KeyTrack keyTrack = new KeyTrack(
                    k.stream().mapToInt(s -> (int) (s.t() - from)).toArray(),
                    down,
                    bytes(k.stream().mapToInt(s -> s.keyClass().code()).toArray()));
            ScrollTrack scrollTrack = new ScrollTrack(
                    sc.stream().mapToInt(s -> (int) (s.t() - from)).toArray(),
                    sc.stream().mapToInt(ScrollSample::dx).toArray(),
                    sc.stream().mapToInt(ScrollSample::dy).toArray());
            float[] radius = new float[tc.size()];
            float[] force = new float[tc.size()];
            for (int i = 0; i < tc.size(); i++) {
                radius[i] = tc.get(i).radius();
                force[i] = tc.get(i).force();
            }
            TouchTrack touchTrack = new TouchTrack(
                    tc.stream().mapToInt(s -> (int) (s.t() - from)).toArray(),
                    tc.stream().mapToInt(TouchSample::x).toArray(),
                    tc.stream().mapToInt(TouchSample::y).toArray(),
                    bytes(tc.stream().mapToInt(s -> s.phase().code()).toArray()),
                    radius, force);
            return new TelemetryBatch(WireVersion.CURRENT, "session-1", userId, sequence, from, to, to,
                    "/checkout", userAgent, "203.0.113.7", device, mouseTrack, keyTrack, scrollTrack, touchTrack);
        }
    }

    /** The same batch with another client sequence number. */
    public static TelemetryBatch numbered(TelemetryBatch b, long sequence) {
        return new TelemetryBatch(b.schemaVersion(), b.sessionId(), b.userId(), sequence, b.startedAt(), b.sentAt(),
                b.receivedAt(), b.route(), b.userAgent(), b.clientIp(), b.device(), b.mouse(), b.keys(), b.scroll(),
                b.touch());
    }

    public static Session session() {
        return new Session();
    }

    private static byte[] bytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    // ---- mouse

    /** A scripted mover: a straight line at constant speed, one sample per frame. */
    public static List<MouseSample> linearBotStroke(long start, int x0, int y0, int steps) {
        List<MouseSample> samples = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            samples.add(new MouseSample(start + (long) i * FRAME_MS, x0 + 6 * i, y0 + 3 * i, MouseKind.MOVE));
        }
        return samples;
    }

    /**
     * A human-like aimed movement: a sideways bow travelled with a minimum-jerk speed profile (Flash
     * &amp; Hogan 1985), so that it slows into the target, pixel noise, 16/17 ms frames with an
     * occasional dropped frame and 0 ms duplicate.
     */
    public static List<MouseSample> humanStroke(long start, int x0, int y0, int x1, int y1, long durationMs, long seed) {
        return humanStroke(start, x0, y0, x1, y1, durationMs, seed, true);
    }

    /**
     * @param bowByProgress the bow follows the path's progress; else its time, as before binary form
     *     11, when the stroke arrived sideways at speed (kept for the older forms' stored sessions)
     */
    private static List<MouseSample> humanStroke(long start, int x0, int y0, int x1, int y1, long durationMs, long seed,
            boolean bowByProgress) {
        Random random = new Random(seed);
        List<MouseSample> samples = new ArrayList<>();
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        double bow = 0.2 * length * (random.nextBoolean() ? 1 : -1);
        long t = start;
        while (true) {
            double tau = Math.min(1.0, (t - start) / (double) durationMs);
            double s = 10 * Math.pow(tau, 3) - 15 * Math.pow(tau, 4) + 6 * Math.pow(tau, 5);
            double side = bow * Math.sin(Math.PI * (bowByProgress ? s : tau));
            int x = (int) Math.round(x0 + s * dx - side * dy / length + random.nextGaussian());
            int y = (int) Math.round(y0 + s * dy + side * dx / length + random.nextGaussian());
            samples.add(new MouseSample(t, x, y, MouseKind.MOVE));
            if (random.nextInt(25) == 0) {
                samples.add(new MouseSample(t, x + random.nextInt(2), y, MouseKind.MOVE));
            }
            if (tau >= 1.0) {
                return samples;
            }
            t += random.nextInt(12) == 0 ? 33 : 16 + random.nextInt(2);
        }
    }

    /** mousedown, mouseup and click at one point, as a browser reports a press. */
    public static List<MouseSample> clickAt(long t, int x, int y) {
        return List.of(
                new MouseSample(t, x, y, MouseKind.DOWN),
                new MouseSample(t + 85, x, y, MouseKind.UP),
                new MouseSample(t + 86, x, y, MouseKind.CLICK));
    }

    /** A human visit: move to the target, settle, press. Returns the samples; ends at the target. */
    public static List<MouseSample> humanMoveAndClick(long start, int x0, int y0, int x1, int y1, long seed) {
        return humanMoveAndClick(start, x0, y0, x1, y1, seed, true);
    }

    private static List<MouseSample> humanMoveAndClick(long start, int x0, int y0, int x1, int y1, long seed, boolean bowByProgress) {
        List<MouseSample> samples = new ArrayList<>(humanStroke(start, x0, y0, x1, y1, 650, seed, bowByProgress));
        if (bowByProgress) {
            // people settle onto a target: a few slow pixels after the movement proper
            Random random = new Random(seed + 1);
            MouseSample end = samples.get(samples.size() - 1);
            for (int i = 1; i <= 5; i++) {
                samples.add(new MouseSample(end.t() + 50L * i, end.x() + random.nextInt(3) - 1, end.y() + random.nextInt(3) - 1,
                        MouseKind.MOVE));
            }
        }
        MouseSample last = samples.get(samples.size() - 1);
        samples.addAll(clickAt(last.t() + 120, last.x(), last.y()));
        return samples;
    }

    // ---- keys

    /** A script typing {@code keys} letters at a fixed interval and hold. */
    public static List<KeySample> steadyTyping(long start, int keys, int intervalMs, int dwellMs) {
        List<KeySample> samples = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            long down = start + (long) i * intervalMs;
            samples.add(new KeySample(down, true, KeyClass.LETTER));
            samples.add(new KeySample(down + dwellMs, false, KeyClass.LETTER));
        }
        return samples;
    }

    /** A person typing words: varied flights, spaces between words, each key released before the next. */
    /** Letters at normally distributed intervals (at least 10 ms) and 80 ms holds: a script's "humanised" rhythm. */
    public static List<KeySample> jitteredTyping(long start, int keys, int intervalMs, int intervalSdMs, long seed) {
        Random random = new Random(seed);
        List<KeySample> samples = new ArrayList<>();
        long t = start;
        for (int i = 0; i < keys; i++) {
            samples.add(new KeySample(t, true, KeyClass.LETTER));
            samples.add(new KeySample(t + 80, false, KeyClass.LETTER));
            t += Math.max(10, Math.round(intervalMs + random.nextGaussian() * intervalSdMs));
        }
        return samples;
    }

    public static List<KeySample> humanTyping(long start, int keys, long seed) {
        Random random = new Random(seed);
        List<KeySample> samples = new ArrayList<>();
        long t = start;
        for (int i = 0; i < keys; i++) {
            KeyClass keyClass = i % 6 == 5 ? KeyClass.SPACE : KeyClass.LETTER;
            long dwell = 60 + random.nextInt(70);
            samples.add(new KeySample(t, true, keyClass));
            samples.add(new KeySample(t + dwell, false, keyClass));
            t += dwell + 30 + (long) Math.abs(random.nextGaussian() * 120) + (i % 17 == 16 ? 900 : 0);
        }
        return samples;
    }

    /**
     * Words of {@code letters} letters separated by spaces, every flight drawn alike (log-normal
     * around 150 ms) except the one from a space into the next word, which is {@code wordStartPauseMs}
     * longer: 0 is a script that ignores words, a few hundred ms a person retrieving the next word.
     */
    public static List<KeySample> wordTyping(long start, int words, int letters, long wordStartPauseMs, long seed) {
        Random random = new Random(seed);
        List<KeySample> samples = new ArrayList<>();
        long t = start;
        for (int w = 0; w < words; w++) {
            for (int i = 0; i <= letters; i++) {
                KeyClass keyClass = i == letters ? KeyClass.SPACE : KeyClass.LETTER;
                samples.add(new KeySample(t, true, keyClass));
                samples.add(new KeySample(t + 40 + random.nextInt(60), false, keyClass));
                t += Math.round(150 * Math.exp(0.3 * random.nextGaussian())) + (i == letters ? wordStartPauseMs : 0);
            }
        }
        return samples;
    }

    // ---- scroll and touch

    public static List<ScrollSample> wheelScrolling(long start, int events, long seed) {
        Random random = new Random(seed);
        List<ScrollSample> samples = new ArrayList<>();
        long t = start;
        for (int i = 0; i < events; i++) {
            samples.add(new ScrollSample(t, 0, 40 + random.nextInt(80)));
            t += i % 6 == 5 ? 700 + random.nextInt(1500) : 20 + random.nextInt(60);
        }
        return samples;
    }

    public static List<TouchSample> swipe(long start, int x0, int y0, int steps, float radius, float force) {
        List<TouchSample> samples = new ArrayList<>();
        samples.add(new TouchSample(start, x0, y0, TouchPhase.START, radius, force));
        for (int i = 1; i <= steps; i++) {
            samples.add(new TouchSample(start + i * FRAME_MS, x0, y0 - 9 * i, TouchPhase.MOVE,
                    radius + (i % 3), force + 0.05f * (i % 4)));
        }
        samples.add(new TouchSample(start + (steps + 1) * FRAME_MS, x0, y0 - 9 * steps, TouchPhase.END,
                radius, force));
        return samples;
    }

    // ---- a rich human session mixing everything, used for batch-split invariance

    public static Session humanSession() {
        return humanSession(true);
    }

    /** {@link #humanSession} as it was when the older binary forms under test resources were written. */
    public static Session humanSessionOfTheOlderForms() {
        return humanSession(false);
    }

    private static Session humanSession(boolean bowByProgress) {
        Session session = session();
        long t = BEGINNING;
        int x = 200;
        int y = 300;
        Random random = new Random(42);
        for (int i = 0; i < 12; i++) {
            int nx = 100 + random.nextInt(1200);
            int ny = 100 + random.nextInt(600);
            List<MouseSample> visit = humanMoveAndClick(t, x, y, nx, ny, i, bowByProgress);
            session.mouse(visit);
            MouseSample last = visit.get(visit.size() - 1);
            x = last.x();
            y = last.y();
            t = last.t() + 150 + random.nextInt(900);
            // idle wandering without a click, with a short pause inside
            List<MouseSample> wander = humanStroke(t, x, y, x + 40, y + 25, 300, 100 + i, bowByProgress);
            session.mouse(wander);
            last = wander.get(wander.size() - 1);
            x = last.x();
            y = last.y();
            t = last.t() + 200 + random.nextInt(500);
        }
        session.keys(humanTyping(t, 80, 7));
        session.scroll(wheelScrolling(t + 30_000, 60, 8));
        long touchAt = t + 40_000;
        for (int i = 0; i < 6; i++) {
            session.touch(swipe(touchAt + i * 900L, 300, 800, 8 + i, 20f, 0.4f));
        }
        return session;
    }

    // ---- assertions and helpers

    public static SessionFeatureAccumulator accumulate(List<TelemetryBatch> batches) {
        SessionFeatureAccumulator acc = new SessionFeatureAccumulator();
        for (TelemetryBatch batch : batches) {
            acc.add(batch);
        }
        return acc;
    }

    public static SessionFeatures featuresOf(TelemetryBatch... batches) {
        return accumulate(List.of(batches)).features();
    }

    /** Same features: both NaN, or equal within 1e-9 relative; event counts (but batches) exactly equal. */
    public static void assertSameFeatures(SessionFeatures actual, SessionFeatures expected) {
        for (Feature feature : Feature.values()) {
            double a = actual.get(feature);
            double e = expected.get(feature);
            if (Double.isNaN(e)) {
                assertThat(a).as(feature.key()).isNaN();
            } else {
                assertThat(a).as(feature.key()).isCloseTo(e, within(1e-9 * Math.max(1.0, Math.abs(e))));
            }
        }
        EventCounts a = actual.counts();
        EventCounts e = expected.counts();
        assertThat(new EventCounts(0, a.mouseEvents(), a.strokes(), a.clicks(), a.keyEvents(), a.scrollEvents(), a.touchEvents()))
                .as("counts other than batches")
                .isEqualTo(new EventCounts(0, e.mouseEvents(), e.strokes(), e.clicks(), e.keyEvents(), e.scrollEvents(), e.touchEvents()));
    }
}
