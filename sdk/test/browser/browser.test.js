// Real-browser test: Debian's Chromium, driven by playwright-core, loads a page that embeds the
// built script (dist/telltale.min.js) and posts to a local recording gateway. Run with
// `npm run test:browser` (needs /usr/bin/chromium, or TELLTALE_CHROMIUM=/path/to/chrome).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { launchChromium, noChromium } from '../chromium.js';

const SDK = new URL('../../dist/telltale.min.js', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('../../../schemas/telemetry-batch.v1.schema.json', import.meta.url)));
const validate = new Ajv2020({ strict: false }).compile(schema);
const PASSWORD = 'Tr0ub4dor&3-horse';
const TOKEN = 'gw-token.v1.abc';
/** A long task is 50 ms or more (Long Tasks API); no SDK callback may come near one. */
const LONG_TASK_MS = 50;

const skip = noChromium;

/** The test page. `sdk` false gives the same page without the SDK, as the long-task baseline. */
function page(sdk) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>shop</title>
<script>
  // Long tasks from the start, and the time spent in every callback the page registers (only
  // the SDK registers any), so that main-thread cost can be attributed to it.
  window.__longTasks = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => __longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  window.__cost = { calls: 0, total: 0, max: 0, maxType: '' };
  const timed = (fn, type) => typeof fn !== 'function' ? fn : function () {
    const t0 = performance.now();
    try { return fn.apply(this, arguments); } finally {
      const d = performance.now() - t0;
      __cost.calls++; __cost.total += d;
      if (d > __cost.max) { __cost.max = d; __cost.maxType = type; }
    }
  };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, o) { return add.call(this, type, timed(fn, type), o); };
  for (const name of ['setTimeout', 'setInterval', 'requestIdleCallback', 'requestAnimationFrame']) {
    const orig = window[name];
    window[name] = function (fn, ...rest) { return orig.call(window, timed(fn, name), ...rest); };
  }
