/**
 * The search dialog of the built site in Chromium: the query goes through the relaxed search
 * (src/search/pagefind-ui.ts, wired by the @pagefind/default-ui alias in astro.config.mjs: Korean
 * normaliser, glossary, relaxation), a word no page contains is left out and named above the
 * results, a pasted error also gets the explain matcher's answer, and the search-only metadata
 * (stems, about, terms) never shows up as result tags.
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
    await links.first().waitFor({ timeout: 120_000 });
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

  it('searches without a word no page contains and says so', async () => {
    const { page, paths } = await search('/ko/', '방화벽 규칙 초기화했더니 깜깜무소식');
    expect(paths.slice(0, 3)).toContain('/ko/runbooks/iptables-flush-lockout/');
    const note = page.locator('dialog[open] .k8sdiag-search-notes [data-k8sdiag-note="without"]');
    await note.waitFor({ timeout: 120_000 });
    expect(await note.textContent()).toContain('다음 단어 없이 검색함: 깜깜무소식');
    await page.close();
  });

  it('searches without a stray English word and says so', async () => {
    const { page, paths } = await search('/', 'two default gateways zzyzxq');
    expect(paths.slice(0, 3)).toContain('/runbooks/duplicate-default-route/');
    const note = page.locator('dialog[open] .k8sdiag-search-notes [data-k8sdiag-note="without"]');
    await note.waitFor({ timeout: 120_000 });
    expect(await note.textContent()).toBe('Searched without: zzyzxq');
    const box = page.locator('dialog[open] .k8sdiag-search-notes');
    expect(await box.evaluate((node) => getComputedStyle(node).borderTopStyle)).toBe('solid');
    await page.close();
  });

  it('answers a pasted error with the explain matcher above the results', async () => {
    const { page } = await search(
      '/',
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
    const answer = page.locator('dialog[open] .k8sdiag-search-notes [data-k8sdiag-note="explain"]');
    await answer.waitFor({ timeout: 120_000 });
    const href = await answer.locator('a').getAttribute('href');
    expect(href).toBe('/runbooks/kubectl-localhost-8080/');
    expect(['confident', 'weak']).toContain(await answer.getAttribute('data-confidence'));
    const first = await page
      .locator('dialog[open] .pagefind-ui__results-area > :first-child')
      .evaluate((node) => node.className);
    expect(first).toBe('k8sdiag-search-notes');
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
