// Public entry point of the browser SDK. See docs/embedding.md.
import { create, NOOP, VERSION } from './telltale.js';

export const version = VERSION;

/**
 * Starts the SDK on this page and returns its handle. Never throws: with a bad config, outside a
 * browser, or on an error, it returns a handle that does nothing (set `debug: true` to see why).
 */
export function init(config) {
  try {
    return create(config || {}, window);
  } catch (e) {
    return NOOP;
  }
}