</script>
${sdk ? `<script src="/telltale.min.js"></script>
<script>window.tt = Telltale.init({ endpoint: location.origin, siteKey: 'site-test', flushInterval: 1000 });</script>` : ''}
</head><body style="margin:0">
<form><input id="user" autocomplete="off"> <input id="pw" type="password"> <button id="go" type="button">Go</button></form>
<div style="height:4000px;background:linear-gradient(#fff,#ccc)"></div>
</body></html>`;
}

let server, origin, browser;
const posts = []; // {url, headers, body}

before(async () => {
  if (skip) return;
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/page')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end(page(!req.url.includes('sdk=0')));
    }
    if (req.method === 'GET' && req.url === '/telltale.min.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(readFileSync(SDK));
    }
    if (req.method === 'POST' && req.url.startsWith('/v1/telemetry')) {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        posts.push({ url: req.url, headers: req.headers, body });
        // The gateway issues a session token on the first request (docs/embedding.md).
        res.writeHead(202, { 'X-Telltale-Session': TOKEN, 'Access-Control-Expose-Headers': 'X-Telltale-Session' });
        res.end();
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

/** Two seconds of human-ish mouse movement: a curve sampled every ~16 ms. */
async function moveMouse(p) {
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < 2000) {
    const a = i++ / 20;
    await p.mouse.move(640 + 300 * Math.cos(a), 360 + 200 * Math.sin(a * 1.3));
    await p.waitForTimeout(16);
  }
  return i;
}

async function waitFor(cond, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function assertWireValid(b) {
  assert.ok(validate(b), JSON.stringify(validate.errors));
  assert.ok(b.sentAt >= b.startedAt);
  for (const name of ['mouse', 'keys', 'scroll', 'touch']) {
    const tr = b[name];
    if (!tr) continue;
    for (const col in tr) assert.equal(tr[col].length, tr.t.length, `${name}.${col}`);
    for (let i = 1; i < tr.t.length; i++) assert.ok(tr.t[i] >= tr.t[i - 1], `${name}.t[${i}] decreases`);
  }
}

test('in Chromium: batches are wire-valid, carry no key values, and cost no long task', { skip, timeout: 60000 }, async (t) => {
  const p = await browser.newPage();
  await p.goto(`${origin}/page?sdk=1`);
  await p.waitForTimeout(2500); // let the idle-time device probes run before measuring
  const moves = await moveMouse(p);
  const withSdk = await p.evaluate(() => ({ longTasks: __longTasks, cost: __cost }));

  await p.click('#pw');
  await p.keyboard.type(PASSWORD, { delay: 25 });
  await p.keyboard.press('Shift');
  await p.keyboard.press('Tab'); // to the button
  await p.keyboard.press('Enter'); // a click with no pointer behind it (detail 0)
  await p.mouse.wheel(0, 600);
  await p.waitForTimeout(300);
  await p.evaluate(() => window.scrollBy(0, -200));
  await p.waitForTimeout(1500);
  const fetched = posts.length;
  assert.ok(fetched >= 2, `expected fetches every second, got ${fetched}`);
  // Leaving the page: pagehide hands the rest to sendBeacon.
  await p.mouse.move(10, 10);
  await p.goto('about:blank');
  await waitFor(() => posts.some((x) => x.url.includes('?')));
  await p.close();

  const batches = posts.map((x) => JSON.parse(x.body));
  batches.forEach(assertWireValid);
  const seqs = batches.map((b) => b.seq).sort((a, b) => a - b);
  assert.deepEqual(seqs, seqs.map((_, i) => i), 'seq 0, 1, 2, ... without gaps or repeats');
  assert.equal(new Set(batches.map((b) => b.sessionId)).size, 1);

  const all = posts.map((x) => x.body).join('\n');
  assert.ok(!all.includes(PASSWORD) && !all.includes('horse') && !all.includes('Tr0u'), 'no key value or field content');
  assert.ok(!/"(key|code|value)"/.test(all));

  const mouse = batches.flatMap((b) => (b.mouse ? b.mouse.kind : []));
  const cls = batches.flatMap((b) => (b.keys ? b.keys.cls : []));
  const dy = batches.flatMap((b) => (b.scroll ? b.scroll.dy : []));
  assert.ok(mouse.filter((k) => k === 0).length >= moves / 2, `moves recorded: ${mouse.length} of ${moves}`);
  assert.ok(mouse.includes(1) && mouse.includes(2) && mouse.includes(3) && mouse.includes(4), 'down, up, click, wheel');
  assert.equal(cls.length, 2 * (PASSWORD.length + 3), 'keydown and keyup of every key, Shift, Tab and Enter');
  assert.equal(mouse.filter((k) => k === 3).length, 1, 'the pointer click on the field, not the Enter on the button');
  for (const c of [0, 1, 4, 5, 6]) assert.ok(cls.includes(c), `key class ${c} seen`);
  assert.ok(dy.some((d) => d > 0) && dy.some((d) => d < 0), 'scroll down and up');

  const device = batches[0].device;
  assert.equal(device.webdriver, true, 'playwright sets navigator.webdriver');
  assert.deepEqual(device.viewport, [1280, 720]);

  // The token from the first response comes back on every later request: header or beacon query.
  const later = posts.slice(1);
  for (const x of later) {
    assert.ok(x.headers['x-telltale-session'] === TOKEN || x.url.includes('sessionToken=' + encodeURIComponent(TOKEN)), x.url);
  }
  const beacon = posts.find((x) => x.url.includes('?'));
  assert.match(beacon.url, /^\/v1\/telemetry\?siteKey=site-test&sessionToken=/);
  assert.equal(beacon.headers['content-type'].toLowerCase(), 'text/plain;charset=utf-8');
  assert.equal(posts[0].headers['x-telltale-site-key'], 'site-test');

  // Baseline: the same page and movement without the SDK.
  const base = await browser.newPage();
  await base.goto(`${origin}/page?sdk=0`);
  await base.waitForTimeout(2500);
  await moveMouse(base);
  const without = await base.evaluate(() => ({ longTasks: __longTasks }));
  await base.close();

  const fmt = (l) => `${l.length} long task(s)${l.length ? ' [' + l.map((d) => Math.round(d)).join(', ') + ' ms]' : ''}`;
  t.diagnostic(`device: ${JSON.stringify(device)}`);
  t.diagnostic(`batches: ${batches.length} (${fetched} by fetch), mouse samples ${mouse.length} for ${moves} moves, ${cls.length} key samples`);
  t.diagnostic(`long tasks in 2 s of mouse movement: with SDK ${fmt(withSdk.longTasks)}, without ${fmt(without.longTasks)}`);
  t.diagnostic(`SDK callbacks: ${withSdk.cost.calls} calls, ${withSdk.cost.total.toFixed(1)} ms in total, longest ${withSdk.cost.max.toFixed(2)} ms (${withSdk.cost.maxType}), the others ${((withSdk.cost.total - withSdk.cost.max) / (withSdk.cost.calls - 1)).toFixed(3)} ms on average`);
  assert.ok(withSdk.cost.max < LONG_TASK_MS, 'no SDK callback is a long task');
  assert.ok(withSdk.cost.total < 100, 'SDK callbacks over the first 4.5 s of the page (probes, 2 s of movement) take under 100 ms');
});
