// The device probes of src/device.js on a scripted window: a tell counts only when it holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeWindow } from './fake-window.js';
import { readDevice, probeLater, OUTER_SIZE_RECHECK_MS } from '../src/device.js';

/** Runs the SDK's device probes as it does, idle work at once, and returns the hints after `ms`. */
async function hintsAfter(win, ms, during = () => {}) {
  const hints = new Set();
  readDevice(win, hints);
  probeLater(win, hints, (fn) => win.setTimeout(fn, 0));
  await win.advance(1);
  during();
  await win.advance(ms);
  return [...hints];
}

test('a visible window that stays 0 x 0 is a headless tell', async () => {
  const win = new FakeWindow();
  win.outerWidth = 0; win.outerHeight = 0;
  assert.deepEqual(await hintsAfter(win, OUTER_SIZE_RECHECK_MS + 10), ['outer-size-zero']);
});

test('a window that is 0 x 0 only while it opens is not', async () => {
  const win = new FakeWindow();
  win.outerWidth = 0; win.outerHeight = 0;
  const hints = await hintsAfter(win, OUTER_SIZE_RECHECK_MS + 10, () => { win.outerWidth = 1280; win.outerHeight = 800; });
  assert.deepEqual(hints, []);
});

test('a window read as 0 x 0 at start but sized when idle is not, and neither is a hidden one', async () => {
  const sized = new FakeWindow();
  sized.outerWidth = 0; sized.outerHeight = 0;
  const hints = new Set();
  readDevice(sized, hints);
  sized.outerWidth = 1280; sized.outerHeight = 800;
  probeLater(sized, hints, (fn) => sized.setTimeout(fn, 0));
  await sized.advance(OUTER_SIZE_RECHECK_MS + 10);
  assert.deepEqual([...hints], []);

  const hidden = new FakeWindow();
  hidden.outerWidth = 0; hidden.outerHeight = 0; hidden.document.visibilityState = 'hidden';
  assert.deepEqual(await hintsAfter(hidden, OUTER_SIZE_RECHECK_MS + 10), []);
});
