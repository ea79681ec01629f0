/**
 * The search dialog of the built site in Chromium: the query goes through the Korean normaliser
 * (Pagefind UI's processTerm, wired by the @pagefind/default-ui alias in astro.config.mjs), and
 * the search-only metadata (stems, about) never shows up as result tags.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_META_KEYS } from '../../src/search/pagefind-options';
import { browserAvailable, type LaunchedBrowser, launch } from '../browser/support/browser';
import { type StaticSite, serveStatic } from '../browser/support/server';

describe.runIf(browserAvailable())('search dialog in Chromium', () => {
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

  async function search(path: string, query: string): Promise<{ page: Page; paths: string[] }> {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
    await page.locator('button[data-open-modal]').first().click();
    await page.locator('dialog[open] .pagefind-ui__search-input').fill(query);
    const links = page.locator('dialog[open] .pagefind-ui__result-link');
    await links.first().waitFor({ timeout: 15_000 });
    const paths = await links.evaluateAll((nodes) =>
      nodes.map((node) => new URL((node as HTMLAnchorElement).href).pathname),
    );
    return { page, paths };
  }

  it('stems the query: 게이트웨이가 finds the two-default-gateways runbook first', async () => {
    const { page, paths } = await search('/ko/', '게이트웨이가');
    expect(paths[0]).toBe('/ko/runbooks/duplicate-default-route/');
    await page.close();
  });

  it('shows no search-only metadata as result tags', async () => {
    const { page } = await search('/ko/', '서버를');
    for (const key of HIDDEN_META_KEYS) {
      expect(await page.locator(`dialog[open] [data-pagefind-ui-meta="${key}"]`).count()).toBe(0);
    }
    const tags = await page.locator('dialog[open] .pagefind-ui__result-tags').allTextContents();
    expect(tags.join(' ')).not.toMatch(/stems|about/);
    await page.close();
  });
});
