// Scoring for `npm run eval:lint`: matches the linter's findings on real repositories against the
// hand-judged table (test/fixtures/lint/real-world/judged.tsv) and computes precision and recall per
// rule and set. Pure: no file system, no processes (scripts/eval-lint.mjs does those).
//
// Table columns (tab-separated, header first): repo commit path line rule verdict reason set
//   verdict TP = a finding that is right, FP = a finding that is wrong, FN = a mistake the linter
//   should report at that place and did not (when judged).
//   set tuning | heldout, or a labelled round: heldout-N (held out, scored as heldout) and
//   "heldout-N (seen)" (a held-out round that has been looked at since: scored as tuning).
// Matching: same repo, path and rule, line within `tolerance` lines (the nearest row wins, each
// row matches at most one finding). A finding with no row is UNJUDGED and counts as a false
// positive until someone judges it.

export type Verdict = 'TP' | 'FP' | 'FN';
export type EvalSet = 'tuning' | 'heldout';

export interface JudgedRow {
  repo: string;
  commit: string;
  path: string;
  line: number;
  rule: string;
  verdict: Verdict;
  reason: string;
  set: EvalSet;
  /** 1-based line of the row in the table file, for messages. */
  source: number;
}

export interface Finding {
  repo: string;
  path: string;
  line: number;
  rule: string;
  message?: string;
}

export interface Tally {
  /** Findings that match a TP row, or an FN row (a miss that is now found). */
  tp: number;
  /** Findings that match an FP row. */
  fp: number;
  /** Findings with no row in the table. */
  unjudged: number;
  /** TP and FN rows that no finding matched. */
  fn: number;
}

export interface Score {
  /** Per set, per rule; the rule "ALL" holds the totals. */
  tallies: Record<EvalSet, Map<string, Tally>>;
  unjudged: Finding[];
  /** TP/FN rows no finding matched (what the linter misses now). */
  missed: JudgedRow[];
  /** Findings that matched an FN row: misses the linter now finds. */
  newlyFound: Array<{ finding: Finding; row: JudgedRow }>;
}

/** The set a label scores in: tuning, heldout, heldout-N, or "heldout-N (seen)" (now tuning data). */
export function setOfLabel(label: string): EvalSet | undefined {
  if (label === 'tuning' || /^heldout-\d+ \(seen\)$/.test(label)) return 'tuning';
  if (/^heldout(?:-\d+)?$/.test(label)) return 'heldout';
  return undefined;
}

const COLUMNS = ['repo', 'commit', 'path', 'line', 'rule', 'verdict', 'reason', 'set'] as const;
export const ALL = 'ALL';

/** Parses the judged table. Throws "FILE:LINE: problem" on a malformed row. */
export function parseJudged(text: string, file: string): JudgedRow[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split('\t');
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  for (const column of COLUMNS) {
    if (!index.has(column)) throw new Error(`${file}:1: header has no "${column}" column`);
  }
  const rows: JudgedRow[] = [];
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n] ?? '';
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const cells = raw.split('\t');
    const cell = (name: (typeof COLUMNS)[number]): string => (cells[index.get(name) ?? -1] ?? '').trim();
    const at = `${file}:${n + 1}`;
    const line = Number(cell('line'));
    if (!Number.isInteger(line) || line < 1) throw new Error(`${at}: line "${cell('line')}" is not a positive integer`);
    const verdict = cell('verdict');
    if (verdict !== 'TP' && verdict !== 'FP' && verdict !== 'FN') {
      throw new Error(`${at}: verdict "${verdict}" is not TP, FP or FN`);
    }
    const set = setOfLabel(cell('set'));
    if (set === undefined) throw new Error(`${at}: set "${cell('set')}" is not tuning, heldout or heldout-N [(seen)]`);
    for (const name of ['repo', 'path', 'rule'] as const) {
      if (cell(name) === '') throw new Error(`${at}: empty ${name}`);
    }
    rows.push({
      repo: cell('repo'),
      commit: cell('commit'),
      path: cell('path'),
      line,
      rule: cell('rule'),
      verdict,
      reason: cell('reason'),
      set,
      source: n + 1,
    });
  }
  return rows;
}

function emptyTally(): Tally {
  return { tp: 0, fp: 0, unjudged: 0, fn: 0 };
}

