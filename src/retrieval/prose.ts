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
 * the tuning third of the Korean prose corpus (scripts/tune-explain.mjs, see README): stem mode
 * ranks more descriptions first than bigram mode; see KOREAN_MODE.
 */
import { GLOSSARY } from './glossary';
import { normalize } from './normalize';
import { hangulBigrams, tokenize } from './tokenize';

export type KoreanMode = 'stem' | 'bigram';
export const KOREAN_MODE: KoreanMode = 'stem';

const HANGUL = /[\uac00-\ud7a3]/u;
const WORD = /[\p{L}\p{N}_]+/gu;
const SCRIPT_RUN = /[\uac00-\ud7a3]+|[^\uac00-\ud7a3]+/gu;

interface GlossaryForm {
  id: string;
  latin: RegExp[];
  hangul: string[];
}

let forms: GlossaryForm[] | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function glossaryForms(): GlossaryForm[] {
  forms ??= GLOSSARY.map((entry) => {
    const all = [entry.en, entry.ko, ...entry.variants].map((form) => form.toLowerCase());
    return {
      id: entry.id,
      latin: all
        .filter((form) => !HANGUL.test(form))
        .map((form) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'u')),
      hangul: all.filter((form) => HANGUL.test(form)),
    };
  });
  return forms;
}

/** The glossary entries a text mentions, as `=<id>` terms. */
export function glossaryTerms(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const form of glossaryForms()) {
    if (form.hangul.some((word) => lower.includes(word)) || form.latin.some((pattern) => pattern.test(lower))) {
      out.push(`=${form.id}`);
    }
  }
  return out;
}

/** Analysed terms of a text (duplicates kept out), for descriptions and runbook fields alike. */
export function proseTerms(text: string, korean: KoreanMode = KOREAN_MODE): string[] {
  const normalized = normalize(text);
  const out = new Set<string>(korean === 'stem' ? tokenize(normalized) : []);
  if (korean === 'bigram') {
    for (const match of normalized.matchAll(WORD)) {
      for (const run of match[0].matchAll(SCRIPT_RUN)) {
        for (const token of HANGUL.test(run[0]) ? hangulBigrams(run[0]) : tokenize(run[0])) out.add(token);
      }
    }
  }
  for (const term of glossaryTerms(text)) out.add(term);
  return [...out];
}
