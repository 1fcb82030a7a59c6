package io.telltale.core.wire;

/**
 * One browser batch: a few seconds of interaction of one session, one Kafka record keyed by
 * {@link #sessionId()}.
 *
 * @param schemaVersion wire format version, {@link WireVersion#CURRENT}
 * @param userId        the authenticated user, or null
 * @param pageId        the page instance (one page load of one tab) that produced the batch, or
 *                      null: then the session has one stream of batches, as before page ids
 * @param sequence      client sequence number, 0-based, per page instance (per session when there
 *                      is no page id)
 * @param startedAt     epoch ms (client clock) that track times are relative to; the event time
 *                      only where no Kafka record timestamp is (files, backtests)
 * @param sentAt        epoch ms (client clock) when the SDK sent the batch
 * @param receivedAt    epoch ms (gateway clock) when the gateway accepted it, 0 if not via a gateway
 * @param route         page or route the batch was captured on
 * @param clientIp      set by the gateway from the connection, never trusted from the browser
 */
public record TelemetryBatch(
        int schemaVersion,
        String sessionId,
        String userId,
        String pageId,
        long sequence,
        long startedAt,
        long sentAt,
        long receivedAt,
        String route,
        String userAgent,
        String clientIp,
        DeviceInfo device,
        MouseTrack mouse,
        KeyTrack keys,
        ScrollTrack scroll,
        TouchTrack touch) {

    public TelemetryBatch {
        device = device == null ? DeviceInfo.UNKNOWN : device;
        mouse = mouse == null ? MouseTrack.EMPTY : mouse;
        keys = keys == null ? KeyTrack.EMPTY : keys;
        scroll = scroll == null ? ScrollTrack.EMPTY : scroll;
        touch = touch == null ? TouchTrack.EMPTY : touch;
    }

    /** A batch without a page id: the one page stream of its session. */
    public TelemetryBatch(
            int schemaVersion,
            String sessionId,
            String userId,
            long sequence,
            long startedAt,
            long sentAt,
            long receivedAt,
            String route,
            String userAgent,
            String clientIp,
            DeviceInfo device,
            MouseTrack mouse,
            KeyTrack keys,
            ScrollTrack scroll,
            TouchTrack touch) {
        this(schemaVersion, sessionId, userId, null, sequence, startedAt, sentAt, receivedAt, route, userAgent,
                clientIp, device, mouse, keys, scroll, touch);
    }

    /**
     * When the batch reached the platform: the gateway's receive time, or the client's send time
     * when no gateway stamped it. A producer that stands in for the gateway (simulator, tests)
     * uses it as the Kafka record timestamp, which is the job's event time.
     */
    public long arrivedAt() {
        return receivedAt != 0 ? receivedAt : sentAt;
    }

    /** Raw interaction events in this batch, all kinds together. */
    public int eventCount() {
        return mouse.size() + keys.size() + scroll.size() + touch.size();
    }

    /** Epoch ms of the last sample in the batch (client clock). */
    public long endedAt() {
        int last = 0;
        last = Math.max(last, lastOf(mouse.t()));
        last = Math.max(last, lastOf(keys.t()));
        last = Math.max(last, lastOf(scroll.t()));
        last = Math.max(last, lastOf(touch.t()));
        return startedAt + last;
    }

    private static int lastOf(int[] t) {
        return t.length == 0 ? 0 : t[t.length - 1];
    }
}
