import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { create, STORAGE_KEY, sampleDraw } from '../src/telltale.js';
import { FakeWindow, TIME_ORIGIN, response } from './fake-window.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/telemetry-batch.v1.schema.json', import.meta.url)));
const validate = new Ajv2020({ strict: false }).compile(schema);
const CONFIG = { endpoint: 'https://gw.example/', siteKey: 'site-1' };

/** Schema validity plus the three rules the schema cannot express (docs/wire-format.md). */
function assertWireValid(batch) {
  assert.ok(validate(batch), JSON.stringify(validate.errors));
  assert.equal(Object.keys(batch)[0], 'v');
  assert.ok(batch.sentAt >= batch.startedAt);
  assert.equal('clientIp' in batch, false);
  assert.equal('receivedAt' in batch, false);
  for (const name of ['mouse', 'keys', 'scroll', 'touch']) {
    const tr = batch[name];
    if (!tr) continue;
    for (const col in tr) assert.equal(tr[col].length, tr.t.length, `${name}.${col} length`);
    for (let i = 1; i < tr.t.length; i++) assert.ok(tr.t[i] >= tr.t[i - 1], `${name}.t non-decreasing`);
  }
}

function move(win, x, y, extra = {}) {
  return win.fire('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', ...extra });
}

test('captures mouse, keys, scroll and touch into wire-valid batches every flush interval', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  await win.advance(100);
  move(win, 412.4, 300.6);
  win.fire('pointermove', {
    clientX: 0, clientY: 0, pointerType: 'mouse', timeStamp: 133,
    getCoalescedEvents: () => [{ clientX: 418, clientY: 302, timeStamp: 116 }, { clientX: 427, clientY: 306, timeStamp: 133 }]
  });
  await win.advance(50);
  win.fire('pointerdown', { clientX: 468, clientY: 323, pointerType: 'mouse' });
  win.fire('pointerup', { clientX: 468, clientY: 323, pointerType: 'mouse' });
  win.fire('click', { clientX: 468, clientY: 323, pointerType: 'mouse' });
  win.fire('wheel', { clientX: 468, clientY: 323 });
  win.fire('keydown', { key: 'a', code: 'KeyA' });
  win.fire('keyup', { key: 'a', code: 'KeyA' });
  win.scrollY = 120;
  win.fire('scroll', { target: win.document }, win.document);
  win.fire('touchstart', { changedTouches: [{ clientX: 201, clientY: 540, radiusX: 11, radiusY: 12, force: 0.314 }] });
  await win.advance(5000);
  const [b] = await win.sentBatches();
  assertWireValid(b);
  assert.equal(b.seq, 0);
  assert.equal(b.startedAt, TIME_ORIGIN + 100);
  assert.equal(b.route, '/p/42');
  assert.deepEqual(b.mouse, {
    t: [0, 16, 33, 50, 50, 50, 50], x: [412, 418, 427, 468, 468, 468, 468], y: [301, 302, 306, 323, 323, 323, 323], kind: [0, 0, 0, 1, 2, 3, 4]
  });
  assert.deepEqual(b.keys, { t: [50, 50], down: [1, 0], cls: [0, 0] });
  assert.deepEqual(b.scroll, { t: [50], dx: [0], dy: [120] });
  assert.deepEqual(b.touch, { t: [50], x: [201], y: [540], phase: [0], radius: [11.5], force: [0.31] });
  assert.deepEqual(b.device, {
    webdriver: false, screen: [1920, 1080], viewport: [1280, 720], pixelRatio: 1.25, hardwareConcurrency: 8,
    maxTouchPoints: 0, platform: 'Linux x86_64', language: 'en-US', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    headlessHints: [], untrustedEvents: 0
  });
  const req = win.requests[0];
  assert.equal(req.url, 'https://gw.example/v1/telemetry');
  assert.equal(req.init.method, 'POST');
  assert.equal(req.headers['X-Telltale-Site-Key'], 'site-1');
  assert.equal(req.headers['Content-Type'], 'application/json');
  assert.equal(req.headers['X-Telltale-Session'], undefined);
});

test('an idle page sends nothing; each active interval sends the next seq', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  await win.advance(20000);
  assert.equal(win.requests.length, 0);
  for (let i = 0; i < 3; i++) { move(win, i, i); await win.advance(5000); }
  assert.deepEqual((await win.sentBatches()).map((b) => b.seq), [0, 1, 2]);
});

