/**
 * `k8sdiag explain` against the corpora (test/diagnostics/explain/corpus/): real error texts from
 * public issue trackers and Q&A pages, and blind prose descriptions in English and Korean.
 *
 * In scope: the label is a runbook that exists (a label of a runbook still to be written counts
 * as out of scope until its page lands, then it switches by itself). Measured per source and part
 * (tuning / held-out third, chosen by sha256 before any tuning):
 * - top-1: the first answer, confident or "possibly related", is the labelled runbook;
 * - false alarm: out of scope, yet a confident answer (exit 0).
 * The rates are printed; the assertions are floors under what was measured, so a regression fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../../src/content/runbook-schema';
import { explain, isConfidentAnswer } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { type CorpusItem, inScope, loadCorpus, type Source } from './corpus/corpus';

/**
 * The targets are top-1 >= 90% in scope and a confident answer for <= 10% out of scope;
 * the held-out figures printed above decide whether they are met. The assertions are regression
 * floors under what was measured when the six runbooks of issue 14 joined (held-out real 85.3%),
 * not the targets: a runbook edit must not silently cost more than a few texts.
 */
const FLOOR = { top1: 0.8, falseAlarms: 0.1 };
const corpus = loadCorpus();
const existing = new Set<string>(runbookEntries.map((entry) => entry.frontmatter.runbook));

interface Tally {
  inScope: number;
  top1: number;
  confidentRight: number;
  /** In scope, but a confident answer names another runbook: as bad as a false alarm. */
  confidentWrong: number;
  outOfScope: number;
  falseAlarms: number;
}
const tallies = new Map<string, Tally>();
const key = (source: Source, heldOut: boolean): string => `${source.padEnd(8)} ${heldOut ? 'held-out' : 'tuning  '}`;

function tally(item: CorpusItem): void {
  const found = explain({ text: item.text, lang: 'en', entries: runbookEntries, url: (id) => id });
  const t = tallies.get(key(item.source, item.heldOut)) ?? {
    inScope: 0,
    top1: 0,
    confidentRight: 0,
    confidentWrong: 0,
    outOfScope: 0,
    falseAlarms: 0,
  };
  tallies.set(key(item.source, item.heldOut), t);
  if (inScope(item, existing)) {
    t.inScope += 1;
    if (found[0]?.id === item.expected) {
      t.top1 += 1;
      if (isConfidentAnswer(found)) t.confidentRight += 1;
    } else if (isConfidentAnswer(found)) {
      t.confidentWrong += 1;
    }
  } else {
    t.outOfScope += 1;
    if (isConfidentAnswer(found)) t.falseAlarms += 1;
  }
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
function sum(filter: (name: string) => boolean): Tally {
  const total: Tally = { inScope: 0, top1: 0, confidentRight: 0, confidentWrong: 0, outOfScope: 0, falseAlarms: 0 };
  for (const [name, t] of tallies) {
    if (!filter(name)) continue;
    for (const field of Object.keys(total) as (keyof Tally)[]) total[field] += t[field];
  }
  return total;
}

describe('explain corpus: shape', () => {
  it('has real texts with source URLs and blind prose in both languages', () => {
    const real = corpus.filter((item) => item.source === 'real');
    expect(real.length).toBeGreaterThanOrEqual(120);
    for (const item of real) expect(item.url, item.id).toMatch(/^https:\/\//);
    expect(corpus.filter((item) => item.source === 'prose-en').length).toBeGreaterThanOrEqual(90);
    expect(corpus.filter((item) => item.source === 'prose-ko').length).toBeGreaterThanOrEqual(90);
  });

  it('labels only runbooks of the catalogue (or none)', () => {
    const known = new Set<string>([...RUNBOOK_IDS, 'none']);
    for (const item of corpus) expect(known.has(item.expected), `${item.id}: ${item.expected}`).toBe(true);
  });

  it('holds out about a third of every source', () => {
    for (const source of ['real', 'prose-en', 'prose-ko'] as const) {
      const items = corpus.filter((item) => item.source === source);
      const share = items.filter((item) => item.heldOut).length / items.length;
      expect(share, source).toBeGreaterThan(0.2);
      expect(share, source).toBeLessThan(0.46);
    }
  });

  it('counts a planned runbook as in scope as soon as its page exists', () => {
    const item = { expected: 'cni-not-installed' };
    expect(inScope(item, existing)).toBe(existing.has('cni-not-installed'));
    expect(inScope(item, new Set([...existing, 'cni-not-installed']))).toBe(true);
  });
});

describe('explain corpus: rates', () => {
  beforeAll(() => {
    for (const item of corpus) tally(item);
    const combined = ['tuning', 'held-out'].map(
      (part) => [`prose    ${part.padEnd(8)}`, sum((name) => name.startsWith('prose') && name.includes(part))] as const,
    );
    const lines = [...[...tallies.entries()].sort(([a], [b]) => a.localeCompare(b)), ...combined].map(
      ([name, t]) =>
        `${name}  top-1 ${String(t.top1).padStart(3)}/${String(t.inScope).padEnd(3)} ${pct(t.top1, t.inScope)}` +
        `  (confident: right ${pct(t.confidentRight, t.inScope)}, wrong ${t.confidentWrong})` +
        `  false alarms ${String(t.falseAlarms).padStart(2)}/${String(t.outOfScope).padEnd(3)} ${pct(t.falseAlarms, t.outOfScope)}`,
    );
    console.log(`\nexplain corpus (in scope = the ${existing.size} runbooks that exist)\n${lines.join('\n')}\n`);
  });

  it('measured every item', () => {
    const all = sum(() => true);
    expect(all.inScope + all.outOfScope).toBe(corpus.length);
  });

  it.each(['real', 'prose'])(
    'held-out %s: top-1 in scope and false alarms out of scope stay within the floors',
    (kind) => {
      const held = sum((name) => name.startsWith(kind) && name.includes('held-out'));
      expect(held.top1 / held.inScope).toBeGreaterThanOrEqual(FLOOR.top1);
      expect(held.falseAlarms / held.outOfScope).toBeLessThanOrEqual(FLOOR.falseAlarms);
    },
  );

  it.each(['real', 'prose'])('tuning %s: the same floors', (kind) => {
    const tuned = sum((name) => name.startsWith(kind) && name.includes('tuning'));
    expect(tuned.top1 / tuned.inScope).toBeGreaterThanOrEqual(FLOOR.top1);
    expect(tuned.falseAlarms / tuned.outOfScope).toBeLessThanOrEqual(FLOOR.falseAlarms);
  });
});
