// End to end in a real browser: `./telltale demo` (Kafka, the Flink job, the gateway, the demo
// shop) driven by Debian's Chromium through playwright-core. A scripted bot and a person (the
// simulator's human motion and typing models, replayed) shop in it; the decision API must tell
// them apart, Kafka must hold schema-valid batches and never the typed password, and the gateway
// must refuse and count forged tokens, oversized and malformed bodies and foreign origins.
// Run with `npm run test:shop` (sdk/e2e.sh installs what it needs). Every wait is bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { launchChromium, noChromium } from '../chromium.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const TELLTALE = join(ROOT, 'telltale');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/telemetry-batch.v1.schema.json')));
const validate = new Ajv2020({ strict: false }).compile(schema);
const PASSWORD = 'Gl4ss-Onion-Tr0mbone';
/** Reasons from device tells (core's human-norms-v1), not behaviour. */
const DEVICE_REASONS = ['WEBDRIVER', 'HEADLESS_BROWSER', 'DEVICE_INCONSISTENT', 'SYNTHETIC_EVENTS'];
const BOT_PASSWORD = 'b0t-Pa55word-Cl1ck';
/** Startup includes a first build by ./telltale on a fresh clone. */
const DEMO_START_MS = 300_000;
const VERDICT_MS = 120_000;
const run = promisify(execFile);

const skip = noChromium;