function bump(tallies: Map<string, Tally>, rule: string, key: keyof Tally): void {
  for (const name of [rule, ALL]) {
    const tally = tallies.get(name) ?? emptyTally();
    tally[key] += 1;
    tallies.set(name, tally);
  }
}

/**
 * Scores the findings of the repositories in `setOf` (repo -> set; only those were linted) against
 * the rows of those repositories.
 */
export function score(
  rows: readonly JudgedRow[],
  findings: readonly Finding[],
  setOf: ReadonlyMap<string, EvalSet>,
  tolerance = 2,
): Score {
  const tallies: Record<EvalSet, Map<string, Tally>> = { tuning: new Map(), heldout: new Map() };
  const result: Score = { tallies, unjudged: [], missed: [], newlyFound: [] };
  const byKey = new Map<string, JudgedRow[]>();
  for (const row of rows) {
    if (!setOf.has(row.repo)) continue;
    const key = `${row.repo}\u0000${row.path}\u0000${row.rule}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const used = new Set<JudgedRow>();
  // Exact lines first, so a near row never takes the place of an exact one.
  const ordered = [...findings].sort((a, b) => exactness(a) - exactness(b));
  function exactness(finding: Finding): number {
    const candidates = byKey.get(`${finding.repo}\u0000${finding.path}\u0000${finding.rule}`) ?? [];
    return candidates.some((row) => row.line === finding.line) ? 0 : 1;
  }
  for (const finding of ordered) {
    const set = setOf.get(finding.repo);
    if (set === undefined) continue;
    const candidates = byKey.get(`${finding.repo}\u0000${finding.path}\u0000${finding.rule}`) ?? [];
    let best: JudgedRow | undefined;
    for (const row of candidates) {
      if (used.has(row)) continue;
      const distance = Math.abs(row.line - finding.line);
      if (distance > tolerance) continue;
      if (best === undefined || distance < Math.abs(best.line - finding.line)) best = row;
    }
    if (best === undefined) {
      result.unjudged.push(finding);
      bump(tallies[set], finding.rule, 'unjudged');
      continue;
    }
    used.add(best);
    if (best.verdict === 'FP') {
      bump(tallies[set], finding.rule, 'fp');
    } else {
      bump(tallies[set], finding.rule, 'tp');
      if (best.verdict === 'FN') result.newlyFound.push({ finding, row: best });
    }
  }
  for (const row of rows) {
    if (!setOf.has(row.repo) || used.has(row) || row.verdict === 'FP') continue;
    result.missed.push(row);
    bump(tallies[row.set], row.rule, 'fn');
  }
  return result;
}

/** tp / (tp + fp + unjudged); undefined when there is no finding. */
export function precision(tally: Tally): number | undefined {
  const reported = tally.tp + tally.fp + tally.unjudged;
  return reported === 0 ? undefined : tally.tp / reported;
}

/** tp / (tp + fn); undefined when nothing was there to find. */
export function recall(tally: Tally): number | undefined {
  const present = tally.tp + tally.fn;
  return present === 0 ? undefined : tally.tp / present;
}

export function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${(value * 100).toFixed(0)}%`;
}

/** Fixed-width table: one line per rule, the tuning and held-out sets side by side. */
export function formatTable(result: Score): string {
  const rules = new Set<string>();
  for (const set of ['tuning', 'heldout'] as const) for (const rule of result.tallies[set].keys()) rules.add(rule);
  rules.delete(ALL);
  const names = [...[...rules].sort(), ALL];
  const width = Math.max(28, ...names.map((name) => name.length + 1));
  const half = (tally: Tally | undefined): string => {
    const t = tally ?? emptyTally();
    return [t.tp, t.fp, t.unjudged, t.fn]
      .map((n) => String(n).padStart(4))
      .concat([percent(precision(t)).padStart(6), percent(recall(t)).padStart(6)])
      .join('');
  };
  const head = '  TP  FP UNJ  FN  prec   rec';
  const lines = [
    `${''.padEnd(width)}${'tuning'.padEnd(head.length)} | heldout`,
    `${'rule'.padEnd(width)}${head} |${head}`,
  ];
  for (const name of names) {
    if (name === ALL) lines.push('-'.repeat(width + head.length * 2 + 2));
    lines.push(
      `${name.padEnd(width)}${half(result.tallies.tuning.get(name))} |${half(result.tallies.heldout.get(name))}`,
    );
  }
  return lines.join('\n');
}
