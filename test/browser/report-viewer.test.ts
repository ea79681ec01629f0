/**
 * The report viewer (/report/, /ko/report/) in Chromium with a REAL `k8sdiag run` report
 * (test/browser/fixtures/lab-report.json, captured from a run against the lab's OpenSSH nodes; see
 * fixtures/README.md), a hostile copy of it whose node-supplied text carries markup, and bad files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, reportSchema } from '../../src/diagnostics/report/schema';
import { browserAvailable, type LaunchedBrowser, launch } from './support/browser';
import { type StaticSite, serveStatic } from './support/server';

const FIXTURE = join(import.meta.dirname, 'fixtures/lab-report.json');
const haveReport = existsSync(FIXTURE);
const run = browserAvailable();

/** Markup in every place a node can put text: none of it may become DOM. */
const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '"><svg onload="window.__pwned=\'svg\'">',
];

function hostile(report: Report): Report {
  const copy = structuredClone(report);
  copy.warnings.push(HOSTILE[0] ?? '');
  copy.nodes.forEach((node, index) => {
    node.name = `${node.name}${HOSTILE[index % HOSTILE.length]}`;
    if (node.reason !== undefined) node.reason = `${node.reason} ${HOSTILE[1]}`;
    for (const finding of node.findings) {
      finding.message = `${finding.message} ${HOSTILE[0]}`;
      finding.evidence = [...finding.evidence, ...HOSTILE];
      if (finding.fix !== undefined) finding.fix = `${finding.fix} ${HOSTILE[3]}`;
    }
  });
  return reportSchema.parse(copy);
}

