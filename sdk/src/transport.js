// Sends cut batches to the gateway: one request at a time, in seq order, with retries.

/** Response (and request) header carrying the gateway's signed session token. */
export const SESSION_HEADER = 'X-Telltale-Session';
/** Response header naming the session the gateway started for a batch sent without a token. */
export const SESSION_ID_HEADER = 'X-Telltale-Session-Id';
/** Content type of beacons; the gateway does not check it, the body is the batch's JSON. */
export const BEACON_TYPE = 'text/plain;charset=UTF-8';
/** Request header naming the site whose SDK sends the batch. */
export const SITE_KEY_HEADER = 'X-Telltale-Site-Key';
/** Retry delays start here and double per failed attempt, with 50-100 % jitter. */
export const BACKOFF_BASE_MS = 1000;
/** No retry delay, and no honoured Retry-After, is longer than this. */
export const BACKOFF_MAX_MS = 300000;
/** A request that has not answered within this is abandoned and retried. */
export const REQUEST_TIMEOUT_MS = 15000;
/**
 * Bodies up to this size are sent with `keepalive`, so they survive the page unloading while in
 * flight. Browsers allow 64 KiB of keepalive bodies in flight per page, beacons included.
 */
export const KEEPALIVE_MAX_BYTES = 32768;

/** Delay asked for by a Retry-After header (seconds or an HTTP date), or null. */
export function retryAfterMs(value, nowMs) {
  if (!value) return null;
  const s = Number(value);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) ? Math.min(BACKOFF_MAX_MS, Math.max(0, ms)) : null;
}