let demo, demoOut = '', shop, gateway, kafka, apiKey, browser, work;
const sessions = {}; // name -> Telltale session id
const pages = {};
const pending = {}; // name -> promise of its final verdict

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'telltale-shop-e2e-'));
  demo = spawn(TELLTALE, ['demo', '--plain', '--duration', '900s', '--shop-port', '0', '--gateway-port', '0',
    '--web-ui-port', process.env.TELLTALE_E2E_WEB_UI_PORT || '18082'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  demo.stdout.on('data', (d) => { demoOut += d; });
  demo.stderr.on('data', (d) => { demoOut += d; });
  await waitFor(() => /shop http:\/\/localhost:\d+ .* gateway http:\/\/localhost:\d+ \(site key \S+, API key \S+\)/.test(demoOut),
    DEMO_START_MS, () => 'the demo did not print its shop URL:\n' + demoOut);
  [, shop, gateway, apiKey] = demoOut.match(/shop (http:\/\/localhost:\d+) .* gateway (http:\/\/localhost:\d+) \(site key \S+, API key (\S+)\)/);
  [, kafka] = demoOut.match(/Kafka at (\S+),/);
  browser = await launchChromium({
    viewport: { width: 1280, height: 800 },
    // Headless Chromium names itself in its user agent; a person's Chrome does not.
    userAgent: (await probeUserAgent()).replace('HeadlessChrome', 'Chrome')
  });
  // Both shoppers get the same browser, dressed as a person's (no webdriver flag, a hardware GPU):
  // the device tells would block either on their own, and this test is about behaviour.
  await browser.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });
    const getParameter = WebGLRenderingContext.prototype.getParameter;
    WebGLRenderingContext.prototype.getParameter = function (p) {
      if (p === 0x9246) return 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
      return getParameter.call(this, p);
    };
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (demo && demo.exitCode === null) {
    demo.kill('SIGINT');
    const exited = await waitFor(() => demo.exitCode !== null, 60_000).then(() => true, () => false);
    if (!exited) demo.kill('SIGKILL');
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The user agent this Chromium sends, from a throwaway launch. */
async function probeUserAgent() {
  const probe = await launchChromium();
  try {
    return await (await probe.newPage()).evaluate(() => navigator.userAgent);
  } finally {
    await probe.close();
  }
}

async function waitFor(cond, ms, why = () => 'timed out') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(why());
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function decision(sessionId) {
  const res = await fetch(`${gateway}/v1/sessions/${encodeURIComponent(sessionId)}/decision`,
    { headers: { Authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  return res.json();
}

/** The session's final verdict: its window closed after the demo's 15 s gap. */
async function finalVerdict(sessionId) {
  let last;
  return waitFor(async () => { last = await decision(sessionId); return last.final ? last : null; }, VERDICT_MS,
    () => `no final verdict for ${sessionId}; last ${JSON.stringify(last)}`);
}

async function box(page, selector) {
  const b = await page.locator(selector).boundingBox({ timeout: 10_000 });
  assert.ok(b, selector + ' is visible');
  return b;
}

/**
 * A new visitor on a fresh page. The bot shops at 127.0.0.1 and the person at localhost: two
 * hosts, so two shop cookies and two Telltale sessions in one browser.
 */
async function openShop(base) {
  const page = await browser.newPage();
  await page.goto(base, { timeout: 20_000 });
  return page;
}

// ---- the scripted bot -------------------------------------------------------------------------

/** What automation scripts do: straight constant-step moves to the element's centre, a click at once. */
function botShop() {
  return shop.replace('localhost', '127.0.0.1');
}

async function botClick(page, selector) {
  const b = await box(page, selector);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
  await page.mouse.down();
  await page.mouse.up();
}

async function botType(page, selector, text) {
  await botClick(page, selector);
  await page.keyboard.type(text, { delay: 60 }); // constant interval
}

test('a scripted bot shops: straight moves, direct clicks, constant-interval typing', { skip, timeout: 120_000 }, async () => {
  const page = (pages.bot = await openShop(botShop()));
  sessions.bot = await page.evaluate(() => window.telltale.sessionId);
  await page.mouse.move(5, 5);
  await botClick(page, '#login-link');
  await page.waitForURL('**/login');
  await botType(page, '#username', 'scalper@example.com');
  await botType(page, '#password', BOT_PASSWORD);
  await botClick(page, '#login-submit');
  await page.waitForURL(botShop() + '/');
  for (const sku of ['GPU-4090', 'CON-PS5']) {
    await botClick(page, `#product-${sku}`);
    await page.waitForURL(`**/product/${sku}`);
    await botClick(page, '#add-to-cart');
    await page.waitForURL('**/cart');
    await botClick(page, '#home');
    await page.waitForURL(botShop() + '/');
  }
  await botClick(page, '#cart-link');
  await botClick(page, '#checkout');
  await page.waitForURL('**/checkout');
  await botType(page, '#name', 'Max Mustermann');
  await botType(page, '#card', '4111111111111111');
  await botClick(page, '#place-order');
  await page.locator('#ordered').waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.telltale.sessionId), sessions.bot, 'one session over every page');
  // The tab leaves the shop while the person shops (an idle background tab of headless Chromium
  // renders no frames, which the SDK would rightly report); it comes back for the panel.
  await page.goto('about:blank');
  // Its session window closes while the person shops; the verdict is checked after.
  pending.bot = finalVerdict(sessions.bot);
  pending.bot.catch(() => {});
});

// ---- a person (the simulator's human motion model) -------------------------------------------

let seed = 11;
/** Replays `telltale motion` output: page.mouse and page.keyboard at the recorded times. */
async function humanDo(page, steps) {
  const planFile = join(work, 'plan.json');
  const eventsFile = join(work, 'events.json');
  const start = await page.evaluate(() => window.__pointer || { x: 640, y: 400 });
  writeFileSync(planFile, JSON.stringify({ start, steps }));
  await run(TELLTALE, ['motion', '--plan', planFile, '--output', eventsFile, '--seed', String(seed++)], { timeout: 60_000 });
  const { events } = JSON.parse(readFileSync(eventsFile));
  const t0 = Date.now();
  let last = start;
  for (const e of events) {
    const wait = t0 + e.tMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (e.type === 'move') { await page.mouse.move(e.x, e.y); last = { x: e.x, y: e.y }; }
    else if (e.type === 'down') await page.mouse.down();
    else if (e.type === 'up') await page.mouse.up();
    else if (e.type === 'keydown') await page.keyboard.down(e.key);
    else if (e.type === 'keyup') await page.keyboard.up(e.key);
  }
  return last;
}

async function humanClick(page, selector, extra = []) {
  const b = await box(page, selector);
  const last = await humanDo(page, [{ moveTo: { left: Math.round(b.x), top: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) } }, { click: true }, ...extra]);
  // Remember where the pointer is for the next page's first stroke.
  await page.evaluate((p) => { window.__pointer = p; sessionStorage.setItem('e2e-pointer', JSON.stringify(p)); }, last).catch(() => {});
  return last;
}

async function humanPage(page) {
  await page.evaluate(() => { window.__pointer = JSON.parse(sessionStorage.getItem('e2e-pointer') || 'null') || undefined; });
  await page.waitForTimeout(600 + Math.random() * 900); // looking at the page
}

/**
 * Which headless hints each page of this tab sent, as `path: hints` strings: so that a device
 * reason on the person says which tell fired, and on which page.
 */
function hintsSent(page) {
  const sent = new Map();
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/v1/telemetry')) return;
    let hints = [];
    try { hints = JSON.parse(r.postData() || '{}').device?.headlessHints || []; } catch { return; }
    const path = new URL(page.url()).pathname;
    sent.set(path, [...new Set([...(sent.get(path) || []), ...hints])]);
  });
  return () => [...sent].map(([path, hints]) => `${path}: ${hints.join(' ') || '-'}`).join(', ');
}

