// Benchmark (not a test) of the site search in Debian's Chromium, against the built site (dist/):
//  1. first visit of a runbook page, EN and KO: gzip bytes of the document, styles, scripts and fonts
//     requested before the first idle period (Starlight loads the search UI in an idle callback, so
//     search is on demand; the same method as the page-weight test in test/browser/site.test.ts).
//     Target: < 50 KB. Also prints what the search costs when it is used (UI, index, matcher).
//  2. time from the last keystroke to the results in the search dialog, per query: the last
//     character is typed, and the clock stops at the first animation frame where the dialog shows
//     results for the whole query. Median of RUNS runs. Target: < 300 ms.
//   npm run build && npm run bench:search            RUNS=9 npm run bench:search
//   DIST=/path/to/other/dist npm run bench:search    (another build, e.g. before a change)
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.DIST ?? join(root, 'dist'));
const CHROMIUM = process.env.K8SDIAG_CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Number.parseInt(process.env.RUNS ?? '7', 10);
const WEIGHT_TARGET = 50 * 1024;
const LATENCY_TARGET_MS = 300;

const QUERIES = [
  { path: '/', query: 'kubeadm join hangs' },
  { path: '/', query: 'vagrant up session aborted on my m1 macbook zzyzxq' },
  {
    path: '/',
    query: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
  },
  { path: '/ko/', query: '게이트웨이가 두 개' },
  { path: '/ko/', query: '맥북에서 베이그런트 up 했더니 세션이 중단됐다고 나와요' },
  { path: '/ko/', query: '방화벽 규칙 초기화했더니 깜깜무소식' },
];

if (!existsSync(join(dist, 'pagefind', 'pagefind.js'))) {
  console.error('bench-search: dist/ has no built site; run "npm run build" first');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench-search: ${CHROMIUM} not found (set K8SDIAG_CHROMIUM)`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function firstVisit(context, origin, path) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const mark = () => {
      window.__idleAt = performance.now();
    };
    if ('requestIdleCallback' in window) window.requestIdleCallback(mark);
    else setTimeout(mark, 1);
  });
  const bodies = new Map();
  const pending = [];
  page.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          bodies.set(response.url(), {
            type: response.request().resourceType(),
            gzip: gzipSync(body, { level: 9 }).length,
          });
        })
        .catch(() => undefined),
    );
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => window.__idleAt !== undefined);
  await Promise.all(pending);
  const timing = await page.evaluate(() => ({
    idleAt: window.__idleAt,
    entries: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      url: e.name,
      start: e.startTime,
    })),
  }));
  const kinds = ['document', 'stylesheet', 'script', 'font'];
  const sum = (urls) =>
    urls
      .map((url) => bodies.get(url))
      .filter((item) => item !== undefined && kinds.includes(item.type))
      .reduce((total, item) => total + item.gzip, 0);
  const before = timing.entries.filter((e) => e.start <= timing.idleAt).map((e) => e.url);
  const after = timing.entries.filter((e) => e.start > timing.idleAt).map((e) => e.url);
  // What using the search costs: open the dialog, search once (index, fragments, wasm, worker).
  const searchStart = bodies.size;
  await page.locator('button[data-open-modal]').first().click();
  await page
    .locator('dialog[open] .pagefind-ui__search-input')
    .fill(path.startsWith('/ko/') ? '게이트웨이' : 'gateway');
  await page.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const searchBytes = [...bodies.values()].slice(searchStart).reduce((total, item) => total + item.gzip, 0);
  await page.close();
  return { before: sum(before), afterIdle: sum(after), search: searchBytes };
}

async function latency(context, origin, { path, query }) {
  const page = await context.newPage();
  await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  await page.locator('button[data-open-modal]').first().click();
  const input = page.locator('dialog[open] .pagefind-ui__search-input');
  // Warm up: the first search loads Pagefind, its wasm and index chunks.
  await input.fill(query);
  await page.locator('dialog[open] .pagefind-ui__result-link').first().waitFor({ timeout: 30_000 });
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    await input.fill('');
    await page.waitForTimeout(400);
    await input.fill(query.slice(0, -1));
    await page.waitForTimeout(600);
    await page.evaluate(() => {
      const input = document.querySelector('dialog[open] .pagefind-ui__search-input');
      input.addEventListener(
        'input',
        () => {
          window.__typedAt = performance.now();
        },
        { once: true },
      );
    });
    await page.keyboard.insertText(query.slice(-1));
    const elapsed = await page.waitForFunction(
      (want) => {
        const message = document.querySelector('dialog[open] .pagefind-ui__message');
        const link = document.querySelector('dialog[open] .pagefind-ui__result-link');
        const input = document.querySelector('dialog[open] .pagefind-ui__search-input');
        if (!message || !link || !input || input.value !== want || window.__typedAt === undefined) return false;
        if (!message.textContent?.includes(want.slice(-12))) return false;
        return performance.now() - window.__typedAt;
      },
      query,
      { polling: 'raf', timeout: 30_000 },
    );
    times.push(await elapsed.jsonValue());
  }
  // The same query straight to Pagefind's own API on the same page, with the five results' data:
  // what Pagefind alone costs at this moment on this machine (no dialog, debounce or relaxation).
  const plain = [];
  for (let run = 0; run < RUNS; run++) {
    plain.push(
      await page.evaluate(async (q) => {
        const pagefind = await import('/pagefind/pagefind.js');
        const start = performance.now();
        const response = await pagefind.search(q);
        await Promise.all(response.results.slice(0, 5).map((result) => result.data()));
        return performance.now() - start;
      }, query),
    );
  }
  await page.close();
  return { times, plain };
}

const server = await startStaticServer({ root: dist });
const origin = server.url.replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  console.log('First visit of a runbook page (gzip, level 9), before the first idle period; target < 50 KB');
  for (const path of ['/runbooks/kubectl-localhost-8080/', '/ko/runbooks/kubectl-localhost-8080/']) {
    const fresh = await browser.newContext();
    const weight = await firstVisit(fresh, origin, path);
    await fresh.close();
    const verdict = weight.before < WEIGHT_TARGET ? 'ok' : 'OVER';
    console.log(
      `  ${path.padEnd(40)} ${(weight.before / 1024).toFixed(1).padStart(6)} KB  ${verdict}` +
        `   (idle-time search UI ${(weight.afterIdle / 1024).toFixed(1)} KB, first search ${(weight.search / 1024).toFixed(1)} KB more)`,
    );
  }
  console.log(
    `\nLast keystroke to results in the search dialog (includes the UI's 150 ms debounce, src/search/pagefind-ui.ts), Chromium, median of ${RUNS} (min-max); target < ${LATENCY_TARGET_MS} ms.\n` +
      '"Pagefind alone": the query straight to pagefind.search() + five results\' data, same page, same moment.\n' +
      `load average now: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
  );
  const context = await browser.newContext();
  for (const item of QUERIES) {
    const { times, plain } = await latency(context, origin, item);
    const m = median(times);
    const label = `${item.path} ${item.query}`;
    console.log(
      `  ${m.toFixed(0).padStart(5)} ms (${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)})  ${m < LATENCY_TARGET_MS ? 'ok  ' : 'SLOW'}  Pagefind alone ${median(plain).toFixed(0).padStart(4)} ms  ${label.length > 70 ? `${label.slice(0, 67)}...` : label}`,
    );
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.close();
}
