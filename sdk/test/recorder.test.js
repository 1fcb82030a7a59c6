import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRecorder, MAX_SPAN_MS } from '../src/recorder.js';

const T0 = 1772366400000;

function recorder(opts = {}) {
  const batches = [];
  const r = createRecorder({
    header: () => ({ sessionId: 's-1', userId: null, route: '/', userAgent: 'ua', device: {} }),
    emit: (p) => batches.push(p),
    maxSamples: 1000,
    seq: 0,
    ...opts
  });
  return { r, batches };
}

test('a batch opens at its first sample and carries times relative to it', () => {
  const { r, batches } = recorder();
  r.add('mouse', T0 + 0.4, [10, 20, 0]);
  r.add('mouse', T0 + 16.6, [11, 21, 0]);
  r.add('keys', T0 + 40, [1, 0]);
  r.cut();
  assert.equal(batches.length, 1);
  const b = batches[0];
  assert.deepEqual(Object.keys(b).slice(0, 3), ['v', 'sessionId', 'seq']);
  assert.equal(b.startedAt, T0);
  assert.deepEqual(b.mouse, { t: [0, 17], x: [10, 11], y: [20, 21], kind: [0, 0] });
  assert.deepEqual(b.keys, { t: [40], down: [1], cls: [0] });
  assert.equal('userId' in b, false);
});

test('an empty batch is never emitted and does not use a sequence number', () => {
  const { r, batches } = recorder();
  r.cut();
  r.cut();
  r.add('scroll', T0, [0, 120]);
  r.cut();
  assert.deepEqual(batches.map((b) => b.seq), [0]);
  assert.equal(r.nextSeq(), 1);
});

test('sequence numbers count up from the one given', () => {
  const { r, batches } = recorder({ seq: 7 });
  for (let i = 0; i < 3; i++) { r.add('keys', T0 + i * 1000, [1, 0]); r.cut(); }
  assert.deepEqual(batches.map((b) => b.seq), [7, 8, 9]);
});

test('a full track cuts the batch before the sample that would overfill it', () => {
  const { r, batches } = recorder({ maxSamples: 3 });
  for (let i = 0; i < 7; i++) r.add('mouse', T0 + i * 10, [i, i, 0]);
  r.cut();
  assert.deepEqual(batches.map((b) => b.mouse.x), [[0, 1, 2], [3, 4, 5], [6]]);
  assert.deepEqual(batches.map((b) => b.startedAt), [T0, T0 + 30, T0 + 60]);
  assert.deepEqual(batches[1].mouse.t, [0, 10, 20]);
});

test('the track limit is never above the wire limit of 5000', () => {
  const { r, batches } = recorder({ maxSamples: 99999 });
  for (let i = 0; i < 5001; i++) r.add('mouse', T0 + i, [0, 0, 0]);
  r.cut();
  assert.deepEqual(batches.map((b) => b.mouse.t.length), [5000, 1]);
});

test('a sample beyond the span limit starts a new batch', () => {
  const { r, batches } = recorder();
  r.add('keys', T0, [1, 0]);
  r.add('keys', T0 + MAX_SPAN_MS, [0, 0]);
  r.add('keys', T0 + MAX_SPAN_MS + 1, [1, 0]);
  r.cut();
  assert.deepEqual(batches.map((b) => b.keys.t), [[0, MAX_SPAN_MS], [0]]);
});

test('times never decrease within a track, and never go below zero', () => {
  const { r, batches } = recorder();
  r.add('mouse', T0 + 50, [0, 0, 0]);
  r.add('mouse', T0 + 40, [0, 0, 0]); // a coalesced sample stamped before the last one
  r.add('keys', T0 + 10, [1, 0]); // an event stamped before the batch opened
  r.cut();
  assert.deepEqual(batches[0].mouse.t, [0, 0]);
  assert.deepEqual(batches[0].keys.t, [0]);
});

test('touch radius and force are sent only when every sample has them', () => {
  const { r, batches } = recorder();
  r.add('touch', T0, [1, 2, 0, 11.5, 0.3]);
  r.add('touch', T0 + 17, [1, 3, 2, 12, 0]);
  r.cut();
  r.add('touch', T0 + 5000, [1, 2, 0, null, 0.5]);
  r.cut();
  assert.deepEqual(batches[0].touch, { t: [0, 17], x: [1, 1], y: [2, 3], phase: [0, 2], radius: [11.5, 12], force: [0.3, 0] });
  assert.deepEqual(batches[1].touch, { t: [0], x: [1], y: [2], phase: [0], force: [0.5] });
});
