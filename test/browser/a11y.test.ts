/**
 * axe-core on every page of the built site, in English and Korean: zero violations.
 * Pages are found by walking dist/ (every index.html and 404.html), so a new page is scanned
 * without editing this test. No rule is disabled.
 */

import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../src/content/runbook-schema';
import { browserAvailable, type LaunchedBrowser, launch } from './support/browser';
import { DIST, type StaticSite, serveStatic } from './support/server';

function htmlPages(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name === 'pagefind' || name === '_astro') continue;
        walk(path);
      } else if (name === 'index.html' || name === '404.html') {
        const rel = relative(root, path).split(sep).join('/');
        out.push(`/${rel.replace(/index\.html$/, '')}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

const run = browserAvailable();

describe.runIf(run)('accessibility (axe-core) of every built page', () => {
  let site: StaticSite;
  let browser: LaunchedBrowser;
  let page: Page;
  const pages = htmlPages(DIST);

  beforeAll(async () => {
    site = await serveStatic();
    browser = await launch();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('covers both languages and the custom pages', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['/', '/ko/', '/report/', '/ko/report/', '/checks/', '/ko/checks/', '/cli/', '/ko/cli/']),
    );
    expect(pages.filter((path) => path.startsWith('/runbooks/')).length).toBe(RUNBOOK_IDS.length);
    expect(pages.filter((path) => path.startsWith('/ko/runbooks/')).length).toBe(RUNBOOK_IDS.length);
  });

  it.each(pages)('%s has no axe violations', async (path) => {
    await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
    const result = await new AxeBuilder({ page }).analyze();
    const violations = result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join('\n    ')}`,
    );
    expect(violations).toEqual([]);
  });
});
