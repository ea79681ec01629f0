/**
 * Query relaxation: Pagefind returns only pages that contain every query word, so one word that no
 * page contains (했더니, intermittent, a typo) empties the list. `relaxedSearch` runs the query
 * the way the search dialog does (src/search/pagefind-ui.ts) and the search tests do
 * (test/site/search-corpus.test.ts), against any engine with Pagefind's `search(term)` shape:
 *
 * 1. analyse the query (src/retrieval/query.ts): normalised terms, fillers left out;
 * 2. search all terms; if that finds `enough` pages, done;
 * 3. otherwise look each term up alone: a term no page contains is replaced by its first glossary
 *    alternative that some page contains (아키텍쳐 → 아키텍처), else dropped;
 * 4. search the kept terms together, then add the pages that contain only some of them, ranked by
 *    how much of the query they cover (each term's Pagefind score scaled to 0..1, weighted by how
 *    rare the term is), so the list is never empty while any term matches any page;
 * 5. report what was left out: the dropped terms, and — when no page has all kept terms — the
 *    terms the first result lacks, as the user typed them.
 */
import { type AnalysedQuery, analyseQuery } from './query';

export interface EngineHit {
  /** Stable page id (Pagefind's result id). */
  readonly id: string;
  readonly score: number;
}

export interface SearchEngine<H extends EngineHit> {
  /** All pages that contain every word of `term`, best first (Pagefind's `search`). */
  search(term: string): Promise<readonly H[]>;
}

export interface RelaxOptions {
  /** The full query must find at least this many pages, else it is relaxed. Default 3. */
  readonly enough?: number;
}

export interface RelaxedResult<H extends EngineHit> {
  readonly query: AnalysedQuery;
  /** Merged results, best first. */
  readonly hits: readonly H[];
  /** The term string that was searched first (all terms). */
  readonly searched: string;
  /** Words as typed that the results were found without; empty when the full query sufficed. */
  readonly without: readonly string[];
  /** Typed words replaced by a glossary alternative: [typed, replacement]. */
  readonly replaced: readonly (readonly [string, string])[];
  /** True when the query was relaxed (some results do not contain every term). */
  readonly relaxed: boolean;
}

const DEFAULT_ENOUGH = 3;

interface Kept {
  readonly typed: string;
  readonly term: string;
  readonly hits: readonly EngineHit[];
}

function typedOf(query: AnalysedQuery, term: string): string {
  return query.words.find((word) => word.term === term)?.typed ?? term;
}

/** Runs `text` against `engine` with relaxation; see the module comment. */
export async function relaxedSearch<H extends EngineHit>(
  engine: SearchEngine<H>,
  text: string,
  options: RelaxOptions = {},
): Promise<RelaxedResult<H>> {
  const query = analyseQuery(text);
  const searched = query.terms.join(' ');
  const base = { query, searched };
  if (searched === '') return { ...base, hits: [], without: [], replaced: [], relaxed: false };
  const full = await engine.search(searched);
  if (full.length >= (options.enough ?? DEFAULT_ENOUGH)) {
    return { ...base, hits: full, without: [], replaced: [], relaxed: false };
  }

  const kept: Kept[] = [];
  const dropped: string[] = [];
  const replaced: [string, string][] = [];
  for (const term of query.terms) {
    const typed = typedOf(query, term);
    const own = await engine.search(term);
    if (own.length > 0) {
      kept.push({ typed, term, hits: own });
      continue;
    }
    let found = false;
    for (const alternative of query.words.find((word) => word.term === term)?.alternatives ?? []) {
      const hits = await engine.search(alternative);
      if (hits.length > 0) {
        kept.push({ typed, term: alternative, hits });
        replaced.push([typed, alternative]);
        found = true;
        break;
      }
    }
    if (!found) dropped.push(typed);
  }
  if (kept.length === 0) return { ...base, hits: full, without: dropped, replaced, relaxed: true };

  const changed = kept.length !== query.terms.length || replaced.length > 0;
  const together = changed ? await engine.search(kept.map((k) => k.term).join(' ')) : full;
  const hits: H[] = [...together];
  const seen = new Set(hits.map((hit) => hit.id));
  const partial = rankPartial(kept).filter((hit) => !seen.has(hit.id)) as H[];
  hits.push(...partial);

  const without = [...dropped];
  const first = hits[0];
  if (together.length === 0 && first !== undefined) {
    for (const k of kept) if (!k.hits.some((hit) => hit.id === first.id)) without.push(k.typed);
  }
  return { ...base, hits, without, replaced, relaxed: true };
}

/**
 * Pages that contain some of the kept terms, best first: each term contributes its Pagefind score
 * scaled to 0..1 (its best page = 1), weighted by log(1 + pages / pages with the term).
 */
function rankPartial(kept: readonly Kept[]): EngineHit[] {
  const pages = new Set(kept.flatMap((k) => k.hits.map((hit) => hit.id))).size;
  const total = new Map<string, { hit: EngineHit; score: number; best: number }>();
  for (const k of kept) {
    const top = Math.max(...k.hits.map((hit) => hit.score), Number.MIN_VALUE);
    const weight = Math.log(1 + pages / k.hits.length);
    for (const hit of k.hits) {
      const part = (weight * hit.score) / top;
      const entry = total.get(hit.id);
      if (entry === undefined) total.set(hit.id, { hit, score: part, best: part });
      else {
        entry.score += part;
        if (part > entry.best) {
          entry.best = part;
          entry.hit = hit;
        }
      }
    }
  }
  return [...total.values()].sort((a, b) => b.score - a.score).map((entry) => entry.hit);
}