test('no key value and no field content ever appears in a batch', async () => {
  const win = new FakeWindow();
  create({ ...CONFIG, debug: true }, win);
  const password = 'Hunter2-Sécret!9';
  const field = { type: 'password', value: '' };
  for (const ch of password) {
    win.fire('keydown', { key: ch, code: 'KeyQ', target: field });
    field.value += ch;
    win.fire('keyup', { key: ch, code: 'KeyQ', target: field });
    await win.advance(37);
  }
  win.fire('keydown', { key: 'Enter', code: 'Enter', target: field });
  win.fire('pagehide', {});
  await win.advance(6000);
  const batches = await win.sentBatches();
  assert.ok(batches.length >= 1);
  const wire = JSON.stringify(batches) + win.requests.map((r) => r.url).join() + win.beacons.map((b) => b.url).join();
  assert.ok(!wire.includes(password));
  assert.ok(!wire.includes('Hunter') && !wire.includes('cret'));
  assert.ok(!/"(key|code|value)"/.test(wire), 'no key, code or value field');
  // Nor does the debug log keep them.
  assert.ok(!JSON.stringify(win.logs).includes('Hunter'));
  const keys = batches.flatMap((b) => (b.keys ? b.keys.cls : []));
  assert.deepEqual(keys.slice(0, 4), [0, 0, 0, 0]);
  assert.equal(keys.length, password.length * 2 + 1);
  batches.forEach(assertWireValid);
});

/** [sessionId, pageId, seq] of every batch a window sent. */
async function streams(win) {
  return (await win.sentBatches()).map((b) => [b.sessionId, b.pageId, b.seq]);
}

test('the session id survives a page load in the same tab; each page load counts from seq 0 under its own page id', async () => {
  const storage = new Map();
  const first = new FakeWindow({ storage });
  const a = create(CONFIG, first);
  move(first, 1, 1); await first.advance(5000);
  move(first, 2, 2); await first.advance(5000);
  const second = new FakeWindow({ storage });
  const b = create(CONFIG, second);
  move(second, 3, 3); await second.advance(5000);
  assert.equal(a.sessionId, b.sessionId);
  assert.match(a.sessionId, /^[0-9a-f-]{36}$/);
  const [[, page1], [, samePage1]] = await streams(first);
  const [[, page2]] = await streams(second);
  assert.match(page1, /^[0-9a-f]{16}$/);
  assert.equal(samePage1, page1);
  assert.notEqual(page2, page1);
  assert.deepEqual(await streams(first), [[a.sessionId, page1, 0], [a.sessionId, page1, 1]]);
  assert.deepEqual(await streams(second), [[a.sessionId, page2, 0]]);
  (await second.sentBatches()).forEach(assertWireValid);
  // A session id from the config is used as it is.
  const third = new FakeWindow({ storage });
  create({ ...CONFIG, sessionId: 'shop-session-9' }, third);
  move(third, 3, 3); await third.advance(5000);
  assert.deepEqual((await third.sentBatches()).map((x) => [x.sessionId, x.seq]), [['shop-session-9', 0]]);
});

test('two tabs of a session the backend started each send their own page stream, both from seq 0', async () => {
  const backend = { ...CONFIG, sessionId: 'shop-session-9', sessionToken: 'server.tok' };
  const tabs = [new FakeWindow(), new FakeWindow()]; // a new tab has empty sessionStorage
  tabs.forEach((win) => create(backend, win));
  for (let i = 0; i < 2; i++) {
    for (const win of tabs) { move(win, i, i); await win.advance(5000); }
  }
  const [one, two] = [await streams(tabs[0]), await streams(tabs[1])];
  assert.deepEqual(one.map(([sid, , seq]) => [sid, seq]), [['shop-session-9', 0], ['shop-session-9', 1]]);
  assert.deepEqual(two.map(([sid, , seq]) => [sid, seq]), [['shop-session-9', 0], ['shop-session-9', 1]]);
  assert.notEqual(one[0][1], two[0][1]);
  assert.deepEqual(tabs.flatMap((w) => w.requests.map((r) => r.headers['X-Telltale-Session'])), Array(4).fill('server.tok'));
});

