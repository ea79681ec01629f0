/**
 * The sidebar is built from the runbooks' frontmatter: one group per layer, every runbook once,
 * in field-log order, with Korean group labels; a runbook with broken frontmatter is left out
 * (the content schema then fails the build and names it).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, RUNBOOK_IDS } from '../../src/content/runbook-schema';
import { buildSidebar, runbookPlaces } from '../../src/site/sidebar';
import { assertBuilt, distDir, repoRoot } from './built-site';

const docsDir = join(repoRoot, 'src/content/docs');

interface Group {
  label: string;
  translations: { ko?: string };
  items: Array<{ slug?: string; link?: string; label?: string; translations?: { ko?: string } }>;
}

describe('sidebar', () => {
  const places = runbookPlaces(docsDir);
  const groups = buildSidebar(places) as unknown as Group[];

  it('places every runbook once, by its frontmatter layer, in field-log order', () => {
    expect(places.map((p) => p.id).sort()).toEqual([...RUNBOOK_IDS].sort());
    const listed = groups.flatMap((g) => g.items.map((i) => i.slug)).filter((slug) => slug?.startsWith('runbooks/'));
    expect(listed.sort()).toEqual(RUNBOOK_IDS.map((id) => `runbooks/${id}`).sort());
    for (const layer of LAYERS) {
      const group = groups.find((g) => g.items[0]?.slug === `layers/${layer}`);
      const expected = places.filter((p) => p.layer === layer).map((p) => `runbooks/${p.id}`);
      expect(group?.items.slice(1).map((i) => i.slug)).toEqual(expected);
      expect(group?.translations.ko).toBeTruthy();
    }
    expect(places.map((p) => p.problem)).toEqual([...places.map((p) => p.problem)].sort((a, b) => a - b));
  });

  it('leaves out a runbook whose frontmatter it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-sidebar-'));
    try {
      mkdirSync(join(dir, 'runbooks'));
      const good = readFileSync(join(docsDir, 'runbooks/exec-format-error.mdx'), 'utf8');
      writeFileSync(join(dir, 'runbooks/exec-format-error.mdx'), good);
      writeFileSync(join(dir, 'runbooks/broken.mdx'), '---\nrunbook: [unclosed\n---\n');
      writeFileSync(join(dir, 'runbooks/wrong-layer.mdx'), good.replace(/^layer: .*$/m, 'layer: network'));
      expect(runbookPlaces(dir).map((p) => p.id)).toEqual(['exec-format-error']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the checks catalog, the report viewer and the CLI download, in both languages (issue 15)', () => {
    const tools = groups.find((g) => g.label === 'Tools');
    expect(tools?.translations.ko).toBe('도구');
    expect(tools?.items.map((i) => i.link)).toEqual(['/checks/', '/report/', '/cli/']);
    for (const item of tools?.items ?? [])
      expect([item.label, item.translations?.ko]).toEqual([item.label, expect.any(String)]);
    assertBuilt();
    for (const [page, prefix] of [
      ['onboarding/index.html', ''],
      ['ko/onboarding/index.html', '/ko'],
    ] as const) {
      const html = readFileSync(join(distDir, page), 'utf8');
      for (const path of ['checks', 'report', 'cli']) expect(html).toContain(`href="${prefix}/${path}/"`);
    }
    expect(readFileSync(join(distDir, 'ko/onboarding/index.html'), 'utf8')).toContain('점검 목록');
  });

  it('is rendered with Korean group labels on Korean pages', () => {
    assertBuilt();
    const html = readFileSync(join(distDir, 'ko/onboarding/index.html'), 'utf8');
    for (const label of ['시작하기', '프로비저닝', '클러스터']) expect(html).toContain(label);
    expect(html).toContain('href="/ko/runbooks/exec-format-error/"');
  });
});
