/**
 * The blind search corpora (search-{ko,en}-{a,b}.tsv in this directory): queries written by people
 * who saw only the field log and a symptom table, never the pages (each file's header says how).
 * Columns: label, query, style, set. `set` is `held-out` for one third of each batch, chosen when
 * the files were copied in and before any result was seen: the first 8 hex digits of
 * sha256(query) as an integer, mod 3 == 0. `loadCorpus` recomputes it and refuses a file whose
 * column disagrees, so the split cannot drift while tuning.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteLang } from '../../../src/site/lang';

export type QuerySet = 'tune' | 'held-out';

export interface CorpusQuery {
  /** File and line, for messages: search-ko-a.tsv:12 */
  readonly where: string;
  readonly batch: string;
  readonly lang: SiteLang;
  /** The runbook id the query is about. */
  readonly label: string;
  readonly query: string;
  readonly style: string;
  readonly set: QuerySet;
}

const DIR = import.meta.dirname;
const FILE = /^search-(en|ko)-([a-z0-9]+)\.tsv$/;

export function heldOutBySha(query: string): QuerySet {
  const head = createHash('sha256').update(query, 'utf8').digest('hex').slice(0, 8);
  return Number.parseInt(head, 16) % 3 === 0 ? 'held-out' : 'tune';
}

export function corpusFiles(): string[] {
  return readdirSync(DIR)
    .filter((name) => FILE.test(name))
    .sort();
}

export function loadCorpus(): CorpusQuery[] {
  const out: CorpusQuery[] = [];
  for (const name of corpusFiles()) {
    const [, lang, batch] = FILE.exec(name) ?? [];
    if (lang !== 'en' && lang !== 'ko') continue;
    readFileSync(join(DIR, name), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.startsWith('#') || line.trim() === '') return;
        const where = `${name}:${index + 1}`;
        const [label, query, style, set, ...rest] = line.split('\t');
        if (!label || !query || !style || (set !== 'tune' && set !== 'held-out') || rest.length > 0) {
          throw new Error(`${where}: expected label<TAB>query<TAB>style<TAB>tune|held-out`);
        }
        if (heldOutBySha(query) !== set)
          throw new Error(`${where}: set column "${set}" disagrees with the sha256 rule`);
        out.push({ where, batch: `${lang}-${batch}`, lang, label, query, style, set });
      });
  }
  return out;
}