test('consent given again on the same page starts a new page stream of the configured session', async () => {
  const win = new FakeWindow();
  const tt = create({ ...CONFIG, sessionId: 'shop-session-9', sessionToken: 'server.tok' }, win);
  move(win, 1, 1); await win.advance(5000);
  tt.consent(false);
  tt.consent(true);
  move(win, 2, 2); await win.advance(5000);
  const [before, after] = await streams(win);
  assert.deepEqual([before[0], before[2], after[0], after[2]], ['shop-session-9', 0, 'shop-session-9', 0]);
  assert.notEqual(after[1], before[1]);
});

test('a duplicated tab keeps the session and its token but sends under a page id of its own', async () => {
  const win = new FakeWindow();
  const tt = create(CONFIG, win);
  win.responders.push(() => response(202, {
    headers: { 'Content-Type': 'application/json', 'X-Telltale-Session': 'tok.g', 'X-Telltale-Session-Id': 'gw-session-7' },
    body: '{"status":"accepted","sessionId":"gw-session-7","sessionToken":"tok.g"}' }));
  move(win, 1, 1); await win.advance(5000);
  move(win, 2, 2); await win.advance(5000);
  // The browser copies the tab's sessionStorage into the duplicate; both tabs go on.
  const copy = new FakeWindow({ storage: new Map(win.storageData) });
  create(CONFIG, copy);
  move(copy, 3, 3); await copy.advance(5000);
  move(win, 4, 4); await win.advance(5000);
  const [original, duplicate] = [await streams(win), await streams(copy)];
  assert.equal(tt.sessionId, 'gw-session-7');
  assert.deepEqual(original.slice(1).map(([sid, , seq]) => [sid, seq]), [['gw-session-7', 1], ['gw-session-7', 2]]);
  assert.deepEqual(duplicate.map(([sid, , seq]) => [sid, seq]), [['gw-session-7', 0]]);
  assert.notEqual(duplicate[0][1], original[0][1]);
  assert.equal(copy.requests[0].headers['X-Telltale-Session'], 'tok.g');
});

test('consent mode: nothing is listened to, stored or sent before consent', async () => {
  const win = new FakeWindow();
  const tt = create({ ...CONFIG, requireConsent: true }, win);
  assert.equal(win.count() + win.document.count(), 0);
  move(win, 5, 5);
  await win.advance(20000);
  assert.equal(win.requests.length + win.beacons.length, 0);
  assert.equal(win.storageData.size, 0);
  assert.equal(tt.sessionId, null);
  tt.consent(true);
  assert.ok(win.count() > 0);
  move(win, 6, 6);
  await win.advance(5000);
  assert.equal(win.requests.length, 1);
  // Withdrawn: stop listening, forget the session, drop what was not sent.
  win.responders.push(() => response(503));
  move(win, 7, 7);
  await win.advance(5000);
  tt.consent(false);
  assert.equal(win.count() + win.document.count(), 0);
  assert.equal(win.storageData.has(STORAGE_KEY), false);
  assert.equal(tt.sessionId, null);
  await win.advance(600000);
  assert.equal(win.requests.length, 2);
  assert.equal(tt.stats().queued, 0);
});

test('sampling is drawn once per session id', async () => {
  const none = new FakeWindow();
  const tt = create({ ...CONFIG, sampleRate: 0 }, none);
  move(none, 1, 1);
  await none.advance(10000);
  assert.equal(none.requests.length, 0);
  assert.equal(none.count(), 0);
  assert.equal(tt.stats().active, false);
  // sessionIds whose draw falls on either side of 0.5
  const ids = Array.from({ length: 40 }, (_, i) => 'sess-' + i);
  const kept = ids.filter((id) => sampleDraw(id) < 0.5);
  assert.ok(kept.length > 5 && kept.length < 35);
  for (const id of ids.slice(0, 6)) {
    const w = new FakeWindow();
    create({ ...CONFIG, sessionId: id, sampleRate: 0.5 }, w);
    assert.equal(w.count() > 0, kept.includes(id), id);
  }
});

