/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh profile per launch.
 * Without Chromium the browser tests are skipped locally and FAIL under CI=true.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env['K8SDIAG_CHROMIUM'] ?? '/usr/bin/chromium';
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** True when the browser tests should run; throws under CI when Chromium is missing. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (inCi) throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium (scripts/setup-system.sh)`);
  console.warn(`[browser tests] ${CHROMIUM} not found; skipping (set CI=true to make this a failure)`);
  return false;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Playwright refuses a --user-data-dir argument and takes the directory as launchPersistentContext's
 * first parameter instead; a new temporary directory per launch is the fresh profile.
 */
export async function launch(): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'k8sdiag-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Liveness bounds for navigation and waits (Playwright's default is 30 s): on a loaded 2-core
  // machine a large page can take longer to load; no test asserts how long it took.
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
