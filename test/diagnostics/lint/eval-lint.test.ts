import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALL,
  type EvalSet,
  type Finding,
  formatTable,
  parseJudged,
  precision,
  recall,
  score,
} from '../../../scripts/eval-lint/score.ts';

const HEADER = 'repo\tcommit\tpath\tline\trule\tverdict\treason\tset';
const row = (repo: string, path: string, line: number, rule: string, verdict: string, set = 'tuning'): string =>
  [repo, 'c0ffee', path, String(line), rule, verdict, 'why', set].join('\t');

// A tiny hand-made table: repo a/one (tuning) and b/two (held out).
const TABLE = [
  HEADER,
  row('a/one', 'setup.sh', 10, 'apt-key-deprecated', 'TP'),
  row('a/one', 'setup.sh', 20, 'apt-source-unsigned', 'FP'),
  row('a/one', 'join.sh', 5, 'join-without-timeout', 'FN'),
  row('a/one', 'master.sh', 30, 'kubeconfig-root-only', 'TP'),
  row('b/two', 'site.yml', 7, 'hardcoded-arch', 'TP', 'heldout'),
  '',
].join('\n');

const sets = new Map<string, EvalSet>([
  ['a/one', 'tuning'],
  ['b/two', 'heldout'],
]);
const f = (repo: string, path: string, line: number, rule: string): Finding => ({ repo, path, line, rule });

describe('parseJudged', () => {
  it('reads every row with its verdict, set and table line', () => {
    const rows = parseJudged(TABLE, 'judged.tsv');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatchObject({ repo: 'a/one', path: 'join.sh', line: 5, verdict: 'FN', set: 'tuning', source: 4 });
    expect(rows[4]?.set).toBe('heldout');
  });

  it('rejects a bad row with file:line', () => {
    expect(() => parseJudged(`${HEADER}\n${row('a/one', 'x.sh', 3, 'r', 'MAYBE')}`, 't.tsv')).toThrow(
      't.tsv:2: verdict "MAYBE" is not TP, FP or FN',
    );
    expect(() => parseJudged(`${HEADER}\n${row('a/one', 'x.sh', 0, 'r', 'TP')}`, 't.tsv')).toThrow(
      't.tsv:2: line "0" is not a positive integer',
    );
    expect(() => parseJudged(`${HEADER}\n${row('a/one', 'x.sh', 3, 'r', 'TP', 'train')}`, 't.tsv')).toThrow(
      't.tsv:2: set "train"',
    );
    expect(() => parseJudged('repo\tpath\n', 't.tsv')).toThrow('t.tsv:1: header has no "commit" column');
  });
});

