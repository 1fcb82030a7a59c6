// Device characteristics that reveal automation: the DeviceInfo of docs/wire-format.md.
// Every probe is wrapped: a browser that lacks or blocks an API simply reports less.

const int = (v) => (Number.isFinite(+v) ? Math.max(0, Math.min(100000, Math.round(+v))) : 0);
const str = (v) => (typeof v === 'string' ? v.slice(0, 2048) : null);

function attempt(fn) {
  try { return fn(); } catch (e) { return undefined; }
}

/**
 * Reads the synchronous device fields and headless hints. `hints` is a Set the caller keeps, so
 * that the asynchronous probes of {@link probeLater} add to the same set.
 */
export function readDevice(win, hints) {
  const nav = win.navigator || {};
  const scr = win.screen || {};
  const ua = String(nav.userAgent || '');
  const desktopChrome = /Chrome\//.test(ua) && !/Mobile|Android/.test(ua);
  attempt(() => { if (/HeadlessChrome/.test(ua)) hints.add('headless-ua'); });
  // Desktop Chrome lists its built-in PDF viewer as plugins; old headless Chrome lists none.
  attempt(() => { if (desktopChrome && nav.plugins && nav.plugins.length === 0) hints.add('no-plugins'); });
  attempt(() => { if (nav.languages && nav.languages.length === 0) hints.add('no-languages'); });
  // A browser's own navigator.language is its first preferred language; a spoofed one often is not.
  attempt(() => {
    if (nav.languages && nav.languages.length && nav.language && nav.languages[0] !== nav.language) hints.add('language-mismatch');
  });
  return {
    webdriver: nav.webdriver === true,
    screen: [int(scr.width), int(scr.height)],
    viewport: [int(win.innerWidth), int(win.innerHeight)],
    pixelRatio: Math.min(100000, Math.max(0, +win.devicePixelRatio || 0)),
    hardwareConcurrency: int(nav.hardwareConcurrency),
    maxTouchPoints: int(nav.maxTouchPoints),
    platform: str(nav.platform),
    language: str(nav.language),
    timezone: str(attempt(() => win.Intl.DateTimeFormat().resolvedOptions().timeZone))
  };
}

/**
 * Probes that cost a frame or a promise, or that must hold for a while, run after the page is
 * idle so they never delay it: the WebGL renderer (software rasterisers), the notification
 * permission contradiction of headless Chrome, a window without an outer size, and whether
 * animation frames run at all while the page is visible.
 */
export function probeLater(win, hints, schedule) {
  schedule(() => {
    const gl = win.document.createElement('canvas').getContext('webgl');
    if (!gl) return;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    if (/SwiftShader|llvmpipe|softpipe/i.test(renderer)) hints.add('swiftshader-webgl');
    const lose = gl.getExtension('WEBGL_lose_context');
    if (lose) lose.loseContext();
  });
  schedule(() => {
    const perms = win.navigator.permissions;
    if (!perms || !win.Notification) return;
    perms.query({ name: 'notifications' }).then((s) => {
      if (win.Notification.permission === 'denied' && s.state === 'prompt') hints.add('permissions-mismatch');
    }, () => {});
  });
  schedule(() => {
    // A shown window has an outer size; old headless Chrome's report 0 x 0 for good. A window
    // that is still opening can too, for a moment (new headless Chrome on a busy machine, seen in
    // the shop e2e), so it counts only when still so a second later.
    const zero = () => win.outerWidth === 0 && win.outerHeight === 0 && win.document.visibilityState === 'visible';
    if (!zero()) return;
    win.setTimeout(() => { if (zero()) hints.add('outer-size-zero'); }, OUTER_SIZE_RECHECK_MS);
  });
  schedule(() => {
    // A visible page gets animation frames; a browser driven without rendering may not.
    if (!win.requestAnimationFrame || win.document.visibilityState !== 'visible') return;
    let frames = 0;
    win.requestAnimationFrame(() => frames++);
    win.setTimeout(() => {
      if (!frames && win.document.visibilityState === 'visible') hints.add('raf-stalled');
    }, RAF_STALL_MS);
  });
}

/**
 * A visible page with no animation frame for this long is not rendering (60 Hz gives ~300). A tab
 * that is just opening on a busy machine can go a second or two without one; a browser that never
 * renders has none after any wait.
 */
export const RAF_STALL_MS = 5000;

/** How long a visible window must keep an outer size of 0 x 0 to count (see probeLater). */
export const OUTER_SIZE_RECHECK_MS = 1000;
