/**
 * Queries the REAL built Pagefind index (dist/pagefind, produced by `npm run build`) from Node, the
 * way the site's search box does: the query goes through `relaxedSearch` (src/retrieval/relax.ts:
 * query analysis with the Korean normaliser and the glossary, then relaxation), the same code the
 * search dialog runs (src/search/pagefind-ui.ts), against the index of the page's language, with
 * the site's ranking. Each query must find its runbook in the top 3; most at the top.
 * The table also shows two baselines, so the effect of the Korean work is measured, not assumed:
 * `raw` = the site's index with the query as typed; `plain` = Pagefind alone over the same pages
 * (search metadata removed, query as typed), which is what Starlight gives out of the box.
 */

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunbookId } from '../../src/content/runbook-schema';
import { normaliseQuery } from '../../src/retrieval/korean/stem';
import { relaxedSearch } from '../../src/retrieval/relax';
import { STEMS_META_KEY } from '../../src/search/pagefind-options';
import type { SiteLang } from '../../src/site/lang';
import { SITE_CASES, type SiteCase } from '../queries/shared';
import { buildPlainIndex, openSiteSearch, type SiteSearch } from './built-site';

type Case = SiteCase;

/** The site side of the one query table (test/queries/shared.ts). */
const CASES: Case[] = SITE_CASES;

const TOP = 3;

interface Outcome {
  case: Case;
  rank: number | undefined;
  rawRank: number | undefined;
  plainRank: number | undefined;
  top: string;
}

function runbookPath(lang: SiteLang, id: RunbookId): string {
  return lang === 'en' ? `/runbooks/${id}/` : `/ko/runbooks/${id}/`;
}

function rankOf(paths: string[], want: string): number | undefined {
  const index = paths.indexOf(want);
  return index === -1 ? undefined : index + 1;
}

const searches = new Map<SiteLang, SiteSearch>();
/** Plain Pagefind over the same pages: no search metadata in the index, no query normalisation. */
const plainSearches = new Map<SiteLang, SiteSearch>();
let plainRoot: string | undefined;
const outcomes: Outcome[] = [];

beforeAll(async () => {
  searches.set('en', await openSiteSearch('en'));
  searches.set('ko', await openSiteSearch('ko'));
  plainRoot = await buildPlainIndex();
  plainSearches.set('en', await openSiteSearch('en', plainRoot));
  plainSearches.set('ko', await openSiteSearch('ko', plainRoot));
}, 300_000);

afterAll(async () => {
  for (const search of [...searches.values(), ...plainSearches.values()]) await search.close();
  if (plainRoot) rmSync(plainRoot, { recursive: true, force: true });
  printTable(outcomes);
});

function printTable(rows: Outcome[]): void {
  if (rows.length === 0) return;
  const show = (rank: number | undefined): string => (rank === undefined ? '-' : String(rank));
  const lines = rows.map((row) => [
    row.case.lang,
    row.case.query.length > 58 ? `${row.case.query.slice(0, 55)}...` : row.case.query,
    row.case.expect,
    show(row.rank),
    show(row.rawRank),
    show(row.plainRank),
    row.rank === 1 ? '' : row.top,
  ]);
  const header = ['lang', 'query', 'expected runbook', 'rank', 'raw', 'plain', 'top result when not 1st'];
  const width = (col: number): number =>
    Math.max(
      header[col]?.length ?? 0,
      ...lines.map((line) => [...(line[col] ?? '')].reduce((w, ch) => w + (/[\u1100-\uFFDC]/u.test(ch) ? 2 : 1), 0)),
    );
  const pad = (text: string, col: number): string => {
    const visible = [...text].reduce((w, ch) => w + (/[\u1100-\uFFDC]/u.test(ch) ? 2 : 1), 0);
    return text + ' '.repeat(Math.max(0, width(col) - visible));
  };
  const format = (cells: string[]): string => cells.map((cell, col) => pad(cell, col)).join(' | ');
  const rate = (pick: (row: Outcome) => number | undefined, within: number, subset: Outcome[]): string => {
    const hits = subset.filter((row) => {
      const rank = pick(row);
      return rank !== undefined && rank <= within;
    }).length;
    return `${hits}/${subset.length} (${((100 * hits) / subset.length).toFixed(1)}%)`;
  };
  const line = (label: string, subset: Outcome[]): string =>
    [
      `  ${label.padEnd(4)} site: top-1 ${rate((r) => r.rank, 1, subset)}, top-3 ${rate((r) => r.rank, TOP, subset)}`,
      `raw: top-1 ${rate((r) => r.rawRank, 1, subset)}, top-3 ${rate((r) => r.rawRank, TOP, subset)}`,
      `plain: top-1 ${rate((r) => r.plainRank, 1, subset)}, top-3 ${rate((r) => r.plainRank, TOP, subset)}`,
    ].join(' | ');
  const summary = (['en', 'ko'] as const).map((lang) => {
    const subset = rows.filter((row) => row.case.lang === lang);
    return line(`${lang}:`, subset);
  });
  console.log(
    [
      '',
      'Search hit rate against the built Pagefind index. rank = the site (stems, summaries and glossary terms in the',
      "index, query through the dialog's relaxedSearch); raw = the site's index, query as typed to Pagefind;",
      'plain = Pagefind alone (no metadata, query as typed).',
      format(header),
      header.map((_, col) => '-'.repeat(width(col))).join('-|-'),
      ...lines.map(format),
      '',
      line('all:', rows),
      ...summary,
      '',
    ].join('\n'),
  );
}

