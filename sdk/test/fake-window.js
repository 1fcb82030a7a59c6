// A scripted browser window for the unit tests: listeners, a controllable clock and timers,
// sessionStorage, fetch and sendBeacon that record what the SDK sends. Events are plain objects,
// so a test decides isTrusted, timeStamp and coalesced samples itself.
import { webcrypto } from 'node:crypto';

/** 2026-03-01T12:00:00Z: the page's performance.timeOrigin. */
export const TIME_ORIGIN = 1772366400000;

class Target {
  constructor() { this.listeners = new Map(); }
  addEventListener(type, fn, opts) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push({ fn, opts });
  }
  removeEventListener(type, fn) {
    const l = this.listeners.get(type) || [];
    this.listeners.set(type, l.filter((x) => x.fn !== fn));
  }
  count() { let n = 0; for (const l of this.listeners.values()) n += l.length; return n; }
  dispatch(type, event) {
    for (const { fn } of [...(this.listeners.get(type) || [])]) fn.call(this, event);
  }
}

export class FakeWindow extends Target {
  constructor({ storage } = {}) {
    super();
    this.clock = 0; // performance.now()
    this.timers = [];
    this.nextTimer = 1;
    this.requests = []; // {url, init, body}
    this.beacons = []; // {url, body, type}
    this.responders = []; // functions (request) => Response | Promise, used in order; default 200
    this.logs = [];
    const win = this;
    this.performance = { timeOrigin: TIME_ORIGIN, now: () => win.clock };
    this.document = Object.assign(new Target(), {
      visibilityState: 'visible',
      createElement: () => ({ getContext: () => null })
    });
    this.navigator = {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      platform: 'Linux x86_64', language: 'en-US', languages: ['en-US', 'en'],
      hardwareConcurrency: 8, maxTouchPoints: 0, webdriver: false, plugins: { length: 5 },
      sendBeacon: (url, blob) => { win.beacons.push({ url, blob }); return true; }
    };
    this.screen = { width: 1920, height: 1080 };
    this.innerWidth = 1280; this.innerHeight = 720; this.outerWidth = 1280; this.outerHeight = 800;
    this.devicePixelRatio = 1.25;
    this.scrollX = 0; this.scrollY = 0;
    this.location = { pathname: '/p/42' };
    this.Intl = Intl;
    this.crypto = webcrypto;
    this.Blob = Blob;
    this.AbortController = AbortController;
    this.PointerEvent = function PointerEvent() {};
    this.console = { debug: (...a) => win.logs.push(a) };
    const data = storage || new Map();
    this.storageData = data;
    this.sessionStorage = {
      getItem: (k) => (data.has(k) ? data.get(k) : null),
      setItem: (k, v) => data.set(k, String(v)),
      removeItem: (k) => data.delete(k)
    };
    this.fetch = (url, init) => {
      const req = { url, init, body: init.body, headers: init.headers };
      win.requests.push(req);
      const respond = win.responders.shift() || (() => response(200));
      return Promise.resolve().then(() => respond(req));
    };
  }

  setTimeout(fn, ms) { const id = this.nextTimer++; this.timers.push({ id, at: this.clock + (ms || 0), fn }); return id; }
  clearTimeout(id) { this.timers = this.timers.filter((t) => t.id !== id); }
  setInterval(fn, ms) {
    const id = this.nextTimer++;
    const tick = () => { this.timers.push({ id, at: this.clock + ms, fn: () => { tick(); fn(); } }); };
    tick();
    return id;
  }
  clearInterval(id) { this.clearTimeout(id); }

  /** Moves the clock on by `ms`, running due timers in time order and letting promises settle. */
  async advance(ms) {
    const end = this.clock + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.clock = Math.max(this.clock, due.at);
      due.fn();
    }
    this.clock = end;
    await settle();
  }

  /** Fires a trusted event (unless the props say otherwise) at the window or the document. */
  fire(type, props = {}, target = this) {
    const event = Object.assign({ type, isTrusted: true, timeStamp: this.clock, target }, props);
    target.dispatch(type, event);
    return event;
  }

  /** Every batch the SDK sent, by fetch or beacon, parsed, in order sent. */
  async sentBatches() {
    const out = this.requests.map((r) => JSON.parse(r.body));
    for (const b of this.beacons) out.push(JSON.parse(await b.blob.text()));
    return out;
  }
}

export function response(status, { headers = {}, body = '' } = {}) {
  return new Response(status === 204 ? null : body, { status, headers });
}

export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
