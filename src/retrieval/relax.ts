/**
 * Query relaxation: Pagefind returns only pages that contain every query word, so one word that no
 * page contains (했더니, intermittent, a typo) empties the list. `relaxedSearch` runs the query
 * the way the search dialog does (src/search/pagefind-ui.ts) and the search tests do
 * (test/site/search-corpus.test.ts), against any engine with Pagefind's `search(term)` shape:
 *
 * 1. analyse the query (src/retrieval/query.ts): normalised terms, fillers left out;
 * 2. search all terms (and, at the same time, each term alone); if all terms together find
 *    `enough` pages, done;
 * 3. otherwise, a term no page contains is replaced by its first glossary alternative that some
 *    page contains (아키텍쳐 → 아키텍처), else dropped;
 * 4. merge, by score, the pages that contain all kept terms and those that contain only some:
 *    a page scores the sum of each term's Pagefind score scaled to 0..1 (the term's best page = 1),
 *    so the list is never empty while any term matches any page, and a long catalog page that
 *    happens to contain every word does not outrank the runbook that is about most of them;
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
  /** The full query must find at least this many pages, else it is relaxed. Default 5. */
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

/** Pagefind UI shows five results before "Load more": fewer than a screenful is "too few". */
const DEFAULT_ENOUGH = 5;

interface Kept<H extends EngineHit> {
  readonly typed: string;
  /** The query term this stands for. */
  readonly searchedFor: string;
  /** The term that found pages: the query term or its first glossary alternative that did. */
  readonly term: string;
  readonly hits: readonly H[];
}

/** A term's pages, or those of its first glossary alternative that has any; undefined when none. */
async function lookUp<H extends EngineHit>(
  engine: SearchEngine<H>,
  query: AnalysedQuery,
  term: string,
): Promise<Kept<H> | undefined> {
  const typed = typedOf(query, term);
  const own = await engine.search(term);
  if (own.length > 0) return { typed, searchedFor: term, term, hits: own };
  for (const alternative of query.words.find((word) => word.term === term)?.alternatives ?? []) {
    const hits = await engine.search(alternative);
    if (hits.length > 0) return { typed, searchedFor: term, term: alternative, hits };
  }
  return undefined;
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
  // The full query and each term alone at once: relaxing then costs no extra round trip.
  const lookups = Promise.all(query.terms.map(async (term) => lookUp(engine, query, term)));
  lookups.catch(() => undefined); // awaited below only when the full query is not enough
  const full = await engine.search(searched);
  if (full.length >= (options.enough ?? DEFAULT_ENOUGH)) {
    return { ...base, hits: full, without: [], replaced: [], relaxed: false };
  }

  const looked = await lookups;
  const kept = looked.filter((k): k is Kept<H> => k !== undefined);
  const dropped = query.terms.filter((_, index) => looked[index] === undefined).map((term) => typedOf(query, term));
  const replaced = kept.filter((k) => k.term !== k.searchedFor).map((k) => [k.typed, k.term] as const);
  if (kept.length === 0) return { ...base, hits: full, without: dropped, replaced, relaxed: true };

  // Pages the full query found keep its result object (the excerpt highlights every word).
  const byId = new Map<string, H>(full.map((hit) => [hit.id, hit]));
  const hits = rankPartial(kept).map((hit) => byId.get(hit.id) ?? hit);

  const without = [...dropped];
  const first = hits[0];
  if (first !== undefined) {
    for (const k of kept) if (!k.hits.some((hit) => hit.id === first.id)) without.push(k.typed);
  }
  return { ...base, hits, without, replaced, relaxed: true };
}

/**
 * Pages that contain some of the kept terms, best first: each term contributes its Pagefind score
 * scaled to 0..1 (its best page = 1). Weighting terms by rarity (log(1 + pages / pages with the
 * term)) ranked worse on the tuning set: a rare stray word then outweighs two words on topic.
 */
function rankPartial<H extends EngineHit>(kept: readonly Kept<H>[]): H[] {
  const total = new Map<string, { hit: H; score: number; best: number }>();
  for (const k of kept) {
    const top = Math.max(...k.hits.map((hit) => hit.score), Number.MIN_VALUE);
    for (const hit of k.hits) {
      const part = hit.score / top;
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
