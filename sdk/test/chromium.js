// Debian's Chromium as every real-browser test launches it (issue 4): playwright-core, headless,
// no sandbox, no GPU, nothing in the background, a fresh profile directory that is removed after.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.TELLTALE_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** false when Chromium is there, else why a test must be skipped (node:test's `skip`). */
export const noChromium = existsSync(CHROMIUM) ? false
  : `no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set TELLTALE_CHROMIUM`;

/** A persistent context on a fresh profile; `close()` closes it and removes the profile. */
export async function launchChromium(options = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'telltale-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options
  });
  const close = context.close.bind(context);
  context.close = async () => {
    try { await close(); } finally { rmSync(profile, { recursive: true, force: true }); }
  };
  return context;
}
