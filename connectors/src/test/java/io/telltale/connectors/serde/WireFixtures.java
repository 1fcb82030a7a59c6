package io.telltale.connectors.serde;

import io.telltale.core.wire.Action;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.DeviceInfo;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.KeyTrack;
import io.telltale.core.wire.MouseTrack;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.ScrollTrack;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.TouchTrack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Named instants and records shared by the serde tests. */
public final class WireFixtures {
    /** 2026-03-01T12:00:00Z, when a batch was started. */
    public static final long BEGINNING = 1_772_366_400_000L;
    public static final long TWO_SECONDS_LATER = BEGINNING + 2_000;
    public static final long ONE_MINUTE_LATER = BEGINNING + 60_000;
    /** The serde clock stands a minute after the batch started. */
    public static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(ONE_MINUTE_LATER), ZoneOffset.UTC);

    private WireFixtures() {}

    public static TelemetryBatchSerde telemetrySerde() {
        return new TelemetryBatchSerde(ValidationLimits.DEFAULTS, NOW);
    }

    public static DeviceInfo desktopChrome() {
        return new DeviceInfo(false, List.of(), 1920, 1080, 1280, 720, 1.25f, 8, 0,
                "Win32", "en-US", "Europe/Paris", 0);
    }

    /** A batch with every track and every optional field set. */
    public static TelemetryBatch fullBatch() {
        return new TelemetryBatch(1, "s-42", "u-7", "pA7f3k9Qx2Lm0wZc", 3, BEGINNING, TWO_SECONDS_LATER, TWO_SECONDS_LATER + 15,
                "/p/42", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "203.0.113.7", desktopChrome(),
                new MouseTrack(new int[] {0, 16, 33, 50}, new int[] {100, 104, 111, 111}, new int[] {200, 203, 207, 207},
                        new byte[] {0, 0, 0, 3}),
                new KeyTrack(new int[] {400, 480, 520}, new boolean[] {true, false, true}, new byte[] {0, 0, 2}),
                new ScrollTrack(new int[] {900, 950}, new int[] {0, 0}, new int[] {120, -40}),
                new TouchTrack(new int[] {1000, 1016}, new int[] {10, 12}, new int[] {20, 25}, new byte[] {0, 2},
                        new float[] {11.5f, 12f}, new float[] {0.5f, 0.25f}));
    }

    /** The smallest valid batch: required fields only. */
    public static String minimalBatchJson() {
        return "{\"v\":1,\"sessionId\":\"s-1\",\"seq\":0,\"startedAt\":" + BEGINNING + ",\"sentAt\":" + TWO_SECONDS_LATER + "}";
    }

    public static CommerceEvent cartAdd() {
        return new CommerceEvent(1, CommerceEventType.CART_ADD, "s-42", "u-7", "203.0.113.7", "sku-1", "gpu", 2,
                TWO_SECONDS_LATER);
    }

    /** An e-mail address changed: what an account takeover does first. */
    public static CommerceEvent emailChange() {
        return new CommerceEvent(1, CommerceEventType.ACCOUNT_CHANGE, "s-42", "u-7", "203.0.113.7", null, null, 0,
                TWO_SECONDS_LATER, CommerceEvent.AccountChange.EMAIL, Double.NaN);
    }

    public static CommerceEvent checkoutWorth(double value) {
        return new CommerceEvent(1, CommerceEventType.CHECKOUT, "s-42", "u-7", "203.0.113.7", null, null, 0,
                TWO_SECONDS_LATER, null, value);
    }

    public static RiskScore blockedBot() {
        return new RiskScore(1, "s-42", null, 0.93, Action.BLOCK, RiskScore.EVIDENCE_SUFFICIENT,
                List.of(new Reason("MOUSE_PATH_STRAIGHT", "mouse paths 99.9% straight over 14 strokes", 1.7)),
                Map.of("mouse_straightness_mean", 0.999, "key_dwell_cv", 0.02),
                "heuristic-1", BEGINNING, ONE_MINUTE_LATER, new EventCounts(5, 420, 14, 3, 60, 2, 0), false,
                ONE_MINUTE_LATER + 5);
    }

    /** An authenticated session unlike its account's profile: the profile alone challenges it. */
    public static RiskScore challengedStranger() {
        RiskScore behaviour = new RiskScore(1, "s-43", "u-1029", 0.0, Action.MONITOR, RiskScore.EVIDENCE_SUFFICIENT,
                List.of(), Map.of("mouse_speed_mean", 0.41, "mouse_straightness_mean", 0.62), "heuristic-1",
                BEGINNING, ONE_MINUTE_LATER, new EventCounts(5, 420, 14, 3, 0, 0, 0), true, ONE_MINUTE_LATER + 5);
        io.telltale.core.wire.ProfileDeviation deviation = new io.telltale.core.wire.ProfileDeviation(
                io.telltale.core.wire.ProfileDeviation.Status.JUDGED, 0.78, 3.0, 42, 11,
                List.of(new io.telltale.core.wire.FeatureDeviation("mouse_speed_mean", 0.41, 0.18, 0.04, 3.0),
                        new io.telltale.core.wire.FeatureDeviation("mouse_straightness_mean", 0.62, 0.88, 0.09, -2.9)));
        return behaviour.withProfile(0.546, Action.CHALLENGE,
                List.of(new Reason("PROFILE_UNLIKE_ACCOUNT", "behaviour unlike this account's history (42 sessions, "
                        + "3.0 spreads from the usual over 11 features): mouse speed mean 2.3x the usual (0.410 vs 0.180 px/ms)",
                        0.546)),
                deviation);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