/** Exponential backoff with jitter: attempt 1 waits 0.5-1 s, attempt 2 1-2 s, ... */
export function backoffMs(attemptNo, random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attemptNo - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * @param {object} o
 * @param {object} o.win          the window: fetch, navigator.sendBeacon, Blob, timers
 * @param {string} o.url          `${endpoint}/v1/telemetry`
 * @param {string} o.siteKey
 * @param {number} o.maxQueue     batches kept while the gateway is unreachable; oldest dropped first
 * @param {number} o.maxAttempts  attempts per batch before it is dropped
 * @param {() => number} o.now    epoch ms
 * @param {() => string|null} o.token  the session token, kept by the caller
 * @param {(token: string, sessionId: string|null) => void} o.setToken  a token from the gateway, and
 *        the id of the session it started when the batch went without a token (else null)
 * @param {(code: string) => void} [o.onTokenRefused]  the gateway refused the session's token
 *        (or its absence): every batch of that session will be refused too
 * @param {(msg: string, detail?: any) => void} o.log
 */
export function createTransport(o) {
  const { win } = o;
  const queue = [];
  let inflight = null; // the payload being POSTed, still queue[0]
  let timer = null;
  let attempts = 0;
  let dropped = 0;
  let paused = false;

  const drop = (why) => {
    const p = queue.shift();
    attempts = 0;
    if (p) { dropped++; o.log('dropped batch ' + p.seq + ': ' + why); }
  };

  /** Queues a cut batch; `later`: leave it to the caller's flushBeacon instead of POSTing now. */
  function enqueue(p, later) {
    if (queue.length >= o.maxQueue) {
      // Never drop the batch on the wire: it may already have arrived.
      const at = inflight && queue.length > 1 ? 1 : 0;
      queue.splice(at, 1);
      dropped++;
      o.log('queue full, dropped the oldest batch');
    }
    queue.push(p);
    if (!later) pump();
  }

  function schedule(ms) {
    timer = win.setTimeout(() => { timer = null; pump(); }, ms);
  }

  function body(p) {
    p.sentAt = Math.max(p.startedAt, Math.floor(o.now()));
    return JSON.stringify(p);
  }

  function pump() {
    if (paused || inflight || timer || !queue.length) return;
    const p = (inflight = queue[0]);
    const json = body(p);
    const headers = { 'Content-Type': 'application/json', [SITE_KEY_HEADER]: o.siteKey };
    const token = o.token();
    if (token) headers[SESSION_HEADER] = token;
    const ctl = win.AbortController ? new win.AbortController() : null;
    const abort = ctl && win.setTimeout(() => ctl.abort(), REQUEST_TIMEOUT_MS);
    p.keepalive = json.length <= KEEPALIVE_MAX_BYTES;
    let req;
    try {
      req = win.fetch(o.url, {
        method: 'POST', headers, body: json, keepalive: p.keepalive,
        credentials: 'omit', signal: ctl ? ctl.signal : undefined
      });
    } catch (e) {
      req = Promise.reject(e);
    }
    // The page may have hidden meanwhile and beaconed this batch: then it is no longer queued.
    const settle = () => { win.clearTimeout(abort); if (inflight === p) inflight = null; return queue[0] === p; };
    let refusedCode = null;
    req.then(async (res) => {
      if (res.ok) await readToken(res, p);
      if (!settle()) return;
      if (res.ok) {
        queue.shift();
        attempts = 0;
        o.log('sent batch ' + p.seq);
      } else if (res.status === 429 || res.status >= 500) {
        return retry('HTTP ' + res.status, retryAfterMs(res.headers.get('Retry-After'), Date.now()));
      } else if (res.status === 401 && (refusedCode = await tokenRefusal(res))) {
        // The session's token is missing, forged or expired (e.g. the first batch went by beacon
        // and its token never came back): no batch of this session will be taken any more.
        while (queue.length) drop('HTTP 401 ' + refusedCode);
        if (o.onTokenRefused) o.onTokenRefused(refusedCode);
      } else {
        // 4xx: the gateway will not take this batch however often it is sent.
        drop('HTTP ' + res.status);
      }
    }, (e) => {
      if (settle()) return retry(String(e && e.message || e), null);
    }).catch((e) => o.log("transport", e)).then(pump).catch(() => {});
  }

  /** The gateway's error code when it refused the session token, else null. */
  async function tokenRefusal(res) {
    try {
      const b = await res.json();
      return b && typeof b.error === 'string' && b.error.indexOf('SESSION_TOKEN_') === 0 ? b.error : null;
    } catch (e) {
      return null;
    }
  }

  async function readToken(res, p) {
    try {
      let token = res.headers.get(SESSION_HEADER);
      let sid = res.headers.get(SESSION_ID_HEADER);
      if (!token && /json/.test(res.headers.get('Content-Type') || '')) {
        const b = await res.json();
        token = b && typeof b.sessionToken === 'string' ? b.sessionToken : null;
        sid = b && typeof b.sessionId === 'string' ? b.sessionId : null;
      }
      if (!token) return;
      // A batch sent without a token opened a new session under the gateway's id: the batches
      // queued behind it belong to that session too.
      if (sid) for (const q of queue) if (q !== p && q.sessionId === p.sessionId) q.sessionId = sid;
      o.setToken(token, sid || null);
    } catch (e) { /* a body that is not JSON carries no token */ }
  }

  function retry(why, delay) {
    if (++attempts >= o.maxAttempts) {
      drop(why + ' after ' + attempts + ' attempts');
      pump();
      return;
    }
    const ms = delay != null ? delay : backoffMs(attempts, Math.random);
    o.log('retrying batch ' + queue[0].seq + ' in ' + ms + ' ms: ' + why);
    schedule(ms);
  }

  /**
   * Page hiding or unloading: hand every queued batch to the browser with sendBeacon, which
   * outlives the page. A beacon cannot carry headers, so the site key and session token go in
   * the query string. A batch the browser refuses stays queued for when the page returns.
   */
  function flushBeacon() {
    const nav = win.navigator;
    let i = 0;
    while (i < queue.length) {
      const p = queue[i];
      if (p === inflight && p.keepalive) { i++; continue; }
      const json = body(p);
      let ok = false;
      try {
        const token = o.token();
        const url = o.url + '?siteKey=' + encodeURIComponent(o.siteKey) +
          (token ? '&sessionToken=' + encodeURIComponent(token) : '');
        // text/plain: a CORS-safelisted type, so a beacon to a gateway on another origin needs no
        // preflight (which a beacon, sent with credentials, would fail without Allow-Credentials).
        ok = !!(nav.sendBeacon && nav.sendBeacon(url, new win.Blob([json], { type: BEACON_TYPE })));
      } catch (e) { ok = false; }
      if (!ok && json.length <= KEEPALIVE_MAX_BYTES) {
        // No beacon (or refused): a keepalive fetch also outlives the page, and can carry headers.
        try {
          const headers = { 'Content-Type': 'application/json', [SITE_KEY_HEADER]: o.siteKey };
          const token = o.token();
          if (token) headers[SESSION_HEADER] = token;
          win.fetch(o.url, { method: 'POST', headers, body: json, keepalive: true, credentials: 'omit' }).catch(() => {});
          ok = true;
        } catch (e) { ok = false; }
      }
      if (!ok) break;
      o.log('beaconed batch ' + p.seq);
      if (p === inflight) inflight = null;
      queue.splice(i, 1);
    }
  }

  return {
    enqueue,
    flushBeacon,
    pump,
    /** Consent withdrawn or SDK stopped: forget every queued batch, send nothing more. */
    clear() { queue.length = 0; attempts = 0; paused = true; if (timer) win.clearTimeout(timer); timer = null; },
    resume() { paused = false; pump(); },
    stats: () => ({ queued: queue.length, dropped })
  };
}