test('a person moving and typing as the human motion model does gets monitor', { skip, timeout: 300_000 }, async (t) => {
  const page = await openShop(shop);
  const hints = hintsSent(page);
  sessions.human = await page.evaluate(() => window.telltale.sessionId);
  assert.notEqual(sessions.human, sessions.bot);
  await humanPage(page);
  await humanClick(page, '#login-link');
  await page.waitForURL('**/login'); await humanPage(page);
  await humanClick(page, '#username', [{ type: 'ada@example.org' }]);
  await humanClick(page, '#password', [{ type: PASSWORD }]);
  await humanClick(page, '#login-submit');
  await page.waitForURL(shop + '/'); await humanPage(page);
  await humanClick(page, '#product-SNK-J1');
  await page.waitForURL('**/product/SNK-J1'); await humanPage(page);
  await humanClick(page, '#add-to-cart');
  await page.waitForURL('**/cart'); await humanPage(page);
  await humanClick(page, '#checkout');
  await page.waitForURL('**/checkout'); await humanPage(page);
  await humanClick(page, '#name', [{ type: 'Ada Lovelace' }]);
  await humanClick(page, '#card', [{ type: '5500 0000 0000 0004' }]);
  await humanClick(page, '#place-order');
  await page.locator('#ordered').waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.telltale.sessionId), sessions.human);

  const verdict = await finalVerdict(sessions.human);
  t.diagnostic(`human: ${JSON.stringify(verdict)}`);
  assert.equal(verdict.evidence, 'sufficient');
  assert.equal(verdict.action, 'monitor', `${JSON.stringify(verdict.reasons)}; headless hints sent per page: ${hints()}`);
  await page.close();
});

test('the bot is challenged or blocked by the decision API, for behaviour, and its shop panel shows it', { skip, timeout: 180_000 }, async (t) => {
  assert.ok(pending.bot, 'the bot shopped');
  const verdict = await pending.bot;
  t.diagnostic(`bot: ${JSON.stringify(verdict)}`);
  assert.ok(['challenge', 'block'].includes(verdict.action), `bot action ${verdict.action}`);
  assert.equal(verdict.evidence, 'sufficient');
  assert.ok(verdict.reasons.some((r) => /^(MOUSE|KEY|TYPING|CLICK)/.test(r.code)), 'a behavioural reason: ' + JSON.stringify(verdict.reasons));
  // The browser is dressed as a person's: no device tell may have counted.
  assert.ok(!verdict.reasons.some((r) => DEVICE_REASONS.includes(r.code)), 'no device reason: ' + JSON.stringify(verdict.reasons));
  // The visitor's own corner panel, fed by the shop backend from the decision API.
  const page = pages.bot;
  await page.goto(botShop() + '/cart');
  await waitFor(async () => (await page.locator('#telltale-panel').getAttribute('data-action')) === verdict.action, 15_000,
    () => 'the panel never showed ' + verdict.action);
  assert.ok((await page.locator('#telltale-panel .reasons li').count()) > 0, 'the panel lists reasons');
  await page.close();
});

// ---- the gateway's refusals, counted ----------------------------------------------------------

/** An HTTP request with any headers (Origin included), answered as {status, headers, body}. */
function http(url, { method = 'POST', headers = {}, body = '' } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, timeout: 10_000 }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function refusedCounts() {
  const text = (await http(`${gateway}/metrics`, { method: 'GET' })).body;
  const counts = {};
  for (const m of text.matchAll(/^telltale_gateway_refused_total\{endpoint="telemetry",reason="(\w+)"\} (\S+)$/gm)) counts[m[1]] = Number(m[2]);
  return counts;
}

