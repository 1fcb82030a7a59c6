// The SDK: wires capture, recorder and transport to a window. `create` takes the window so the
// unit tests can drive it with a scripted one; `init` in index.js passes the real one.
import { keyClass } from './keyclass.js';
import { createRecorder, coordinate } from './recorder.js';
import { createTransport } from './transport.js';
import { readDevice, probeLater } from './device.js';

export const VERSION = '0.1.0';

/** sessionStorage key holding {sid, token} for the tab. */
export const STORAGE_KEY = 'telltale';
/** Mouse kinds, touch phases: codes of docs/wire-format.md. */
const MOVE = 0, DOWN = 1, UP = 2, CLICK = 3, WHEEL = 4;
const TOUCH_PHASE = { touchstart: 0, touchmove: 1, touchend: 2, touchcancel: 3 };
/** A click this soon after a touch ended is the browser's emulated click for the tap, not a mouse. */
const TAP_CLICK_MS = 1000;
/** If the monotonic clock drifted this far from the wall clock (a sleeping laptop), re-anchor it. */
const CLOCK_DRIFT_MS = 60000;

export const DEFAULTS = {
  sampleRate: 1,
  requireConsent: false,
  debug: false,
  flushInterval: 5000,
  maxBatchSamples: 1000,
  maxQueuedBatches: 20,
  maxAttempts: 8
};

/**
 * The session's sampling draw in [0, 1): 32-bit FNV-1a of the id, then MurmurHash3's finaliser
 * so that ids differing in their last character (sess-1, sess-2) still spread over the range.
 */