describe.runIf(run)('report viewer', () => {
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

  async function openViewer(path = '/report/'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
    return page;
  }

  async function pick(page: Page, name: string, text: string): Promise<void> {
    await page.locator('[data-report-viewer] input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
  }

  const loaded = (page: Page) => page.waitForSelector('[data-report-viewer][data-state="loaded"]');
  const invalid = (page: Page) => page.waitForSelector('[data-report-viewer][data-state="invalid"]');

  it.runIf(haveReport)(
    'renders the real lab report: summary, every node, every finding with evidence and runbook',
    async () => {
      const text = readFileSync(FIXTURE, 'utf8');
      const report = reportSchema.parse(JSON.parse(text));
      const page = await openViewer();
      await pick(page, 'lab-report.json', text);
      await loaded(page);
      const output = page.locator('[data-output]');
      expect(await output.locator('.k8sdiag-report-summary').textContent()).toContain(report.run.id);
      expect(await output.locator('section.k8sdiag-report-node').count()).toBe(report.nodes.length);
      const findings = report.nodes.reduce((sum, node) => sum + node.findings.length, 0) + report.cluster.length;
      expect(await output.locator('li.k8sdiag-finding').count()).toBe(findings);
      for (const node of report.nodes) {
        const section = output.locator(`section.k8sdiag-report-node[data-node="${node.name}"]`);
        expect(await section.locator('h3').textContent()).toContain(node.name);
        for (const finding of node.findings) {
          const item = section.locator(`li[data-status="${finding.status}"]`, { hasText: finding.checkId }).first();
          expect(await item.textContent()).toContain(finding.message);
          expect(await item.locator(`a[href="/runbooks/${finding.runbook}/"]`).count()).toBe(1);
          expect(await item.locator(`a[href="/checks/#${finding.checkId}"]`).count()).toBe(1);
          if (finding.evidence.length > 0) {
            expect(await item.locator('pre').textContent()).toBe(finding.evidence.join('\n'));
          }
        }
      }
      await page.close();
    },
  );

  it.runIf(haveReport)('filters by status and by node', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const report = reportSchema.parse(JSON.parse(text));
    const page = await openViewer();
    await pick(page, 'lab-report.json', text);
    await loaded(page);
    const visible = (selector: string) => page.locator(`[data-output] ${selector}:visible`).count();
    const passes = report.nodes.flatMap((n) => n.findings).filter((f) => f.status === 'pass').length;
    expect(await visible('li[data-status="pass"]')).toBe(passes);
    await page.locator('#report-filter-pass').uncheck();
    expect(await visible('li[data-status="pass"]')).toBe(0);
    const target = report.nodes[report.nodes.length - 1];
    if (target === undefined) throw new Error('the lab report has no nodes');
    await page.locator('#report-filter-node').selectOption(target.name);
    expect(await visible('section.k8sdiag-report-node')).toBe(1);
    expect(
      await page.locator(`[data-output] section.k8sdiag-report-node[data-node="${target.name}"]`).isVisible(),
    ).toBe(true);
    const expected = target.findings.filter((f) => f.status !== 'pass').length;
    expect(await visible('section.k8sdiag-report-node li.k8sdiag-finding')).toBe(expected);
    await page.close();
  });

  it.runIf(haveReport)('opens a same-origin ?src= report and a dropped file, in Korean too', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const page = await browser.context.newPage();
    await page.route(
      (url) => url.pathname === '/reports/lab.json',
      (route) => route.fulfill({ contentType: 'application/json', body: text }),
    );
    await page.goto(`${site.origin}/ko/report/?src=/reports/lab.json`, { waitUntil: 'networkidle' });
    await loaded(page);
    expect(await page.locator('[data-viewer-status]').textContent()).toContain('노드');
    expect(await page.locator('[data-output] a[href^="/ko/runbooks/"]').count()).toBeGreaterThan(0);

    const dropPage = await openViewer();
    const transfer = await dropPage.evaluateHandle((json) => {
      const data = new DataTransfer();
      data.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
      return data;
    }, text);
    await dropPage.dispatchEvent('[data-drop]', 'drop', { dataTransfer: transfer });
    await loaded(dropPage);
    await page.close();
    await dropPage.close();
  });

  it.runIf(haveReport)('renders a hostile report inertly: markup stays text, no script runs', async () => {
    const report = hostile(reportSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8'))));
    const page = await openViewer();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await pick(page, 'hostile.json', JSON.stringify(report));
    await loaded(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const injected = await page
      .locator('[data-output] script, [data-output] img, [data-output] iframe, [data-output] svg')
      .count();
    expect(injected).toBe(0);
    const text = (await page.locator('[data-output]').textContent()) ?? '';
    for (const markup of HOSTILE) expect(text).toContain(markup);
    await page.close();
  });

  it('explains a file that is not JSON, and one that is not a k8sdiag report', async () => {
    const page = await openViewer();
    await pick(page, 'notes.txt', 'this is not json {');
    await invalid(page);
    expect(await page.locator('[data-problem]').textContent()).toContain('notes.txt is not JSON');
    await pick(page, 'other.json', JSON.stringify({ schemaVersion: 99, nodes: 'x' }));
    await page.waitForFunction(() => document.querySelector('[data-problem]')?.textContent?.includes('other.json'));
    const problem = (await page.locator('[data-problem]').textContent()) ?? '';
    expect(problem).toContain('other.json is not a valid k8sdiag report');
    expect(problem).toContain('.schemaVersion');
    expect(await page.locator('[data-output] *').count()).toBe(0);
    await page.close();
  });

  it('refuses a ?src= on another origin without fetching it', async () => {
    const page = await browser.context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${site.origin}/report/?src=https://attacker.invalid/report.json`, { waitUntil: 'networkidle' });
    await invalid(page);
    expect(await page.locator('[data-problem]').textContent()).toContain('Only reports on this site');
    expect(requested.some((url) => new URL(url).hostname === 'attacker.invalid')).toBe(false);
    await page.close();
  });

  if (!haveReport) it.todo('real lab report: capture test/browser/fixtures/lab-report.json (see fixtures/README.md)');
});