test('synthetic events are counted, never recorded as input', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  move(win, 1, 1, { isTrusted: false });
  win.fire('keydown', { key: 'x', isTrusted: false });
  move(win, 2, 2);
  await win.advance(5000);
  const [b] = await win.sentBatches();
  assert.deepEqual(b.mouse.x, [2]);
  assert.equal(b.keys, undefined);
  assert.equal(b.device.untrustedEvents, 2);
});

test('touch input is not mistaken for mouse input', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  win.fire('pointerdown', { clientX: 1, clientY: 1, pointerType: 'touch' });
  win.fire('touchstart', { changedTouches: [{ clientX: 1, clientY: 1 }] });
  win.fire('touchend', { changedTouches: [{ clientX: 1, clientY: 1 }] });
  win.fire('click', { clientX: 1, clientY: 1 }); // the tap's emulated click, no pointerType (Safari)
  await win.advance(5000);
  const [b] = await win.sentBatches();
  assert.equal(b.mouse, undefined);
  assert.deepEqual(b.touch, { t: [0, 0], x: [1, 1], y: [1, 1], phase: [0, 2] });
});

test('a click from the keyboard or a screen reader (no pointer behind it) is not a mouse click', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  move(win, 100, 100);
  for (let i = 0; i < 6; i++) {
    win.fire('keydown', { key: 'Enter', code: 'Enter' });
    win.fire('click', { clientX: 0, clientY: 0, detail: 0, pointerType: '' }); // Enter on a focused button
    win.fire('keyup', { key: 'Enter', code: 'Enter' });
  }
  win.fire('click', { clientX: 100, clientY: 100, detail: 1, pointerType: 'mouse' });
  await win.advance(5000);
  const [b] = await win.sentBatches();
  assert.deepEqual(b.mouse.kind, [0, 3]);
  assert.deepEqual(b.mouse.x, [100, 100]);
  assert.equal(b.keys.t.length, 12);
  assert.equal(b.device.untrustedEvents, 0);
});

test('the gateway session token is sent back on every later request and beacon', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  win.responders.push(() => response(200, { headers: { 'X-Telltale-Session': 'tok.1' } }));
  move(win, 1, 1); await win.advance(5000);
  move(win, 2, 2); await win.advance(5000);
  assert.equal(win.requests[1].headers['X-Telltale-Session'], 'tok.1');
  // a token in a JSON body replaces it
  win.responders.push(() => response(202, { headers: { 'Content-Type': 'application/json' }, body: '{"sessionToken":"tok.2"}' }));
  move(win, 3, 3); await win.advance(5000);
  move(win, 4, 4);
  win.document.visibilityState = 'hidden';
  win.fire('visibilitychange', {}, win.document);
  assert.equal(win.requests[2].headers['X-Telltale-Session'], 'tok.1');
  assert.equal(win.beacons[0].url, 'https://gw.example/v1/telemetry?siteKey=site-1&sessionToken=tok.2');
  assert.equal(win.beacons[0].blob.type, 'text/plain;charset=utf-8');
  // and it outlives the page load
  const next = new FakeWindow({ storage: win.storageData });
  create(CONFIG, next);
  move(next, 5, 5); await next.advance(5000);
  assert.equal(next.requests[0].headers['X-Telltale-Session'], 'tok.2');
});

test('the session the gateway starts for the first batch is adopted, by the batches queued behind it too', async () => {
  const win = new FakeWindow();
  const tt = create(CONFIG, win);
  const placeholder = tt.sessionId;
  let release;
  win.responders.push(() => new Promise((r) => { release = r; }));
  move(win, 1, 1); await win.advance(5000); // seq 0 in flight, unanswered
  move(win, 2, 2); await win.advance(5000); // seq 1 queued behind it
  release(response(202, {
    headers: { 'Content-Type': 'application/json', 'X-Telltale-Session': 'tok.g', 'X-Telltale-Session-Id': 'gw-session-7' },
    body: '{"status":"accepted","sessionId":"gw-session-7","sessionToken":"tok.g"}' }));
  await win.advance(100);
  move(win, 3, 3); await win.advance(5000);
  const sent = await win.sentBatches();
  assert.deepEqual(sent.map((b) => [b.sessionId, b.seq]), [[placeholder, 0], ['gw-session-7', 1], ['gw-session-7', 2]]);
  assert.deepEqual(win.requests.slice(1).map((r) => r.headers['X-Telltale-Session']), ['tok.g', 'tok.g']);
  assert.equal(tt.sessionId, 'gw-session-7');
  // and the next page of the tab goes on in it, from seq 0 under its own page id, with the token
  const next = new FakeWindow({ storage: win.storageData });
  create(CONFIG, next);
  move(next, 5, 5); await next.advance(5000);
  assert.deepEqual((await next.sentBatches()).map((b) => [b.sessionId, b.seq]), [['gw-session-7', 0]]);
  assert.notEqual((await next.sentBatches())[0].pageId, sent[0].pageId);
  assert.equal(next.requests[0].headers['X-Telltale-Session'], 'tok.g');
});

