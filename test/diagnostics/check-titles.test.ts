/**
 * Korean check titles (issue 15): every check carries `titleKo` beside `title`, and `--lang ko`
 * reports use it (the site's Korean pages read it through check-titles.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkTitle } from '../../src/diagnostics/check-titles';
import { buildReport } from '../../src/diagnostics/report/build';
import { checkMeta, registryCatalog } from '../../src/diagnostics/runner/registry-catalog';
import { node, sampleInput } from './report/fixtures';

const HANGUL = /[\uac00-\ud7a3]/;

describe('Korean check titles', () => {
  const catalog = registryCatalog();
  const all = [...catalog.nodeChecks, ...catalog.hostChecks, ...catalog.clusterChecks];

  it('every check has a Korean title next to its English one', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const check of all) {
      expect([check.meta.id, HANGUL.test(check.meta.titleKo ?? '')]).toEqual([check.meta.id, true]);
      expect(checkTitle(check.meta.id, 'ko')).toBe(check.meta.titleKo);
      expect(checkTitle(check.meta.id, 'en')).toBe(check.meta.title);
    }
  });

  it('--lang ko reports carry the Korean title; en the English one', () => {
    const input = sampleInput();
    const finding = {
      checkId: 'swap-enabled',
      status: 'fail' as const,
      message: 'swap is on',
      evidence: [],
      runbook: 'kubeadm-join-hangs' as const,
    };
    const nodes = [node({ findings: [finding] })];
    const meta = checkMeta(catalog);
    const ko = buildReport({ ...input, lang: 'ko', meta, nodes, cluster: [] });
    const en = buildReport({ ...input, lang: 'en', meta, nodes, cluster: [] });
    expect(ko.nodes[0]?.findings[0]?.title).toBe('스왑이 꺼져 있다');
    expect(en.nodes[0]?.findings[0]?.title).toBe('Swap is off');
  });
});
