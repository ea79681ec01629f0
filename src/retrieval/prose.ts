/**
 * Terms of a description in words, English or Korean: the adapter between `explain`'s matcher and
 * the query analysis of the retrieval core. Pure and browser-safe.
 *
 * One narrow function, `proseTerms`, so that it can be re-pointed at the search's query module
 * (src/retrieval/query.ts) once that lands: words are normalised like error text, Korean words lose
 * their particles and endings (korean/stem.ts), and every glossary entry the text mentions in any of
 * its spellings (맥북, M1, Apple Silicon) adds one shared term `=<entry id>`.
 *
 * Korean strategy: the rule-based stemmer (the search's), not Hangul character bigrams. Measured on
 * the tuning two thirds of the Korean prose corpus (scripts/tune-explain.mjs prose-ko, 36 in-scope
 * descriptions, both sides analysed alike): stemmer 34/36 ranked first, character bigrams 32/36.
 */
import { GLOSSARY } from './glossary';
import { normalize } from './normalize';
import { tokenize } from './tokenize';

const HANGUL = /[\uac00-\ud7a3]/u;

interface GlossaryForm {
  id: string;
  /** Latin forms as space-padded word sequences (" apt get update "), matched on the text's words. */
  latin: string[];
  hangul: string[];
}

let forms: GlossaryForm[] | undefined;

const NON_WORD = /[^\p{L}\p{N}]+/u;

function words(text: string): string {
  return ` ${text
    .split(NON_WORD)
    .filter((word) => word !== '')
    .join(' ')} `;
}

function glossaryForms(): GlossaryForm[] {
  forms ??= GLOSSARY.map((entry) => {
    const all = [entry.en, entry.ko, ...entry.variants].map((form) => form.toLowerCase());
    return {
      id: entry.id,
      latin: all.filter((form) => !HANGUL.test(form)).map(words),
      hangul: all.filter((form) => HANGUL.test(form)),
    };
  });
  return forms;
}

/** The glossary entries a text mentions, as `=<id>` terms. */
export function glossaryTerms(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const padded = words(lower);
  const out: string[] = [];
  for (const form of glossaryForms()) {
    if (form.hangul.some((word) => lower.includes(word)) || form.latin.some((seq) => padded.includes(seq))) {
      out.push(`=${form.id}`);
    }
  }
  return out;
}

/**
 * Analysed terms of a description: its tokens (Korean words stemmed, see tokenize.ts) and the
 * glossary entries it mentions. The matcher builds a runbook's terms the same way.
 */
export function proseTerms(text: string): string[] {
  return [...new Set([...tokenize(normalize(text)), ...glossaryTerms(text)])];
}