test('a refused session token starts a new session at seq 0 instead of losing every later batch', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  move(win, 10, 10);
  await win.advance(5000);
  move(win, 20, 20);
  // The gateway never handed this tab a token (its first batch went by beacon): seq 1 is refused.
  win.responders.push(() => response(401, {
    headers: { 'Content-Type': 'application/json' }, body: '{"error":"SESSION_TOKEN_REQUIRED"}' }));
  await win.advance(5000);
  move(win, 30, 30);
  await win.advance(5000);
  const sent = await win.sentBatches();
  assert.equal(sent.length, 3);
  assert.equal(sent[1].seq, 1);
  assert.notEqual(sent[2].sessionId, sent[1].sessionId);
  assert.equal(sent[2].seq, 0);
  assert.equal(win.requests[2].headers['X-Telltale-Session'], undefined);
  assertWireValid(sent[2]);
});

test('a session token from the config is used from the first request', async () => {
  const win = new FakeWindow();
  create({ ...CONFIG, sessionToken: 'server.tok' }, win);
  move(win, 1, 1); await win.advance(5000);
  assert.equal(win.requests[0].headers['X-Telltale-Session'], 'server.tok');
});

test('hiding the page beacons the open batch at once; an in-flight keepalive request is not repeated', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  let release;
  win.responders.push(() => new Promise((r) => { release = r; }));
  move(win, 1, 1); await win.advance(5000); // seq 0 in flight, unanswered
  move(win, 2, 2);
  win.fire('pagehide', {});
  assert.equal(win.requests.length, 1);
  assert.equal(win.requests[0].init.keepalive, true);
  const beaconed = await Promise.all(win.beacons.map(async (b) => JSON.parse(await b.blob.text()).seq));
  assert.deepEqual(beaconed, [1]);
  release(response(200));
  await win.advance(60000);
  assert.equal(win.requests.length, 1);
});

test('without sendBeacon the unload flush uses a keepalive fetch with headers', async () => {
  const win = new FakeWindow();
  win.navigator.sendBeacon = undefined;
  create({ ...CONFIG, sessionToken: 'tok' }, win);
  move(win, 1, 1);
  win.fire('pagehide', {});
  assert.equal(win.requests.length, 1);
  assert.equal(win.requests[0].init.keepalive, true);
  assert.equal(win.requests[0].headers['X-Telltale-Session'], 'tok');
});

test('retries 5xx and network errors with growing, jittered backoff', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  win.responders.push(() => response(503), () => { throw new TypeError('Failed to fetch'); }, () => response(500), () => response(200));
  move(win, 1, 1);
  await win.advance(5000);
  const at = [win.clock];
  while (win.requests.length < 4) { await win.advance(50); if (win.requests.length > at.length) at.push(win.clock); }
  const gaps = at.slice(1).map((t, i) => t - at[i]);
  // attempt n waits between 0.5 and 1 times 2^(n-1) s
  gaps.forEach((g, i) => assert.ok(g >= 500 * 2 ** i - 50 && g <= 1000 * 2 ** i + 50, `gap ${i} = ${g}`));
  await win.advance(60000);
  assert.equal(win.requests.length, 4);
  const seqs = win.requests.map((r) => JSON.parse(r.body).seq);
  assert.deepEqual(seqs, [0, 0, 0, 0]);
  // a retry is the same batch of the same page: the job drops it by (session, page, seq) if one got through
  const pages = new Set(win.requests.map((r) => JSON.parse(r.body).pageId));
  assert.equal(pages.size, 1);
  assert.match([...pages][0], /^[0-9a-f]{16}$/);
  const sent = win.requests.map((r) => JSON.parse(r.body).sentAt);
  assert.ok(sent[3] > sent[0], 'sentAt is the time of each attempt');
});

