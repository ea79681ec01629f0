/**
 * Korean word normaliser, the one module shared by the search index (src/components/SearchMeta.astro
 * writes the stems of a Korean page's words into Pagefind metadata) and the search box (every query
 * word goes through `stemKoreanWord` in src/retrieval/words.ts, called by src/retrieval/query.ts).
 *
 * Why: Pagefind splits Korean text on spaces only and has no Korean stemmer, so a word keeps its
 * particle (조사) or ending (어미) attached: 서버를 is one token, 서버에 another, and a search for
 * 서버를 misses a page that says 서버에. Stripping the particle on both sides makes both sides meet
 * on 서버 (Pagefind also prefix-matches, so the stem 서버 still finds 서버에서 in the text).
 *
 * This is a rule-based stripper, not a morphological analyser, and it is deliberately conservative:
 * - a particle is only stripped where Korean grammar allows it after the stem: the subject marker
 *   이 follows a syllable with a final consonant (받침) and 가 one without, so 게이트웨이 keeps its 이;
 * - one-syllable particles that also end common nouns (가 in 추가, 과 in 결과, 도 in 속도, 로 in 경로,
 *   의 in 정의, 한 in 권한, 할 in 역할, 함 in 포함) need a stem of at least two syllables;
 * - verb endings that merge into the stem's last syllable (사라짐, 사라진다, 사라졌다) are undone
 *   by src/retrieval/korean/verbs.ts, so all forms of a verb meet on its stem (사라지).
 * Because the same function runs at index time and at query time, a stem that is not a dictionary
 * word still matches itself.
 */

import { decompose, FINAL, isSyllable } from './hangul';
import { LONG_SUFFIXES, SHORT_SUFFIXES, type Suffix, WHOLE_WORDS } from './suffixes';
import { verbStem } from './verbs';

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/u;

/** The plural marker 들 may sit between a noun and its particle: 노드들이 -> 노드들 -> 노드. */
const PLURAL = '들';

function stemQualifies(stem: string, suffix: Suffix): boolean {
  const chars = [...stem];
  const last = chars[chars.length - 1];
  if (last === undefined) return false;
  if (chars.every(isSyllable) && chars.length < suffix.minSyllables) return false;
  if (!isSyllable(last)) {
    // kubectl이, localhost:8080에, API를: after Latin letters or digits any particle is allowed,
    // but the stem must still look like a word, not a lone symbol.
    return /[\p{L}\p{N}]/u.test(last);
  }
  const { final } = decompose(last);
  switch (suffix.after) {
    case 'any':
      return true;
    case 'batchim':
      return final !== FINAL.none;
    case 'vowel':
      return final === FINAL.none;
    case 'vowel-or-rieul':
      return final === FINAL.none || final === FINAL.rieul;
  }
}

function stripSuffix(word: string, table: readonly Suffix[]): string | undefined {
  for (const suffix of table) {
    if (word.length > suffix.text.length && word.endsWith(suffix.text)) {
      const stem = word.slice(0, -suffix.text.length);
      if (stemQualifies(stem, suffix)) return stem;
    }
  }
  return undefined;
}

/** Punctuation that wraps a word in running text or a pasted query: quotes, brackets, full stops. */
const EDGE_PUNCTUATION = /^[\s"'`“”‘’«»()[\]{}<>.,;:!?…·~*_|]+|[\s"'`“”‘’«»()[\]{}<>.,;:!?…·~*_|]+$/gu;

/**
 * The stem of one word. Words without a trailing Hangul syllable are returned unchanged, so
 * English words, commands and error strings (NS_ERROR_FAILURE, localhost:8080) pass through.
 */
export function stemKoreanWord(word: string): string {
  const chars = [...word];
  if (!isSyllable(chars[chars.length - 1]) || WHOLE_WORDS.has(word)) return word;
  let stem = stripSuffix(word, LONG_SUFFIXES) ?? verbStem(word) ?? stripSuffix(word, SHORT_SUFFIXES) ?? word;
  if (stem.endsWith(PLURAL) && [...stem].length >= 3) stem = stem.slice(0, -PLURAL.length);
  // A particle may follow a verb form: 끊김이 -> 끊김 -> 끊기.
  if (stem !== word) stem = verbStem(stem) ?? stem;
  return stem;
}

/** Does the text contain a Hangul syllable? */
export function hasHangul(text: string): boolean {
  return HANGUL_SYLLABLE.test(text);
}

/**
 * Normalises a search query: each space-separated word that ends in Hangul loses its particle or
 * ending; other words are kept as typed (Pagefind handles English itself). Used as Pagefind UI's
 * `processTerm` and by the search test.
 */
export function normaliseQuery(query: string): string {
  return query
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map((word) => {
      if (!hasHangul(word)) return word;
      const bare = word.replace(EDGE_PUNCTUATION, '');
      return bare.length > 0 ? stemKoreanWord(bare) : word;
    })
    .join(' ');
}

/** Markdown/MDX markup that glues to words in source text: `code`이, **굵게**는, [링크](/x)를. */
const LINK_TARGET = /\]\([^)\s]*\)/gu;
const GLUED_MARKUP = /[`*~[\]"'“”‘’]/gu;
const SEPARATING_MARKUP = /[#>|(){}<>=]/gu;

/**
 * The stems of the Korean words in a text that differ from the words themselves, in first-seen
 * order without duplicates. Written into the search index beside the page's own words.
 */
export function koreanStems(text: string): string[] {
  const seen = new Set<string>();
  const stems: string[] = [];
  for (const raw of text
    .replace(LINK_TARGET, '')
    .replace(GLUED_MARKUP, '')
    .replace(SEPARATING_MARKUP, ' ')
    .split(/\s+/u)) {
    if (!hasHangul(raw)) continue;
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (word.length === 0) continue;
    const stem = stemKoreanWord(word);
    if (stem === word || stem.length === 0 || seen.has(stem)) continue;
    seen.add(stem);
    stems.push(stem);
  }
  return stems;
}
