/**
 * The blind query corpora (test/site/queries/) through the search dialog's own query path —
 * src/retrieval/relax.ts with the query analysis, glossary and Korean normaliser, the very code
 * src/search/pagefind-ui.ts runs in the browser — against the built Pagefind index (dist/).
 *
 * Prints per language and per set (tune / held-out) top-1, top-3 and the zero-result rate, next to
 * the issue's targets. Labels whose runbook page is not built yet are counted apart as "not yet
 * covered"; they join the targets automatically once dist/ has the page.
 * SEARCH_TUNE_MISSES=1 also prints the tuning set's misses (never the held-out queries).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseQuery } from '../../src/retrieval/korean/stem';
import { relaxedSearch } from '../../src/retrieval/relax';
import type { SiteLang } from '../../src/site/lang';
import { distDir, openSiteSearch, type SiteSearch } from './built-site';
import { type CorpusQuery, corpusFiles, loadCorpus, type QuerySet } from './queries/corpus';

const TARGETS = { top3: 0.9, top1: 0.75, zero: 0.02 } as const;

interface Outcome {
  query: CorpusQuery;
  rank: number | undefined;
  /** Rank before this work: the normalised query straight to Pagefind, every word required. */
  before: number | undefined;
  zero: boolean;
  top: string[];
  without: readonly string[];
}

function pagePath(lang: SiteLang, id: string): string {
  return lang === 'en' ? `/runbooks/${id}/` : `/ko/runbooks/${id}/`;
}

function built(lang: SiteLang, id: string): boolean {
  return existsSync(join(distDir, pagePath(lang, id), 'index.html'));
}

const corpus = loadCorpus();
const covered = corpus.filter((q) => built(q.lang, q.label));
const notCovered = corpus.filter((q) => !built(q.lang, q.label));
const searches = new Map<SiteLang, SiteSearch>();
const outcomes: Outcome[] = [];

beforeAll(async () => {
  searches.set('en', await openSiteSearch('en'));
  searches.set('ko', await openSiteSearch('ko'));
}, 300_000);

afterAll(async () => {
  for (const search of searches.values()) await search.close();
  report();
});

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

function rates(rows: Outcome[]): { top1: number; top3: number; zero: number; n: number; before3: number } {
  return {
    n: rows.length,
    before3: rows.filter((r) => r.before !== undefined).length,
    top1: rows.filter((r) => r.rank === 1).length,
    top3: rows.filter((r) => r.rank !== undefined).length,
    zero: rows.filter((r) => r.zero).length,
  };
}

function report(): void {
  if (outcomes.length === 0) return;
  const lines = ['', 'Blind search corpora through the dialog path (relaxation + glossary + normaliser), built index:'];
  lines.push('lang  set       n    top-1           top-3           zero-result     top-3 before (AND, no relaxation)');
  for (const lang of ['ko', 'en'] as const) {
    for (const set of ['tune', 'held-out'] as const satisfies QuerySet[]) {
      const r = rates(outcomes.filter((o) => o.query.lang === lang && o.query.set === set));
      lines.push(
        `${lang}    ${set.padEnd(8)}  ${String(r.n).padEnd(3)}  ${`${r.top1} (${pct(r.top1, r.n)})`.padEnd(14)}  ${`${r.top3} (${pct(r.top3, r.n)})`.padEnd(14)}  ${`${r.zero} (${pct(r.zero, r.n)})`.padEnd(14)}  ${r.before3} (${pct(r.before3, r.n)})`,
      );
    }
  }
  lines.push(
    `targets (held-out): top-1 >= ${TARGETS.top1 * 100}%, top-3 >= ${TARGETS.top3 * 100}%, zero-result <= ${TARGETS.zero * 100}%`,
  );
  const missing = [...new Set(notCovered.map((q) => q.label))].sort();
  lines.push(
    `not yet covered (no built page, excluded from the targets): ${notCovered.length} queries for ${missing.join(', ') || 'none'}`,
  );
  if (process.env.SEARCH_TUNE_MISSES === '1') {
    lines.push('', 'tune-set misses (rank > 1):');
    for (const o of outcomes.filter((x) => x.query.set === 'tune' && x.rank !== 1)) {
      lines.push(
        `  ${o.query.where} [${o.query.label}] rank=${o.rank ?? '-'} "${o.query.query}" -> ${o.top.join(' ') || '(none)'}${o.without.length > 0 ? ` without: ${o.without.join(', ')}` : ''}`,
      );
    }
  }
  console.log(lines.join('\n'));
}

describe('blind search corpora', () => {
  it('has at least 150 queries per language, split by the sha256 rule', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(4);
    for (const lang of ['ko', 'en'] as const) {
      const rows = corpus.filter((q) => q.lang === lang);
      expect(rows.length).toBeGreaterThanOrEqual(150);
      const held = rows.filter((q) => q.set === 'held-out').length;
      expect(held / rows.length).toBeGreaterThan(0.25);
      expect(held / rows.length).toBeLessThan(0.42);
    }
  });

  it('runs every covered query through the dialog path', async () => {
    for (const query of covered) {
      const search = searches.get(query.lang);
      if (!search) throw new Error(`no search for ${query.lang}`);
      const result = await relaxedSearch(search.engine, query.query);
      const top = await Promise.all(result.hits.slice(0, 3).map((hit) => hit.path()));
      const want = pagePath(query.lang, query.label);
      const index = top.indexOf(want);
      const plain = await Promise.all(
        (await search.engine.search(normaliseQuery(query.query))).slice(0, 3).map((hit) => hit.path()),
      );
      const beforeIndex = plain.indexOf(want);
      outcomes.push({
        query,
        rank: index === -1 ? undefined : index + 1,
        before: beforeIndex === -1 ? undefined : beforeIndex + 1,
        zero: result.hits.length === 0,
        top: top.map((path) => path.replace(/^\/(ko\/)?runbooks\//, '').replace(/\/$/, '')),
        without: result.without,
      });
    }
    expect(outcomes).toHaveLength(covered.length);
  }, 600_000);

  // Regression floors, per language over every covered query (tune and held-out): below the issue's
  // targets on purpose, so that the queries of a runbook merged later join without breaking the
  // build while the printed table shows how far each part is from the targets.
  it.each(['ko', 'en'] as const)('%s: zero-result rate <= 2%% and top-3 >= 80%%', (lang) => {
    const r = rates(outcomes.filter((o) => o.query.lang === lang));
    expect(r.n).toBeGreaterThan(0);
    expect(r.zero / r.n).toBeLessThanOrEqual(TARGETS.zero);
    expect(r.top3 / r.n).toBeGreaterThanOrEqual(0.8);
  });
});