export function sampleDraw(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const hex = (bytes) => [...bytes].map((x) => (x + 256).toString(16).slice(1)).join('');

function uuid(win) {
  const c = win.crypto;
  if (c && c.randomUUID) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = hex(b);
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}

/**
 * The id of one page instance: this page load (or SDK start) of this tab. Its batches count from
 * seq 0 under it, so neither a second tab of the session nor a duplicated one (whose browser
 * copied this tab's sessionStorage) reuses another page's (pageId, seq). 64 random bits.
 */
const newPageId = (win) => hex(win.crypto.getRandomValues(new Uint8Array(8)));

export const NOOP = {
  consent() {}, setUserId() {}, flush() {}, stop() {},
  get sessionId() { return null; },
  stats: () => ({ active: false, seq: 0, queued: 0, dropped: 0, untrustedEvents: 0 })
};

export function create(userConfig, win) {
  const cfg = Object.assign({}, DEFAULTS, userConfig);
  const log = (msg, detail) => {
    if (cfg.debug) try { win.console.debug('[telltale] ' + msg, detail === undefined ? '' : detail); } catch (e) { /* no console */ }
  };
  // Every entry point from the page or the browser goes through this: the SDK never throws into its host.
  const guard = (fn) => function () {
    try { return fn.apply(this, arguments); } catch (e) { log('error', e); }
  };
  if (!cfg.endpoint || !cfg.siteKey) {
    log('endpoint and siteKey are required; not collecting');
    return NOOP;
  }

  const perf = win.performance;
  let origin = perf.timeOrigin || Date.now() - perf.now();
  const now = () => origin + perf.now();
  // An event's own time stamp, on the performance.now() clock, when the browser gives one.
  const eventTime = (e) => {
    const p = perf.now();
    const ts = e && e.timeStamp;
    return origin + (ts > 0 && ts <= p + 1000 ? ts : p);
  };

  const hints = new Set();
  let state = null; // {sid, token, pageId} once collecting
  let userId = cfg.userId == null ? null : String(cfg.userId);
  let device = null;
  let userAgent = '';
  let untrusted = 0;
  let recorder = null;
  let transport = null;
  let detach = null;
  let ticker = null;
  let lastTouch = -Infinity;
  let scrollX = 0, scrollY = 0;
  let sampledOut = false;
  let hiding = false;

  const storage = () => { try { return win.sessionStorage; } catch (e) { return null; } };
  const save = () => {
    try { storage().setItem(STORAGE_KEY, JSON.stringify({ sid: state.sid, token: state.token })); } catch (e) { /* storage full or blocked */ }
  };

  function loadSession() {
    let kept = null;
    try { kept = JSON.parse(storage().getItem(STORAGE_KEY)); } catch (e) { /* none */ }
    const sid = cfg.sessionId ? String(cfg.sessionId) : kept && kept.sid || uuid(win);
    const same = kept && kept.sid === sid;
    return { sid, token: cfg.sessionToken || (same ? kept.token : null) || null, pageId: newPageId(win) };
  }

  const header = () => {
    const route = typeof cfg.route === 'function' ? cfg.route() : cfg.route || win.location.pathname;
    return {
      sessionId: state.sid,
      pageId: state.pageId,
      userId,
      route: String(route).slice(0, 2048),
      userAgent,
      device: Object.assign({}, device, { headlessHints: [...hints], untrustedEvents: untrusted })
    };
  };

  const trusted = (e) => {
    if (e.isTrusted === false) { untrusted++; return false; }
    return true;
  };

  function onMouse(kind) {
    return (e) => {
      if (!trusted(e) || e.pointerType === 'touch') return;
      if (kind === CLICK && now() - lastTouch < TAP_CLICK_MS) return;
      // Enter or Space on a button, a form's implicit submit, a screen reader's "activate": a click
      // with no pointer behind it (detail 0). Recorded, it would read as a click without an approach.
      if (kind === CLICK && e.detail === 0) return;
      const all = kind === MOVE && e.getCoalescedEvents ? e.getCoalescedEvents() : null;
      for (const ev of all && all.length ? all : [e]) {
        recorder.add('mouse', eventTime(ev), [coordinate(ev.clientX), coordinate(ev.clientY), kind]);
      }
    };
  }

  function onKey(e) {
    if (!trusted(e)) return;
    recorder.add('keys', eventTime(e), [e.type === 'keydown' ? 1 : 0, keyClass(e)]);
  }

  function onScroll(e) {
    if (!trusted(e) || (e.target !== win.document && e.target !== win)) return;
    const x = win.scrollX || 0, y = win.scrollY || 0;
    const dx = coordinate(x - scrollX), dy = coordinate(y - scrollY);
    scrollX = x; scrollY = y;
    if (dx || dy) recorder.add('scroll', eventTime(e), [dx, dy]);
  }

  function onTouch(e) {
    if (!trusted(e)) return;
    const phase = TOUCH_PHASE[e.type];
    const t = eventTime(e);
    if (phase >= 2) lastTouch = now();
    for (const touch of e.changedTouches || []) {
      const r = touch.radiusX > 0 || touch.radiusY > 0 ? Math.min(100000, Math.round(((touch.radiusX || 0) + (touch.radiusY || 0)) * 5) / 10) : null;
      const f = typeof touch.force === 'number' ? Math.min(1, Math.max(0, Math.round(touch.force * 100) / 100)) : null;
      recorder.add('touch', t, [coordinate(touch.clientX), coordinate(touch.clientY), phase, r, f]);
    }
  }

  // The page is going away or out of sight: cut what is open and hand it all to the browser.
  function onHide(e) {
    if (e.type === 'visibilitychange' && win.document.visibilityState !== 'hidden') return;
    hiding = true;
    try { cut(); } finally { hiding = false; }
    transport.flushBeacon();
  }

  function cut() {
    if (!recorder.pending() && Math.abs(Date.now() - now()) > CLOCK_DRIFT_MS) origin += Date.now() - now();
    recorder.cut();
  }

  function listen() {
    const opts = { capture: true, passive: true };
    const doc = win.document;
    const pointer = !!win.PointerEvent;
    const on = [
      [win, pointer ? 'pointermove' : 'mousemove', onMouse(MOVE)],
      [win, pointer ? 'pointerdown' : 'mousedown', onMouse(DOWN)],
      [win, pointer ? 'pointerup' : 'mouseup', onMouse(UP)],
      [win, 'click', onMouse(CLICK)],
      [win, 'wheel', onMouse(WHEEL)],
      [win, 'keydown', onKey],
      [win, 'keyup', onKey],
      [doc, 'scroll', onScroll],
      [win, 'touchstart', onTouch],
      [win, 'touchmove', onTouch],
      [win, 'touchend', onTouch],
      [win, 'touchcancel', onTouch],
      [doc, 'visibilitychange', onHide],
      [win, 'pagehide', onHide]
    ].map(([target, type, fn]) => {
      const g = guard(fn);
      target.addEventListener(type, g, opts);
      return () => target.removeEventListener(type, g, opts);
    });
    return () => on.forEach((off) => off());
  }

  // Each page instance numbers its own batches from 0.
  const newRecorder = () => createRecorder({
    header, seq: 0, maxSamples: cfg.maxBatchSamples,
    emit: (p) => { save(); log('batch', p); transport.enqueue(p, hiding); }
  });

  const start = guard(() => {
    if (detach || sampledOut) return;
    state = loadSession();
    if (sampleDraw(state.sid) >= cfg.sampleRate) {
      sampledOut = true;
      log('session not sampled (sampleRate ' + cfg.sampleRate + ')');
      return;
    }
    device = readDevice(win, hints);
    // Read once with the device: a page's user agent does not change, and while a page unloads
    // Chromium may already report another (a DevTools override is no longer applied).
    userAgent = String(win.navigator.userAgent).slice(0, 2048);
    const endpoint = String(cfg.endpoint).replace(/\/+$/, '');
    transport = transport || createTransport({
      win, log, now,
      url: endpoint + '/v1/telemetry',
      siteKey: String(cfg.siteKey),
      maxQueue: Math.max(1, cfg.maxQueuedBatches | 0),
      maxAttempts: Math.max(1, cfg.maxAttempts | 0),
      token: () => state && state.token,
      setToken: (t, sid) => {
        if (!state) return;
        if (sid && sid !== state.sid) {
          if (cfg.sessionId) log('the gateway started session ' + sid + ': a configured sessionId needs its sessionToken');
          log('session ' + sid + ' (was ' + state.sid + ')');
          state.sid = sid;
        }
        state.token = t;
        save();
      },
      onTokenRefused: (code) => {
        if (!state || !recorder) return;
        if (cfg.sessionId) {
          log('session token refused (' + code + '); the configured sessionId cannot be renewed');
          return;
        }
        // Start over as a new session at seq 0: the gateway hands its first batch a new token.
        state = { sid: uuid(win), token: null, pageId: newPageId(win) };
        recorder = newRecorder();
        save();
        log('session token refused (' + code + '); new session ' + state.sid);
      }
    });
    transport.resume();
    recorder = newRecorder();
    save();
    scrollX = win.scrollX || 0; scrollY = win.scrollY || 0;
    detach = listen();
    ticker = win.setInterval(guard(cut), Math.max(1000, +cfg.flushInterval || DEFAULTS.flushInterval));
    const idle = (fn) => {
      const g = guard(fn);
      if (win.requestIdleCallback) win.requestIdleCallback(g, { timeout: 5000 });
      else win.setTimeout(g, 1000);
    };
    probeLater(win, hints, idle);
    log('collecting, session ' + state.sid);
  });

  function halt() {
    if (!detach) return;
    detach();
    detach = null;
    win.clearInterval(ticker);
  }

  if (!cfg.requireConsent) start();

  return {
    /** Consent given (true): start collecting. Withdrawn (false): stop, and forget everything unsent. */
    consent: guard((granted) => {
      if (granted) return start();
      halt();
      if (transport) transport.clear();
      recorder = null;
      state = null;
      try { storage().removeItem(STORAGE_KEY); } catch (e) { /* blocked */ }
      log('consent withdrawn');
    }),
    setUserId: guard((id) => { userId = id == null ? null : String(id).slice(0, 2048); }),
    /** Sends what is open now instead of at the next interval. */
    flush: guard(() => { if (detach) cut(); }),
    /** Stops listening; what was captured is still sent. */
    stop: guard(() => { if (detach) { cut(); halt(); } }),
    get sessionId() { return state ? state.sid : null; },
    stats: guard(() => Object.assign(
      { active: !!detach, seq: recorder ? recorder.nextSeq() : 0, untrustedEvents: untrusted },
      transport ? transport.stats() : { queued: 0, dropped: 0 }))
  };
}
