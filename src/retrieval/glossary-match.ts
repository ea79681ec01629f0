/**
 * Finds the glossary's concepts (src/retrieval/glossary.ts) in a text. One matcher for both sides:
 * - index: SearchMeta.astro writes every form of every concept a page names into hidden search
 *   metadata (`glossaryIndexTerms`), so a page that says "Apple Silicon" is also found by 맥북, M1
 *   and 애플실리콘;
 * - query: src/retrieval/query.ts marks the query words that name a concept and offers the
 *   concept's other forms as alternatives.
 *
 * A form matches when its words (compared as `searchWords` gives them: lower-case, Korean particles
 * stripped) appear in a row in the text. A one-word Korean form of two syllables or more also
 * matches the start of a longer word, because Korean compounds are often written without a space:
 * 맥북에어 names 맥북, 앤서블변수 names 앤서블.
 */
import { GLOSSARY, type GlossaryEntry } from './glossary';
import { glossaryFormWords } from './glossary-forms-data';
import { hasHangul } from './korean/stem';
import { searchWords } from './words';

export interface GlossaryHit {
  readonly entry: GlossaryEntry;
  /** Index of the first text word that the form covers. */
  readonly start: number;
  /** Number of text words the form covers. */
  readonly length: number;
}

interface Form {
  readonly entry: GlossaryEntry;
  readonly words: readonly string[];
  /** A one-word Hangul form that may start a compound. */
  readonly compound: boolean;
}

/** Every way of writing an entry: English, Korean, variants. */
export function entryForms(entry: GlossaryEntry): string[] {
  return [entry.en, entry.ko, ...entry.variants];
}

function buildForms(entries: readonly GlossaryEntry[]): Map<string, Form[]> {
  const byFirst = new Map<string, Form[]>();
  for (const entry of entries) {
    for (const text of entryForms(entry)) {
      const words = glossaryFormWords.get(text) ?? searchWords(text);
      const first = words[0];
      if (first === undefined) continue;
      const compound = words.length === 1 && hasHangul(first) && [...first].length >= 2;
      const list = byFirst.get(first) ?? [];
      list.push({ entry, words, compound });
      byFirst.set(first, list);
    }
  }
  return byFirst;
}

const FORMS = buildForms(GLOSSARY);
const COMPOUND_FORMS = [...FORMS.values()].flat().filter((form) => form.compound);

function formAt(words: readonly string[], start: number, form: Form): boolean {
  return form.words.every((word, offset) => words[start + offset] === word);
}

/**
 * The glossary concepts named in a sequence of search words (from `searchWords`), longest form
 * first at each position; one hit per entry and position.
 */
export function findGlossaryHits(words: readonly string[]): GlossaryHit[] {
  const hits: GlossaryHit[] = [];
  words.forEach((word, start) => {
    const seen = new Set<string>();
    // A compound form starts with Hangul, so only a word with Hangul can start with one.
    const compounds = hasHangul(word)
      ? COMPOUND_FORMS.filter((form) => form.words[0] !== word && word.startsWith(form.words[0] ?? ''))
      : [];
    const candidates = [...(FORMS.get(word) ?? []), ...compounds].sort((a, b) => b.words.length - a.words.length);
    for (const form of candidates) {
      if (seen.has(form.entry.id)) continue;
      if (form.words.length > 1 && !formAt(words, start, form)) continue;
      seen.add(form.entry.id);
      hits.push({ entry: form.entry, start, length: form.words.length });
    }
  });
  return hits;
}

/** The glossary entries a text names, in glossary order. */
export function glossaryEntriesIn(text: string): GlossaryEntry[] {
  const ids = new Set(findGlossaryHits(searchWords(text)).map((hit) => hit.entry.id));
  return GLOSSARY.filter((entry) => ids.has(entry.id));
}

/**
 * The search words of every form of every concept a page names, without duplicates: the hidden
 * metadata that lets a query in any of a concept's forms find the page.
 */
export function glossaryIndexTerms(text: string): string[] {
  const out = new Set<string>();
  for (const entry of glossaryEntriesIn(text)) {
    for (const form of entryForms(entry)) for (const word of searchWords(form)) out.add(word);
  }
  return [...out];
}
