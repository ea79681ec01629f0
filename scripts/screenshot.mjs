// Takes the README's screenshot of a runbook page from the built site (dist/) with Chromium:
//   node scripts/screenshot.mjs [page path] [output.png]
// Defaults: /runbooks/iptables-flush-lockout/ -> docs/screenshot-runbook.png. CHROMIUM overrides
// the browser binary (default /usr/bin/chromium, installed by scripts/setup-system.sh).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pagePath = process.argv[2] ?? '/runbooks/iptables-flush-lockout/';
const output = process.argv[3] ?? join(root, 'docs', 'screenshot-runbook.png');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const server = await startStaticServer({ root: join(root, 'dist') });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
  await page.goto(new URL(pagePath.replace(/^\//, ''), server.url).href, { waitUntil: 'networkidle' });
  await page.screenshot({ path: output });
  console.log(`screenshot: ${output}`);
} finally {
  await browser.close();
  await server.close();
}