describe('site search (built Pagefind index)', () => {
  it('has at least 30 queries, in both languages', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(CASES.filter((c) => c.lang === 'ko').length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)('[$lang] "$query" finds $expect in the top 3', async (testCase) => {
    const search = searches.get(testCase.lang);
    if (!search) throw new Error(`no search for ${testCase.lang}`);
    const want = runbookPath(testCase.lang, testCase.expect);
    const relaxed = await relaxedSearch(search.engine, testCase.query);
    const rawHits = await search.search(testCase.query);
    const plainHits = (await plainSearches.get(testCase.lang)?.search(testCase.query)) ?? [];
    const paths = await Promise.all(relaxed.hits.slice(0, 5).map((hit) => hit.path()));
    const outcome: Outcome = {
      case: testCase,
      rank: rankOf(paths, want),
      rawRank: rankOf(
        rawHits.map((hit) => hit.path),
        want,
      ),
      plainRank: rankOf(
        plainHits.map((hit) => hit.path),
        want,
      ),
      top: paths[0] ?? '(no result)',
    };
    outcomes.push(outcome);
    expect(outcome.rank, `top results: ${paths.slice(0, 5).join(', ')}`).toBeDefined();
    expect(outcome.rank ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(TOP);
  });

  it('ranks most expected runbooks first (top-1 >= 80%) and all in the top 3', () => {
    expect(outcomes.length).toBe(CASES.length);
    const top1 = outcomes.filter((row) => row.rank === 1).length / outcomes.length;
    const top3 = outcomes.filter((row) => row.rank !== undefined && row.rank <= TOP).length / outcomes.length;
    expect(top3).toBe(1);
    expect(top1).toBeGreaterThanOrEqual(0.8);
  });

  it('서버를 and 서버에 reach the same pages, and every page either raw query finds', async () => {
    const search = searches.get('ko');
    if (!search) throw new Error('no ko search');
    const paths = async (query: string): Promise<string[]> => (await search.search(query)).map((hit) => hit.path);
    const normalisedA = await paths(normaliseQuery('서버를'));
    const normalisedB = await paths(normaliseQuery('서버에'));
    expect(normalisedA.length).toBeGreaterThan(0);
    expect(new Set(normalisedA)).toEqual(new Set(normalisedB));
    for (const raw of [...(await paths('서버를')), ...(await paths('서버에'))]) expect(normalisedA).toContain(raw);
  });

  it('Korean pages carry their stems as search metadata, never in the excerpt', async () => {
    const search = searches.get('ko');
    if (!search) throw new Error('no ko search');
    const [hit] = await search.search(normaliseQuery('게이트웨이가'));
    const stems = hit?.meta[STEMS_META_KEY] ?? '';
    expect(stems.split(' ')).toContain('게이트웨이');
    expect(hit?.excerpt).not.toContain(stems.slice(0, 40));
  });
});
