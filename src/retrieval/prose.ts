/**
 * Terms of a description in words, English or Korean: the adapter between `explain`'s matcher and
 * the query analysis of the retrieval core (src/retrieval/query.ts, `analyseQuery`), the same one
 * the site's search dialog uses. Pure and browser-safe.
 *
 * A description's terms are its words normalised like error text (tokenize.ts: Korean words lose
 * their particles and endings, korean/stem.ts) plus one shared term `=<entry id>` for every
 * glossary concept `analyseQuery` finds in it, in any of its spellings (맥북, M1, Apple Silicon).
 * The matcher builds a runbook's terms the same way, so both sides are analysed alike.
 *
 * Korean strategy: the rule-based stemmer (the search's), not Hangul character bigrams. Measured on
 * the tuning two thirds of the Korean prose corpus (scripts/tune-explain.mjs prose-ko, 36 in-scope
 * descriptions, both sides analysed alike): stemmer 34/36 ranked first, character bigrams 32/36.
 */
import { normalize } from './normalize';
import { queryConcepts } from './query';
import { tokenize } from './tokenize';

/**
 * The glossary concepts a text names, as `=<id>` terms (through the search's query analysis:
 * `queryConcepts` is `analyseQuery(text).concepts` without the per-word alternatives).
 */
export function glossaryTerms(text: string): string[] {
  return queryConcepts(text.normalize('NFKC')).map((entry) => `=${entry.id}`);
}

/**
 * Analysed terms of a description: its tokens (Korean words stemmed, see tokenize.ts) and the
 * glossary concepts it names. The matcher builds a runbook's terms the same way.
 */
export function proseTerms(text: string): string[] {
  return [...new Set([...tokenize(normalize(text)), ...glossaryTerms(text)])];
}
