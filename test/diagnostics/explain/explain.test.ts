/**
 * Table test: real-world error messages (the matcher side of test/queries/shared.ts) must find their
 * runbook in the top 3, against the runbooks' real frontmatter. Prints the hit-rate table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../../src/content/runbook-schema';
import { explain } from '../../../src/diagnostics/explain/explain';
import { type Lang, runbooks, runbookUrl } from '../../../src/diagnostics/runbooks/runbooks';
import { MATCHER_CASES as CASES, MATCHER_UNRELATED as UNRELATED } from '../../queries/shared';

const results: { name: string; lang: Lang; expect: string; rank: number; score: number; top: string }[] = [];

function run(text: string, lang: Lang) {
  return explain({ text, lang, entries: runbooks(lang), url: (id, l) => runbookUrl(id, l, 'https://docs.test') });
}

describe('explain: the runbooks are there to match against', () => {
  it.each(['en', 'ko'] as const)('%s has all ten runbooks', (lang) => {
    expect(
      runbooks(lang)
        .map((entry) => entry.frontmatter.runbook)
        .sort(),
    ).toEqual([...RUNBOOK_IDS].sort());
  });
});

describe('explain: real error messages find their runbook in the top 3', () => {
  it('has at least 25 cases from at least 6 tools and every runbook is expected somewhere', () => {
    expect(CASES.filter((c) => c.knownGap === undefined).length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c.tool)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(CASES.map((c) => c.expect))).toEqual(new Set(RUNBOOK_IDS));
  });

  it.each(
    CASES.map((c) => [`${c.lang ?? 'en'} ${c.expect} <- ${c.name}${c.knownGap ? ' (known gap)' : ''}`, c] as const),
  )('%s', (_title, c) => {
    const lang = c.lang ?? 'en';
    const found = run(c.text, lang);
    const rank = found.findIndex((item) => item.id === c.expect) + 1;
    results.push({
      name: c.name,
      lang,
      expect: c.expect,
      rank,
      score: found.find((item) => item.id === c.expect)?.score ?? 0,
      top: found.map((item) => `${item.id}(${item.score.toFixed(2)})`).join(' '),
    });
    if (c.knownGap === undefined) expect(found.map((item) => item.id)).toContain(c.expect);
    else
      expect(
        found.map((item) => item.id),
        `known gap now matches; remove knownGap: ${c.knownGap}`,
      ).not.toContain(c.expect);
  });

  afterAll(() => {
    if (results.length === 0) return;
    const hits = results.filter((r) => r.rank > 0).length;
    const first = results.filter((r) => r.rank === 1).length;
    const lines = results.map(
      (r) =>
        `${r.rank > 0 ? `#${r.rank}` : 'MISS'} ${r.score.toFixed(2)}  ${r.lang}  ${r.expect.padEnd(26)} ${r.name.slice(0, 60).padEnd(60)} ${r.top}`,
    );
    console.log(
      `\nexplain hit rate: ${hits}/${results.length} in top 3 (${((100 * hits) / results.length).toFixed(1)}%), ` +
        `${first}/${results.length} ranked first\n${lines.join('\n')}\n`,
    );
  });
});

describe('explain: unrelated text matches nothing', () => {
  it.each(UNRELATED.map((u) => [u.name, u] as const))('%s', (_name, u) => {
    expect(run(u.text, 'en')).toEqual([]);
  });
});

describe('explain: output joins the runbook facts', () => {
  it('carries cause, fix commands and the URL from the frontmatter', () => {
    const [top] = run(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
      'en',
    );
    const entry = runbooks('en').find((e) => e.frontmatter.runbook === 'kubectl-localhost-8080');
    expect(top?.id).toBe('kubectl-localhost-8080');
    expect(top?.cause).toBe(entry?.frontmatter.cause);
    expect(top?.fixCommands).toEqual(entry?.frontmatter.fixCommands);
    expect(top?.url).toBe('https://docs.test/runbooks/kubectl-localhost-8080/');
  });

  it('gives Korean titles and /ko/ URLs with --lang ko', () => {
    const [top] = run('bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error', 'ko');
    const entry = runbooks('ko').find((e) => e.frontmatter.runbook === 'exec-format-error');
    expect(top?.title).toBe(entry?.frontmatter.title);
    expect(top?.url).toBe('https://docs.test/ko/runbooks/exec-format-error/');
  });

  it('finds the error at the end of a long log (stdin use)', () => {
    const noise = Array.from(
      { length: 5000 },
      (_v, i) =>
        `Nov 27 04:${String(i % 60).padStart(2, '0')}:00 node1 containerd[812]: level=info msg="loading plugin" id=io.containerd.${i}`,
    ).join('\n');
    const log = `${noise}\nbash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error\n`;
    const [top] = run(log, 'en');
    expect(top?.id).toBe('exec-format-error');
  });
});
