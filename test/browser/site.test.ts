/**
 * The built site (dist/) in Debian's Chromium: Pagefind search in English and Korean, the
 * paste-an-error box, the language switch, the CLI download with its checksum, and the weight of
 * a runbook page's first visit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runbookCoverage } from '../../src/diagnostics/catalog';
import { RULES } from '../../src/diagnostics/lint/rules/index';
import { clusterChecks, hostChecks, nodeChecks } from '../../src/diagnostics/registry';
import { runbooks } from '../../src/diagnostics/runbooks/runbooks';
import { browserAvailable, type LaunchedBrowser, launch } from './support/browser';
import { type StaticSite, serveStatic } from './support/server';

const run = browserAvailable();

describe.runIf(run)('built site in Chromium', () => {
  let site: StaticSite;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    site = await serveStatic();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
    return page;
  }

  async function search(page: Page, query: string): Promise<string[]> {
    await page.locator('button[data-open-modal]').first().click();
    const input = page.locator('dialog[open] input[type="search"], dialog[open] .pagefind-ui__search-input').first();
    await input.fill(query);
    const links = page.locator('dialog[open] .pagefind-ui__result-link');
    await links.first().waitFor({ timeout: 120_000 });
    return links.evaluateAll((nodes) => nodes.map((node) => new URL((node as HTMLAnchorElement).href).pathname));
  }

  describe('Pagefind search', () => {
    it('finds an English runbook by its error text', async () => {
      const page = await open('/');
      const paths = await search(page, 'Exec format error');
      expect(paths.slice(0, 3)).toContain('/runbooks/exec-format-error/');
      await page.close();
    });

    it('finds a Korean runbook when the query carries a different particle', async () => {
      const page = await open('/ko/');
      // The runbook writes 방화벽을, 방화벽이, 규칙을, 규칙은 ...; the query uses 방화벽에서 and 규칙에서,
      // forms the page never uses: raw Pagefind would keep the particles attached and miss them.
      const paths = await search(page, '방화벽에서 규칙에서');
      expect(paths.every((path) => path.startsWith('/ko/'))).toBe(true);
      expect(paths.slice(0, 3)).toContain('/ko/runbooks/iptables-flush-lockout/');
      await page.close();
    });
  });

  describe('paste-an-error box', () => {
    const pasted = `E0401 16:47:34.292876   22219 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused
The connection to the server localhost:8080 was refused - did you specify the right host or port?`;

    it.each([
      ['/', '/runbooks/kubectl-localhost-8080/'],
      ['/ko/', '/ko/runbooks/kubectl-localhost-8080/'],
    ])('on %s finds the runbook with the same matcher as the CLI', async (home, expected) => {
      const page = await open(home);
      const before = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      await page.locator('.k8sdiag-error-search textarea').fill(pasted);
      await page.locator('.k8sdiag-error-search button[type="submit"]').click();
      const first = page.locator('.k8sdiag-error-search [data-error-results] li a').first();
      await first.waitFor();
      expect(new URL(await first.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(expected);
      // The matcher is not part of the first load: it arrived as a separate script on first use.
      const after = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      const loadedLater = after.filter((name) => !before.includes(name) && name.endsWith('.js'));
      expect(loadedLater.length).toBeGreaterThan(0);
      await page.close();
    });

    it('shows a weak match as "possibly related" with the line that matched, without the cause', async () => {
      const page = await open('/');
      await page
        .locator('.k8sdiag-error-search textarea')
        .fill('    default: Warning: Connection timeout. Retrying...');
      await page.locator('.k8sdiag-error-search button[type="submit"]').click();
      const results = page.locator('.k8sdiag-error-search [data-error-results]');
      await expect.poll(() => results.textContent()).toContain('Not a confident match. Possibly related:');
      expect(await results.textContent()).toContain('Your line: default: Warning: Connection timeout. Retrying...');
      await page.close();
    });

    it('says so when nothing matches', async () => {
      const page = await open('/');
      await page.locator('.k8sdiag-error-search textarea').fill('npm ERR! code ENOENT');
      await page.locator('.k8sdiag-error-search button[type="submit"]').click();
      await expect
        .poll(() => page.locator('.k8sdiag-error-search [data-error-results]').textContent())
        .toContain('No runbook matches');
      await page.close();
    });
  });

  describe('language switch', () => {
    it('moves from an English runbook to its Korean page and back', async () => {
      const page = await open('/runbooks/exec-format-error/');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await Promise.all([
        page.waitForURL('**/ko/runbooks/exec-format-error/'),
        page.locator('starlight-lang-select select').first().selectOption({ label: '한국어' }),
      ]);
      expect(await page.getAttribute('html', 'lang')).toBe('ko');
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/runbooks/exec-format-error/'),
        page.locator('starlight-lang-select select').first().selectOption({ label: 'English' }),
      ]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.close();
    });

    it('switches the report viewer and the checks catalog too', async () => {
      for (const path of ['/report/', '/checks/', '/cli/']) {
        const page = await open(path);
        await Promise.all([
          page.waitForURL(`**/ko${path}`),
          page.locator('starlight-lang-select select').first().selectOption({ label: '한국어' }),
        ]);
        expect(await page.getAttribute('html', 'lang')).toBe('ko');
        await page.close();
      }
    });
  });

  describe('checks catalog and runbook pages', () => {
    const checks = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];

    it.each([
      ['/checks/', '/runbooks/'],
      ['/ko/checks/', '/ko/runbooks/'],
    ])(
      '%s has every check with its exact probe commands and every lint rule, anchored by id',
      async (path, runbookPrefix) => {
        const page = await open(path);
        for (const check of checks) {
          const entry = page.locator(`section[data-check="${check.meta.id}"]`);
          expect(await entry.locator(`h3#${check.meta.id}`).count()).toBe(1);
          expect(await entry.locator(`a[href="${runbookPrefix}${check.meta.runbook}/"]`).count()).toBe(1);
          // expressive-code keeps each block's exact text for its copy button (U+007F = newline)
          const codes = await entry
            .locator('button[data-code]')
            .evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('data-code') ?? '').replace(/\u007f/g, '\n')));
          expect(codes).toEqual(check.probes.map((probe) => probe.command));
        }
        for (const rule of Object.values(RULES)) {
          const entry = page.locator(`section[data-rule="${rule.meta.id}"]`);
          expect(await entry.locator(`h3#${rule.meta.id}`).count()).toBe(1);
          expect(await entry.locator(`a[href="${runbookPrefix}${rule.meta.runbook}/"]`).count()).toBe(1);
        }
        await page.close();
      },
    );

    it.each(['en', 'ko'] as const)(
      '%s runbook pages show Detected by / Prevented by linking to catalog anchors',
      async (lang) => {
        const page = await browser.context.newPage();
        for (const entry of runbooks(lang)) {
          const prefix = lang === 'en' ? '' : '/ko';
          await page.goto(`${site.origin}${prefix}/runbooks/${entry.frontmatter.runbook}/`, { waitUntil: 'load' });
          const hrefs = await page
            .locator('[data-runbook-meta] a')
            .evaluateAll((links) =>
              links.map(
                (a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash,
              ),
            );
          const { detectedBy, preventedBy } = runbookCoverage(entry.frontmatter.runbook);
          const expected = [...detectedBy, ...preventedBy].map((id) => `${prefix}/checks/#${id}`);
          expect(hrefs).toEqual(expected);
        }
        await page.close();
      },
    );
  });

  describe('CLI download', () => {
    it('serves the bundled CLI with a checksum that matches it and the page', async () => {
      const page = await open('/cli/');
      const href = await page.locator('a[data-cli-download]').getAttribute('href', { timeout: 120_000 });
      expect(href).toBe('/k8sdiag.mjs');
      const [cli, checksum] = await Promise.all([
        fetch(`${site.origin}/k8sdiag.mjs`).then(async (r) => Buffer.from(await r.arrayBuffer())),
        fetch(`${site.origin}/k8sdiag.mjs.sha256`).then((r) => r.text()),
      ]);
      const digest = createHash('sha256').update(cli).digest('hex');
      expect(checksum).toBe(`${digest}  k8sdiag.mjs\n`);
      expect(cli.equals(readFileSync(join(import.meta.dirname, '../../build/cli/k8sdiag.mjs')))).toBe(true);
      expect(await page.locator('main').textContent()).toContain(digest);
      await page.close();
    });
  });

  describe('page weight', () => {
    it('keeps a runbook page first visit under 50 KB gzip (search loads on demand)', async () => {
      const page = await browser.context.newPage();
      // Marks the first idle period: Starlight asks for the Pagefind UI in an idle callback, which
      // is the "loads on demand" part that the budget leaves out. Registered before any page script.
      await page.addInitScript(() => {
        const w = window as unknown as { __idleAt?: number };
        const mark = (): void => {
          w.__idleAt = performance.now();
        };
        if ('requestIdleCallback' in window) window.requestIdleCallback(mark);
        else setTimeout(mark, 1);
      });
      const bodies = new Map<string, { type: string; gzip: number }>();
      const pending: Promise<void>[] = [];
      page.on('response', (response) => {
        const type = response.request().resourceType();
        if (!['document', 'stylesheet', 'script', 'font'].includes(type)) return;
        pending.push(
          response
            .body()
            .then((body) => {
              bodies.set(response.url(), { type, gzip: gzipSync(body, { level: 9 }).length });
            })
            .catch(() => undefined),
        );
      });
      await page.goto(`${site.origin}/runbooks/kubectl-localhost-8080/`, { waitUntil: 'networkidle' });
      await page.waitForFunction(() => (window as unknown as { __idleAt?: number }).__idleAt !== undefined);
      await Promise.all(pending);
      const timing = await page.evaluate(() => {
        const idleAt = (window as unknown as { __idleAt: number }).__idleAt;
        const entries = [
          ...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource'),
        ] as PerformanceResourceTiming[];
        return { idleAt, entries: entries.map((entry) => ({ url: entry.name, start: entry.startTime })) };
      });
      const beforeIdle = timing.entries.filter((entry) => entry.start <= timing.idleAt).map((entry) => entry.url);
      const afterIdle = timing.entries.filter((entry) => entry.start > timing.idleAt).map((entry) => entry.url);
      const counted = beforeIdle
        .map((url) => ({ url, ...bodies.get(url) }))
        .filter((item): item is { url: string; type: string; gzip: number } => item.gzip !== undefined);
      const total = counted.reduce((sum, item) => sum + item.gzip, 0);
      const lines = counted.map((item) => `${item.type.padEnd(10)} ${String(item.gzip).padStart(7)} B gz ${item.url}`);
      console.log(
        `runbook first visit before idle: ${total} B gzip (${(total / 1024).toFixed(1)} KB)\n${lines.join('\n')}\n` +
          `requested after idle (not counted): ${afterIdle.join(', ') || 'none'}`,
      );
      expect(counted.some((item) => item.type === 'document')).toBe(true);
      expect(counted.some((item) => /pagefind/i.test(item.url))).toBe(false);
      expect(total).toBeLessThan(50 * 1024);
      await page.close();
    });
  });
});
