/**
 * Words of a search query or a page, the way search sees them: split on spaces and on punctuation
 * that separates words, edge punctuation removed, lower-cased, Korean particles and endings stripped
 * by the one Korean normaliser (src/retrieval/korean/stem.ts). Both the index side (SearchMeta.astro,
 * glossary terms of a page) and the query side (src/retrieval/query.ts) use these functions, so a
 * word typed in the search box and the same word on a page always come out the same.
 *
 * Characters that belong inside technical words are kept: `localhost:8080`, `admin.conf`,
 * `x86_64`, `apt-get`, `.kube/config`.
 */
import { hasHangul, stemKoreanWord } from './korean/stem';

/** Characters that always separate words (never part of a technical token). */
const SEPARATORS = /[\s,;!?()[\]{}<>"'`“”‘’«»|=…·*~#]+/u;
/** Punctuation a word may carry at its ends: `error:`, `(box)`, `...`, `1.30.` */
const EDGE = /^[.:/\\\-_+]+|[.:/\\\-_+]+$/gu;

/** The words of a text as typed, edge punctuation removed, empty ones dropped. */
export function splitWords(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((word) => word.replace(EDGE, ''))
    .filter((word) => word.length > 0);
}

/** One word as search compares it: lower-case; Korean words lose their particle or ending. */
export function searchForm(word: string): string {
  const lower = word.toLowerCase();
  return hasHangul(lower) ? stemKoreanWord(lower) : lower;
}

/** `splitWords` then `searchForm`: the words of a text as search compares them, in order. */
export function searchWords(text: string): string[] {
  return splitWords(text)
    .map(searchForm)
    .filter((word) => word.length > 0);
}
