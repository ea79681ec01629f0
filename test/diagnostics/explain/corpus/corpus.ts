/**
 * The explain corpora: real error texts with their source URLs (real.jsonl) and blind prose
 * descriptions (prose-{en,ko}-{a,b}.tsv, written by someone who had not read the runbooks; their
 * `# ` header lines say how). Each item is in scope when a runbook with its label exists, so the
 * labels of runbooks still to be written switch to in scope by themselves when their page lands.
 *
 * Held out: the third of each source with sha256(text) mod 3 == 0, fixed before any tuning.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Source = 'real' | 'prose-en' | 'prose-ko';

export interface CorpusItem {
  id: string;
  source: Source;
  /** A runbook id, or "none". */
  expected: string;
  text: string;
  /** Where the text comes from (real texts). */
  url?: string;
  heldOut: boolean;
}

const DIR = import.meta.dirname;

export function isHeldOut(text: string): boolean {
  const hex = createHash('sha256').update(text, 'utf8').digest('hex');
  return BigInt(`0x${hex}`) % 3n === 0n;
}

function real(): CorpusItem[] {
  return readFileSync(join(DIR, 'real.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const row = JSON.parse(line) as { id: string; expected: string; source: string; text: string };
      if (typeof row.text !== 'string' || typeof row.expected !== 'string') {
        throw new Error(`real.jsonl:${index + 1}: needs "text" and "expected"`);
      }
      return {
        id: row.id,
        source: 'real',
        expected: row.expected,
        text: row.text,
        url: row.source,
        heldOut: isHeldOut(row.text) && !SEEN_WHILE_WRITING.has(row.id),
      };
    });
}

/**
 * Real texts that were read while the runbooks #11-#16 were written (five became cases in
 * cases.ts): they can no longer be held out, whatever their hash says.
 */
const SEEN_WHILE_WRITING: ReadonlySet<string> = new Set(['r025', 'r029', 'r034', 'r145', 'r151']);

function prose(lang: 'en' | 'ko'): CorpusItem[] {
  return ['a', 'b'].flatMap((batch) => {
    const file = `prose-${lang}-${batch}.tsv`;
    return readFileSync(join(DIR, file), 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.trim() !== '' && !line.startsWith('#'))
      .map(({ line, index }) => {
        const tab = line.indexOf('\t');
        if (tab < 1) throw new Error(`${file}:${index + 1}: expected label<TAB>text`);
        const text = line.slice(tab + 1).trim();
        return {
          id: `${file}:${index + 1}`,
          source: `prose-${lang}` as Source,
          expected: line.slice(0, tab).trim(),
          text,
          heldOut: isHeldOut(text),
        };
      });
  });
}

export function loadCorpus(): CorpusItem[] {
  return [...real(), ...prose('en'), ...prose('ko')];
}

/** In scope: a runbook with the item's label exists (planned runbooks switch in when their page lands). */
export function inScope(item: Pick<CorpusItem, 'expected'>, ids: ReadonlySet<string>): boolean {
  return ids.has(item.expected);
}