function batch(sessionId, seq) {
  const now = Date.now();
  return JSON.stringify({ v: 1, sessionId, seq, startedAt: now - 2000, sentAt: now, mouse: { t: [0, 16], x: [1, 2], y: [1, 2], kind: [0, 0] } });
}

test('forged tokens, oversized and malformed bodies and foreign origins are refused with 4xx and counted', { skip, timeout: 120_000 }, async () => {
  const before = await refusedCounts();
  const site = { 'Content-Type': 'application/json', 'X-Telltale-Site-Key': 'site_demo_shop', Origin: shop };
  const target = sessions.human || 'someone-else';

  const forged = await http(`${gateway}/v1/telemetry`, { headers: { ...site, 'X-Telltale-Session': `v1.${Math.floor(Date.now() / 1000)}.${'A'.repeat(43)}` }, body: batch(target, 7) });
  assert.equal(forged.status, 401);
  assert.equal(JSON.parse(forged.body).error, 'SESSION_TOKEN_INVALID');

  const noToken = await http(`${gateway}/v1/telemetry`, { headers: site, body: batch(target, 8) });
  assert.equal(noToken.status, 401);
  assert.equal(JSON.parse(noToken.body).error, 'SESSION_TOKEN_REQUIRED');

  // seq 0 without a token does not enter the session it names: the gateway starts another.
  const hijack = await http(`${gateway}/v1/telemetry`, { headers: site, body: batch(target, 0) });
  assert.equal(hijack.status, 202);
  assert.ok(hijack.headers['x-telltale-session-id'] && hijack.headers['x-telltale-session-id'] !== target);

  const big = await http(`${gateway}/v1/telemetry`, { headers: site, body: batch(target, 0).replace('"v":1', `"v":1,"pad":"${'x'.repeat(1 << 20)}"`) });
  assert.equal(big.status, 413);
  assert.equal(JSON.parse(big.body).error, 'BODY_TOO_LARGE');

  const malformed = await http(`${gateway}/v1/telemetry`, { headers: site, body: '{"v":1,"sessionId":' });
  assert.equal(malformed.status, 400);
  assert.equal(JSON.parse(malformed.body).error, 'MALFORMED_JSON');

  // A page on a foreign origin, in the browser: the gateway refuses it and the browser, without
  // CORS headers, gives the page nothing.
  const foreign = createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<!doctype html><title>elsewhere</title>'); });
  await new Promise((r) => foreign.listen(0, '127.0.0.1', r));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${foreign.address().port}/`, { timeout: 10_000 });
    const outcome = await page.evaluate(async ([url, body]) => {
      try {
        const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Telltale-Site-Key': 'site_demo_shop' }, body });
        return 'answered ' + r.status;
      } catch (e) {
        return 'refused';
      }
    }, [`${gateway}/v1/telemetry`, batch('foreign', 0)]);
    assert.equal(outcome, 'refused');
    await page.close();
  } finally {
    foreign.close();
  }
  const evil = await http(`${gateway}/v1/telemetry`, { headers: { ...site, Origin: 'https://evil.example' }, body: batch('evil', 0) });
  assert.equal(evil.status, 403);
  assert.equal(JSON.parse(evil.body).error, 'ORIGIN_NOT_ALLOWED');
  assert.equal(evil.headers['access-control-allow-origin'], undefined);

  const afterCounts = await refusedCounts();
  const grew = (code, by) => assert.ok((afterCounts[code] || 0) - (before[code] || 0) >= by,
    `${code} counted: ${before[code] || 0} -> ${afterCounts[code] || 0}`);
  grew('SESSION_TOKEN_INVALID', 1);
  grew('SESSION_TOKEN_REQUIRED', 1);
  grew('BODY_TOO_LARGE', 1);
  grew('MALFORMED_JSON', 1);
  grew('ORIGIN_NOT_ALLOWED', 2); // the browser's preflight or request, and the one above
});

// ---- what is in Kafka -------------------------------------------------------------------------

test('Kafka holds schema-valid batches of both sessions, and the typed passwords nowhere', { skip, timeout: 180_000 }, async (t) => {
  assert.ok(sessions.bot && sessions.human, 'the shopping tests ran first');
  const dump = join(work, 'topics.ndjson');
  await run(TELLTALE, ['dump-topics', '--bootstrap-servers', kafka, '--output', dump], { timeout: 150_000 });
  const records = readFileSync(dump, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const keyOf = (r) => (r.key == null ? null : Buffer.from(r.key, 'base64').toString());
  const topics = new Set(records.map((r) => r.topic));
  t.diagnostic(`${records.length} records in ${[...topics].sort().join(', ')}`);
  for (const name of ['telltale.telemetry.v1', 'telltale.commerce.v1', 'telltale.risk-scores.v1']) assert.ok(topics.has(name), name);

  for (const [who, id] of Object.entries(sessions)) {
    const batches = records.filter((r) => r.topic === 'telltale.telemetry.v1' && keyOf(r) === id)
      .map((r) => JSON.parse(Buffer.from(r.value, 'base64')));
    assert.ok(batches.length >= 5, `${who}: ${batches.length} batches`);
    for (const b of batches) {
      assert.ok(validate(b), `${who} seq ${b.seq}: ${JSON.stringify(validate.errors)}`);
      assert.equal(b.sessionId, id);
      assert.ok(b.receivedAt > 0 && b.clientIp, 'stamped by the gateway');
    }
    // Every page load numbers its batches from 0 under its own page id.
    const pageIds = new Set(batches.map((b) => b.pageId));
    assert.ok(pageIds.size >= 3 && !pageIds.has(undefined), `${who}: page ids ${[...pageIds]}`);
    for (const pageId of pageIds) {
      const seqs = [...new Set(batches.filter((b) => b.pageId === pageId).map((b) => b.seq))].sort((a, b) => a - b);
      assert.deepEqual(seqs, seqs.map((_, i) => i), `${who} page ${pageId}: seq 0.. without gaps`);
    }
    if (who === 'bot') {
      // Every batch reached the score: the final scores count every distinct (page, seq) batch of
      // the session, less any that came after its window closed.
      const finals = records.filter((r) => r.topic === 'telltale.risk-scores.v1' && keyOf(r) === id)
        .map((r) => JSON.parse(Buffer.from(r.value, 'base64'))).filter((s) => s.final);
      // The job's late batches only: the pattern job dead-letters a score that comes after the
      // commerce session it belongs to was summarised, under the same key and reason.
      const deadLetters = records.filter((r) => r.topic === 'telltale.dead-letters.v1' && keyOf(r) === id)
        .map((r) => JSON.parse(Buffer.from(r.value, 'base64')));
      for (const d of deadLetters) t.diagnostic(`bot dead letter: ${d.reason}: ${d.detail}`);
      const late = deadLetters.filter((d) => d.reason === 'LATE_EVENT' && /^batch \d+ of session /.test(d.detail)).length;
      const counted = finals.reduce((n, s) => n + s.counts.batches, 0);
      const distinct = new Set(batches.map((b) => b.pageId + ':' + b.seq)).size;
      t.diagnostic(`bot: ${distinct} distinct batches over ${pageIds.size} pages, ${counted} counted in ${finals.length} final score(s), ${late} dead-lettered`);
      assert.equal(counted + late, distinct, 'every batch of every page counted once');
    }
    const hints = new Set(batches.flatMap((b) => b.device?.headlessHints || []));
    t.diagnostic(`${who}: headless hints in Kafka: ${[...hints].join(' ') || 'none'}`);
    assert.ok(batches.some((b) => b.keys && b.keys.t.length >= 20), `${who}: typing was captured`);
    const commerce = records.filter((r) => r.topic === 'telltale.commerce.v1' && keyOf(r) === id)
      .map((r) => JSON.parse(Buffer.from(r.value, 'base64')).type);
    for (const type of ['login', 'cart_add', 'checkout']) assert.ok(commerce.includes(type), `${who}: ${type} in ${commerce}`);
  }

  for (const secret of [PASSWORD, BOT_PASSWORD]) {
    const needle = Buffer.from(secret);
    for (const r of records) {
      for (const part of [r.key, r.value, ...r.headers.flatMap((h) => [Buffer.from(h[0]).toString('base64'), h[1]])]) {
        if (part) assert.equal(Buffer.from(part, 'base64').indexOf(needle), -1, `${secret} found in ${r.topic}/${r.partition}@${r.offset}`);
      }
    }
  }
});
