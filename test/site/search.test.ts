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
import { buildPlainIndex, openSiteSearch, type SiteSearch } from './built-site';

interface Case {
  lang: SiteLang;
  query: string;
  expect: RunbookId;
}

const CASES: Case[] = [
  // English: error strings as users paste them, commands, plain descriptions
  { lang: 'en', query: 'NS_ERROR_FAILURE', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'en', query: 'The VM session was aborted', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'en', query: 'vagrant box arm64 Apple Silicon', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'en', query: 'Exec format error', expect: 'exec-format-error' },
  { lang: 'en', query: 'file /usr/local/bin/kubeadm', expect: 'exec-format-error' },
  { lang: 'en', query: 'localhost:8080', expect: 'kubectl-localhost-8080' },
  {
    lang: 'en',
    query: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    expect: 'kubectl-localhost-8080',
  },
  { lang: 'en', query: "couldn't get current server API group list", expect: 'kubectl-localhost-8080' },
  { lang: 'en', query: 'update_cache 404 Not Found', expect: 'apt-stale-cache' },
  { lang: 'en', query: 'apt.kubernetes.io', expect: 'kubernetes-apt-repo-moved' },
  { lang: 'en', query: 'apt-key deprecated', expect: 'kubernetes-apt-repo-moved' },
  { lang: 'en', query: 'iptables -F', expect: 'iptables-flush-lockout' },
  { lang: 'en', query: 'Chain INPUT (policy DROP)', expect: 'iptables-flush-lockout' },
  {
    lang: 'en',
    query: 'kex_exchange_identification: Connection closed by remote host',
    expect: 'iptables-flush-lockout',
  },
  { lang: 'en', query: 'gateway4', expect: 'duplicate-default-route' },
  { lang: 'en', query: 'two default routes', expect: 'duplicate-default-route' },
  { lang: 'en', query: 'ansible_default_ipv4', expect: 'ansible-default-ipv4-nat' },
  { lang: 'en', query: '10.0.2.15 advertise address', expect: 'ansible-default-ipv4-nat' },
  { lang: 'en', query: "couldn't validate the identity of the API Server", expect: 'kubeadm-join-hangs' },
  { lang: 'en', query: 'kubeadm join hangs', expect: 'kubeadm-join-hangs' },
  { lang: 'en', query: 'version 1.30 becomes 1.3', expect: 'yaml-version-float' },
  // Korean: the same failures in Korean words, with particles and endings a person would type
  { lang: 'ko', query: 'NS_ERROR_FAILURE로', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', query: 'VM 세션이 중단되는', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', query: 'box의 아키텍처가', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', query: '바이너리를 실행', expect: 'exec-format-error' },
  { lang: 'ko', query: '바이너리가 실행되지 않음', expect: 'exec-format-error' },
  { lang: 'ko', query: 'localhost:8080에 연결이 거부', expect: 'kubectl-localhost-8080' },
  { lang: 'ko', query: 'kubeconfig 파일이 없어서', expect: 'kubectl-localhost-8080' },
  { lang: 'ko', query: '서버를', expect: 'kubectl-localhost-8080' },
  { lang: 'ko', query: '캐시가 만료', expect: 'apt-stale-cache' },
  { lang: 'ko', query: '패키지 인덱스를 갱신하지', expect: 'apt-stale-cache' },
  { lang: 'ko', query: '저장소가 옮겨져서', expect: 'kubernetes-apt-repo-moved' },
  { lang: 'ko', query: '공개 키 오류가', expect: 'kubernetes-apt-repo-moved' },
  { lang: 'ko', query: 'iptables를 비우면', expect: 'iptables-flush-lockout' },
  { lang: 'ko', query: 'SSH가 끊겼다', expect: 'iptables-flush-lockout' },
  { lang: 'ko', query: '게이트웨이가', expect: 'duplicate-default-route' },
  { lang: 'ko', query: '기본 게이트웨이를 두 개', expect: 'duplicate-default-route' },
  { lang: 'ko', query: 'NAT 주소를 골랐다', expect: 'ansible-default-ipv4-nat' },
  { lang: 'ko', query: '사설 IP 대신', expect: 'ansible-default-ipv4-nat' },
  { lang: 'ko', query: '조인 태스크가 멈추면', expect: 'kubeadm-join-hangs' },
  { lang: 'ko', query: '버전 끝자리 0이 사라짐', expect: 'yaml-version-float' },
  // the same words with other particles and endings
  { lang: 'ko', query: '게이트웨이를', expect: 'duplicate-default-route' },
  { lang: 'ko', query: '게이트웨이에서', expect: 'duplicate-default-route' },
  { lang: 'ko', query: '바이너리가', expect: 'exec-format-error' },
  { lang: 'ko', query: '캐시를 갱신하면', expect: 'apt-stale-cache' },
  { lang: 'ko', query: '아키텍처를 확인했는데', expect: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', query: 'kubectl을 실행하면 연결이 거부된다', expect: 'kubectl-localhost-8080' },
  { lang: 'ko', query: '워커 노드가 조인되지 않음', expect: 'kubeadm-join-hangs' },
  { lang: 'ko', query: 'ansible_default_ipv4가', expect: 'ansible-default-ipv4-nat' },
  { lang: 'ko', query: '방화벽 규칙을 초기화했더니', expect: 'iptables-flush-lockout' },
  { lang: 'ko', query: '라우팅 테이블에', expect: 'duplicate-default-route' },
  { lang: 'ko', query: 'float으로 바뀌어서', expect: 'yaml-version-float' },
  { lang: 'ko', query: '저장소의 서명 키가', expect: 'kubernetes-apt-repo-moved' },
];

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
