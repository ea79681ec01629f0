/**
 * Query analysis: turns what a person typed into the words search looks for, with the glossary's
 * other names for the same concepts. One function, `analyseQuery`, used by
 * - the site's search dialog (src/search/pagefind-ui.ts, through src/retrieval/relax.ts),
 * - the search tests (test/site/search-corpus.test.ts runs the same code against the built index),
 * - `k8sdiag explain` and the paste box for prose input (call `analyseQuery(text).expansions` to add
 *   the glossary's canonical terms to a query before matching).
 *
 * Browser-safe, no state. Example:
 *
 *   analyseQuery('맥북에어에서 베이그런트 up 했더니 에러')
 *   // words:  맥북에어 (concept apple-silicon), 베이그런트 (vagrant), up, 했더니 → filler, 에러 (error)
 *   // expansions: ['apple silicon', '애플 실리콘', 'm1', ..., 'vagrant', ..., '오류', ...]
 */
import { GLOSSARY, type GlossaryEntry } from './glossary';
import { entryForms, findGlossaryHits } from './glossary-match';
import { isFiller } from './query-fillers';
import { searchForm, searchWords, splitWords } from './words';

export interface QueryWord {
  /** The word as typed, edge punctuation removed. */
  readonly typed: string;
  /** What search looks for: lower-case, Korean particles and endings stripped. */
  readonly term: string;
  /** Ids of the glossary concepts this word names (alone or as part of a phrase). */
  readonly concepts: readonly string[];
  /**
   * Other one-word search terms for the same concepts, best first: what relaxation tries when
   * `term` itself matches nothing in the index (아키텍쳐 → 아키텍처, 맥북에어 → 맥북).
   */
  readonly alternatives: readonly string[];
  /** A word that carries no meaning for search on its own (the, how, 어떻게, 했더니). */
  readonly filler: boolean;
}

export interface AnalysedQuery {
  /** The text as given. */
  readonly text: string;
  /** Every word, in order. */
  readonly words: readonly QueryWord[];
  /** The words to search for: the non-filler terms without duplicates (all terms if all are filler). */
  readonly terms: readonly string[];
  /** The glossary concepts the query names. */
  readonly concepts: readonly GlossaryEntry[];
  /**
   * Every form (English, Korean, variants) of every concept the query names, as written in the
   * glossary, minus the words already in the query: the query's glossary expansion.
   */
  readonly expansions: readonly string[];
}

function alternativesFor(entries: readonly GlossaryEntry[], term: string): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    for (const form of entryForms(entry)) {
      const words = searchWords(form);
      // One-word forms stand in for one word; the canonical terms come first (entryForms order).
      if (words.length === 1 && words[0] !== undefined && words[0] !== term && !out.includes(words[0])) {
        out.push(words[0]);
      }
    }
  }
  return out;
}

/** Analyses a query; see the module comment. */
export function analyseQuery(text: string): AnalysedQuery {
  const typed = splitWords(text);
  const terms = typed.map(searchForm);
  const hits = findGlossaryHits(terms);
  const byId = new Map(GLOSSARY.map((entry) => [entry.id, entry]));
  const words: QueryWord[] = typed.map((word, index) => {
    const term = terms[index] ?? '';
    const ids = [
      ...new Set(hits.filter((hit) => index >= hit.start && index < hit.start + hit.length).map((h) => h.entry.id)),
    ];
    const entries = ids.map((id) => byId.get(id)).filter((entry) => entry !== undefined);
    return {
      typed: word,
      term,
      concepts: ids,
      alternatives: alternativesFor(entries, term),
      filler: ids.length === 0 && isFiller(word, term),
    };
  });
  const meaningful = words.filter((word) => !word.filler && word.term.length > 0);
  const searchTerms = [...new Set((meaningful.length > 0 ? meaningful : words).map((word) => word.term))].filter(
    (term) => term.length > 0,
  );
  const conceptIds = new Set(words.flatMap((word) => word.concepts));
  const concepts = GLOSSARY.filter((entry) => conceptIds.has(entry.id));
  const inQuery = new Set(terms);
  const expansions = [
    ...new Set(concepts.flatMap(entryForms).filter((form) => !searchWords(form).every((w) => inQuery.has(w)))),
  ];
  return { text, words, terms: searchTerms, concepts, expansions };
}

/**
 * The glossary concepts a text names, in glossary order: the same as `analyseQuery(text).concepts`,
 * without analysing every word (explain reads long notes as descriptions; this stays fast on them).
 */
export function queryConcepts(text: string): GlossaryEntry[] {
  const ids = new Set(findGlossaryHits(splitWords(text).map(searchForm)).map((hit) => hit.entry.id));
  return GLOSSARY.filter((entry) => ids.has(entry.id));
}

/**
 * Does the query look like a pasted error message rather than a few search words? Then the site
 * also runs the explain matcher on it. Long text, quotes, or error-shaped tokens
 * (NS_ERROR_FAILURE, 0x80004005, localhost:8080, HTTP status codes, `Error:`).
 */
export function looksLikePastedError(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0) return false;
  if (trimmed.length >= 60 || splitWords(trimmed).length >= 8) return true;
  if (/["'`“”]/u.test(trimmed)) return true;
  return [
    /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/u,
    /\b0x[0-9a-f]{4,}\b/iu,
    /\b[\w.-]+:\d{2,5}\b/u,
    /\b(?:[45]\d\d)\b/u,
    /\b(?:error|failed|refused|denied|fatal|panic)\s*:/iu,
  ].some((pattern) => pattern.test(trimmed));
}