describe('score', () => {
  const rows = parseJudged(TABLE, 'judged.tsv');

  it('counts TP, FP, UNJUDGED and FN per rule and set', () => {
    const result = score(
      rows,
      [
        f('a/one', 'setup.sh', 10, 'apt-key-deprecated'), // TP row
        f('a/one', 'setup.sh', 20, 'apt-source-unsigned'), // FP row
        f('a/one', 'other.sh', 1, 'apt-key-deprecated'), // no row: unjudged
        f('b/two', 'site.yml', 7, 'hardcoded-arch'), // TP row, held out
      ],
      sets,
    );
    const tuning = result.tallies.tuning;
    expect(tuning.get('apt-key-deprecated')).toEqual({ tp: 1, fp: 0, unjudged: 1, fn: 0 });
    expect(tuning.get('apt-source-unsigned')).toEqual({ tp: 0, fp: 1, unjudged: 0, fn: 0 });
    // The FN row and the TP row nobody reported are both misses.
    expect(tuning.get('join-without-timeout')).toEqual({ tp: 0, fp: 0, unjudged: 0, fn: 1 });
    expect(tuning.get('kubeconfig-root-only')).toEqual({ tp: 0, fp: 0, unjudged: 0, fn: 1 });
    expect(tuning.get(ALL)).toEqual({ tp: 1, fp: 1, unjudged: 1, fn: 2 });
    expect(result.tallies.heldout.get(ALL)).toEqual({ tp: 1, fp: 0, unjudged: 0, fn: 0 });
    expect(result.unjudged).toEqual([f('a/one', 'other.sh', 1, 'apt-key-deprecated')]);
    expect(result.missed.map((r) => `${r.path}:${r.line}`)).toEqual(['join.sh:5', 'master.sh:30']);

    const all = tuning.get(ALL);
    if (all === undefined) throw new Error('no ALL tally');
    expect(precision(all)).toBeCloseTo(1 / 3);
    expect(recall(all)).toBeCloseTo(1 / 3);
  });

  it('turns a found FN row into a true positive and lists it', () => {
    const result = score(rows, [f('a/one', 'join.sh', 5, 'join-without-timeout')], sets);
    expect(result.tallies.tuning.get('join-without-timeout')).toEqual({ tp: 1, fp: 0, unjudged: 0, fn: 0 });
    expect(result.newlyFound.map(({ row: r }) => r.path)).toEqual(['join.sh']);
  });

  it('matches within the line tolerance, one finding per row, exact lines first', () => {
    const near = score(rows, [f('a/one', 'setup.sh', 12, 'apt-key-deprecated')], sets);
    expect(near.tallies.tuning.get('apt-key-deprecated')?.tp).toBe(1);
    const far = score(rows, [f('a/one', 'setup.sh', 13, 'apt-key-deprecated')], sets);
    expect(far.tallies.tuning.get('apt-key-deprecated')).toEqual({ tp: 0, fp: 0, unjudged: 1, fn: 1 });
    // The near finding comes first, but the exact one takes the row; the near one stays unjudged.
    const both = score(
      rows,
      [f('a/one', 'setup.sh', 11, 'apt-key-deprecated'), f('a/one', 'setup.sh', 10, 'apt-key-deprecated')],
      sets,
    );
    expect(both.unjudged.map((x) => x.line)).toEqual([11]);
    // A different rule at the same place never matches.
    const other = score(rows, [f('a/one', 'setup.sh', 10, 'apt-repo-legacy-url')], sets);
    expect(other.unjudged).toHaveLength(1);
  });

  it('leaves out repositories that were not linted', () => {
    const result = score(rows, [], new Map<string, EvalSet>([['b/two', 'heldout']]));
    expect(result.tallies.tuning.size).toBe(0);
    expect(result.tallies.heldout.get(ALL)).toEqual({ tp: 0, fp: 0, unjudged: 0, fn: 1 });
  });

  it('prints one line per rule with both sets side by side', () => {
    const table = formatTable(score(rows, [f('a/one', 'setup.sh', 10, 'apt-key-deprecated')], sets));
    const line = table.split('\n').find((l) => l.startsWith('apt-key-deprecated'));
    expect(line).toMatch(/^apt-key-deprecated\s+1\s+0\s+0\s+0\s+100%\s+100%\s+\|\s+0\s+0\s+0\s+0\s+-\s+-$/);
    expect(table.split('\n').at(-1)).toMatch(/^ALL\s+1\s+0\s+0\s+2\s+100%\s+33%\s+\|\s+0\s+0\s+0\s+1\s+-\s+0%$/);
  });
});

describe('npm run eval:lint (script, with a stand-in linter)', () => {
  const root = resolve(import.meta.dirname, '../../..');
  const work = mkdtempSync(join(tmpdir(), 'eval-lint-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // One extracted repository (owner+name), the table, and a stand-in for build/cli/k8sdiag.mjs that
  // prints a fixed JSON report with paths as the real linter gives them when run from inside a repo.
  mkdirSync(join(work, 'repos', 'a+one'), { recursive: true });
  writeFileSync(join(work, 'table.tsv'), TABLE);
  const linter = join(work, 'fake-k8sdiag.mjs');
  writeFileSync(
    linter,
    `if (!process.argv.includes('--host-arch') || process.argv.at(-1) !== '.') process.exit(70);
process.stdout.write(JSON.stringify({ findings: [
  { ruleId: 'apt-key-deprecated', path: './setup.sh', line: 10, message: 'apt-key' },
  { ruleId: 'iptables-flush', path: 'net.sh', line: 4, message: 'flush' },
], errors: [] }));
process.exit(1);`,
  );

  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(root, 'scripts/eval-lint.mjs'), ...args],
      {
        encoding: 'utf8',
      },
    );

  it('lints the repositories it finds, prints UNJUDGED findings, misses and the table', () => {
    const out = run(join(work, 'repos'), '--table', join(work, 'table.tsv'), '--linter', linter);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('tuning   a/one: exit 1, 2 findings');
    expect(out.stdout).toContain('not under');
    expect(out.stdout).toContain('b/two');
    expect(out.stdout).toContain('UNJUDGED a/one net.sh:4 iptables-flush: flush');
    expect(out.stdout).toContain('MISSED   a/one join.sh:5 join-without-timeout (FN)');
    // 1 TP, 1 unjudged; misses: the FN row, master.sh:30 (TP) and nothing for the FP row.
    expect(out.stdout).toMatch(/tuning: precision 50% .*recall 33%, 1 unjudged/);
  });

  it('fails with exit 2 and file:line on a bad table', () => {
    writeFileSync(join(work, 'bad.tsv'), `${HEADER}\n${row('a/one', 'x.sh', 3, 'r', 'MAYBE')}\n`);
    const out = run(join(work, 'repos'), '--table', join(work, 'bad.tsv'), '--linter', linter);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('bad.tsv:2: verdict "MAYBE"');
  });
});