test('honours Retry-After on 429, and keeps order behind the retried batch', async () => {
  const win = new FakeWindow();
  create(CONFIG, win);
  win.responders.push(() => response(429, { headers: { 'Retry-After': '7' } }));
  move(win, 1, 1);
  await win.advance(5000);
  move(win, 2, 2);
  await win.advance(5000); // seq 1 cut while seq 0 waits
  assert.equal(win.requests.length, 1);
  await win.advance(1999);
  assert.equal(win.requests.length, 1);
  await win.advance(1);
  assert.deepEqual(win.requests.map((r) => JSON.parse(r.body).seq), [0, 0, 1]);
});

test('a 4xx other than 429 drops the batch; so does running out of attempts', async () => {
  const win = new FakeWindow();
  const tt = create({ ...CONFIG, maxAttempts: 2 }, win);
  win.responders.push(() => response(400), () => response(500), () => response(500));
  move(win, 1, 1); await win.advance(5000);
  move(win, 2, 2); await win.advance(5000);
  await win.advance(10000);
  move(win, 3, 3); await win.advance(5000);
  assert.deepEqual(win.requests.map((r) => JSON.parse(r.body).seq), [0, 1, 1, 2]);
  assert.equal(tt.stats().dropped, 2);
});

test('the queue is bounded: the oldest waiting batches are dropped and counted', async () => {
  const win = new FakeWindow();
  const tt = create({ ...CONFIG, maxQueuedBatches: 3, maxAttempts: 100 }, win);
  let up = false;
  win.fetch = (url, init) => {
    win.requests.push({ url, init, body: init.body, headers: init.headers });
    return up ? Promise.resolve(response(200)) : Promise.reject(new TypeError('offline'));
  };
  for (let i = 0; i < 8; i++) { move(win, i, i); await win.advance(5000); }
  assert.ok(tt.stats().queued <= 3);
  up = true;
  await win.advance(400000);
  const delivered = [...new Set(win.requests.filter((r, i) => i >= win.requests.length - 3).map((r) => JSON.parse(r.body).seq))];
  assert.deepEqual(delivered, [5, 6, 7]);
  assert.equal(tt.stats().dropped, 5);
  assert.equal(tt.stats().queued, 0);
});

test('never throws into the page', async () => {
  const win = new FakeWindow();
  win.sessionStorage = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceeded'); } };
  win.fetch = () => { throw new Error('blocked by an extension'); };
  win.navigator.sendBeacon = () => { throw new Error('beacon blocked'); };
  const tt = create(CONFIG, win);
  assert.doesNotThrow(() => {
    win.fire('pointermove', { pointerType: 'mouse', getCoalescedEvents() { throw new Error('boom'); } });
    win.fire('pointermove', { pointerType: 'mouse', clientX: NaN, clientY: Infinity });
    win.fire('touchstart', { changedTouches: 42 });
    win.fire('touchmove', { changedTouches: [null] });
    win.fire('keydown', {});
    win.fire('scroll', { target: null }, win.document);
    win.fire('pagehide', {});
    tt.flush(); tt.setUserId({ toString() { throw new Error('x'); } }); tt.consent('maybe'); tt.stats(); tt.stop();
  });
  await assert.doesNotReject(win.advance(600000));
  // Bad or missing configuration gives a handle that does nothing.
  for (const cfg of [undefined, null, {}, { endpoint: 'x' }, 42]) {
    const w = new FakeWindow();
    const h = create(cfg, w);
    assert.doesNotThrow(() => { h.consent(true); h.flush(); h.stop(); h.setUserId('u'); });
    assert.equal(w.count(), 0);
  }
});

test('userId is sent once set, and a stopped SDK still delivers what it captured', async () => {
  const win = new FakeWindow();
  const tt = create(CONFIG, win);
  tt.setUserId('u-1029');
  move(win, 1, 1);
  tt.stop();
  move(win, 2, 2);
  await win.advance(60000);
  const batches = await win.sentBatches();
  assert.equal(batches.length, 1);
  assert.equal(batches[0].userId, 'u-1029');
  assert.deepEqual(batches[0].mouse.x, [1]);
});
