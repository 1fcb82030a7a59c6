package io.telltale.cep.testkit;

import io.telltale.core.wire.Action;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.RiskScore;
import io.telltale.core.wire.SessionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sessions and what they did, on one clock, for {@link PatternTestKit}:
 *
 * <pre>
 * Timeline t = Timeline.startingAt(BEGINNING);
 * t.session("bot-1").at(minutes(3)).from("81.2.69.10").device("a1b2c3d4e5f60718")
 *     .cartAdd(seconds(20), "PS5", "consoles")
 *     .pageView(seconds(40));
 * </pre>
 *
 * A session's times are offsets from its own start; its start is an offset from the timeline's.
 */
public final class Timeline {

    private final Instant start;
    private final List<Session> sessions = new ArrayList<>();

    private Timeline(Instant start) {
        this.start = start;
    }

    public static Timeline startingAt(Instant start) {
        return new Timeline(start);
    }

    public Instant start() {
        return start;
    }

    public Session session(String sessionId) {
        Session s = new Session(sessionId);
        sessions.add(s);
        return s;
    }

    /** Every commerce event, in time order. */
    public List<CommerceEvent> commerceEvents() {
        return sessions.stream().flatMap(s -> s.events.stream())
                .sorted(Comparator.comparingLong(CommerceEvent::time)).toList();
    }

    /** One final risk score per session that has a device, a risk or a trajectory, in time order. */
    public List<RiskScore> riskScores(Duration sessionGap) {
        return sessions.stream().filter(s -> s.device != null || s.risk != null || s.profile != null
                        || !s.trajectory.isEmpty())
                .map(s -> s.riskScore(sessionGap))
                .sorted(Comparator.comparingLong(RiskScore::windowEnd)).toList();
    }

    /** One session of the timeline. */
    public final class Session {
        private final String sessionId;
        private long startsAt = start.toEpochMilli();
        private long lastAt = startsAt;
        private String ip;
        private String device;
        private String userId;
        private Double risk;
        private List<String> trajectory = List.of();
        private io.telltale.core.wire.ProfileDeviation profile;
        private final List<CommerceEvent> events = new ArrayList<>();

        private Session(String sessionId) {
            this.sessionId = sessionId;
        }

        /** When the session starts, after the timeline's start. Call before adding events. */
        public Session at(Duration offset) {
            startsAt = start.plus(offset).toEpochMilli();
            lastAt = startsAt;
            return this;
        }

        public Session from(String clientIp) {
            ip = clientIp;
            return this;
        }

        /** The device fingerprint the session's risk score reports. */
        public Session device(String fingerprint) {
            device = fingerprint;
            return this;
        }

        public Session user(String id) {
            userId = id;
            return this;
        }

        /** The trajectory fingerprint the session's risk score carries: shape hashes, 8 hex digits each. */
        public Session trajectory(String... shapes) {
            trajectory = List.of(shapes);
            return this;
        }

        /** How unlike its account's behaviour profile the session's risk score judged it, 0..1. */
        public Session profileDeviation(double deviation) {
            profile = new io.telltale.core.wire.ProfileDeviation(io.telltale.core.wire.ProfileDeviation.Status.JUDGED,
                    deviation, 1 + deviation, 20, 10, List.of());
            return this;
        }

        /** The session's risk score, 0..1. */
        public Session risk(double score) {
            risk = score;
            return this;
        }

        public Session pageView(Duration after) {
            return event(CommerceEventType.PAGE_VIEW, after, userId, null, null, 0);
        }

        public Session cartAdd(Duration after, String sku, String category) {
            return event(CommerceEventType.CART_ADD, after, userId, sku, category, 1);
        }

        public Session cartRemove(Duration after, String sku) {
            return event(CommerceEventType.CART_REMOVE, after, userId, sku, null, 1);
        }

        /** Buys the whole cart. */
        public Session checkout(Duration after) {
            return event(CommerceEventType.CHECKOUT, after, userId, null, null, 0);
        }

        public Session login(Duration after, String account) {
            userId = account;
            return event(CommerceEventType.LOGIN, after, account, null, null, 0);
        }

        public Session loginFailed(Duration after, String account) {
            return event(CommerceEventType.LOGIN_FAILED, after, account, null, null, 0);
        }

        public Session accountChange(Duration after) {
            return event(CommerceEventType.ACCOUNT_CHANGE, after, userId, null, null, 0);
        }

        /** An account change that says what changed ({@code CommerceEvent.AccountChange}). */
        public Session accountChange(Duration after, String what) {
            return event(CommerceEventType.ACCOUNT_CHANGE, after, userId, null, null, 0, what, Double.NaN);
        }

        /** Buys the whole cart, an order worth {@code value}. */
        public Session checkout(Duration after, double value) {
            return event(CommerceEventType.CHECKOUT, after, userId, null, null, 0, null, value);
        }

        private Session event(CommerceEventType type, Duration after, String user, String sku, String category, int qty) {
            return event(type, after, user, sku, category, qty, null, Double.NaN);
        }

        private Session event(CommerceEventType type, Duration after, String user, String sku, String category, int qty,
                String change, double value) {
            long time = startsAt + after.toMillis();
            lastAt = Math.max(lastAt, time);
            events.add(new CommerceEvent(1, type, sessionId, user, ip, sku, category, qty, time, change, value));
            return this;
        }

        private RiskScore riskScore(Duration gap) {
            double score = risk == null ? 0.1 : risk;
            return new RiskScore(1, sessionId, userId, score, score >= 0.5 ? Action.CHALLENGE : Action.MONITOR,
                    RiskScore.EVIDENCE_SUFFICIENT, List.of(), Map.of(), "test", startsAt, lastAt + gap.toMillis(),
                    io.telltale.core.wire.EventCounts.NONE, true, lastAt, new SessionContext(null, ip, null, device),
                    profile, trajectory);
        }
    }
}
