#!/usr/bin/env node
// Scores `k8sdiag lint` on real repositories against the hand-judged table (not a test; CI does not
// run it: the repositories are not in this repository, see test/fixtures/lint/real-world/README.md).
//
//   npm run eval:lint -- DIR [--table FILE] [--repos FILE] [--linter FILE] [--set tuning|heldout|all]
//                            [--tolerance N] [--unjudged-out FILE] [--quiet]
//
// DIR holds one extracted repository per directory, named owner+name. Each repository of the table
// (and of --repos, default DIR/REPOS.tsv when it exists) found under DIR is linted with the built
// linter (default build/cli/k8sdiag.mjs; run `npm run build:cli` first) as
//   k8sdiag lint --format json --host-arch amd64 --no-config-lookup .
// from inside the repository, and its findings are matched to the table by repo+path+line+rule.
// A finding with no row is printed as UNJUDGED and counts against precision until judged.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, parseJudged, percent, precision, recall, score, setOfLabel } from './eval-lint/score.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`eval:lint: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const options = { table: join(root, 'test/fixtures/lint/real-world/judged.tsv'), set: 'all', tolerance: '2' };
const positional = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--quiet') options.quiet = true;
  else if (arg === '-h' || arg === '--help') {
    process.stdout.write(
      'Usage: npm run eval:lint -- DIR [--table FILE] [--repos FILE] [--linter FILE]\n' +
        '         [--set tuning|heldout|all] [--tolerance N] [--unjudged-out FILE] [--quiet]\n' +
        'Lints each owner+name directory of DIR named in the judged table and prints\n' +
        'precision and recall per rule for the tuning and held-out sets.\n',
    );
    process.exit(0);
  } else if (arg.startsWith('--')) {
    const name = arg.slice(2);
    if (!['table', 'repos', 'linter', 'set', 'tolerance', 'unjudged-out'].includes(name)) fail(`unknown option ${arg}`);
    const value = args[++i];
    if (value === undefined) fail(`${arg} needs a value`);
    options[name] = value;
  } else positional.push(arg);
}
if (positional.length !== 1) fail('give exactly one DIR (extracted repositories, one owner+name directory each)');
const dir = resolve(positional[0]);
if (!existsSync(dir)) fail(`${dir}: no such directory`);
if (!['tuning', 'heldout', 'all'].includes(options.set)) fail(`--set ${options.set}: use tuning, heldout or all`);
const tolerance = Number(options.tolerance);
if (!Number.isInteger(tolerance) || tolerance < 0) fail(`--tolerance ${options.tolerance}: not a whole number`);
const linter = resolve(options.linter ?? join(root, 'build/cli/k8sdiag.mjs'));
if (!existsSync(linter)) fail(`${linter}: not built (npm run build:cli)`);
if (!existsSync(options.table)) fail(`${options.table}: no such file`);

let rows;
try {
  rows = parseJudged(readFileSync(options.table, 'utf8'), options.table);
} catch (error) {
  fail(error.message);
}

// repo -> set, from the table and from the repository list (which also names repos with no rows yet).
const setOf = new Map();
for (const row of rows) setOf.set(row.repo, row.set);
const reposFile = options.repos ?? (existsSync(join(dir, 'REPOS.tsv')) ? join(dir, 'REPOS.tsv') : undefined);
if (reposFile !== undefined) {
  const [header = '', ...lines] = readFileSync(reposFile, 'utf8').split('\n');
  const cols = header.split('\t');
  const repoCol = cols.indexOf('repo');
  const setCol = cols.indexOf('set');
  if (repoCol < 0 || setCol < 0) fail(`${reposFile}:1: needs "repo" and "set" columns`);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    const set = setOfLabel(cells[setCol] ?? '');
    if (set === undefined)
      fail(`${reposFile}:${i + 2}: set "${cells[setCol]}" is not tuning, heldout or heldout-N [(seen)]`);
    const repo = cells[repoCol];
    if (setOf.has(repo) && setOf.get(repo) !== set)
      fail(`${reposFile}:${i + 2}: ${repo} is ${setOf.get(repo)} in the table`);
    setOf.set(repo, set);
  });
}

const linted = new Map();
const findings = [];
const absent = [];
for (const [repo, set] of [...setOf].sort()) {
  if (options.set !== 'all' && options.set !== set) continue;
  const path = join(dir, repo.replace('/', '+'));
  if (!existsSync(path)) {
    absent.push(repo);
    continue;
  }
  const run = spawnSync(
    process.execPath,
    [linter, 'lint', '--format', 'json', '--host-arch', 'amd64', '--no-config-lookup', '.'],
    { cwd: path, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    fail(`${repo}: linter exited ${run.status} without a JSON report: ${run.stderr.trim().split('\n')[0] ?? ''}`);
  }
  linted.set(repo, set);
  for (const f of report.findings) {
    findings.push({ repo, path: f.path.replace(/^\.\//, ''), line: f.line, rule: f.ruleId, message: f.message });
  }
  if (!options.quiet) {
    const errors = report.errors?.length ?? 0;
    process.stdout.write(
      `${set.padEnd(8)} ${repo}: exit ${run.status}, ${report.findings.length} findings${errors ? `, ${errors} input errors` : ''}\n`,
    );
  }
}
if (absent.length > 0) process.stdout.write(`not under ${dir} (skipped): ${absent.join(', ')}\n`);

const result = score(rows, findings, linted, tolerance);
if (!options.quiet) {
  for (const f of result.unjudged) {
    process.stdout.write(`UNJUDGED ${f.repo} ${f.path}:${f.line} ${f.rule}: ${(f.message ?? '').slice(0, 120)}\n`);
  }
  for (const row of result.missed) {
    process.stdout.write(
      `MISSED   ${row.repo} ${row.path}:${row.line} ${row.rule} (${row.verdict}): ${row.reason.slice(0, 100)}\n`,
    );
  }
  for (const { row } of result.newlyFound) {
    process.stdout.write(`FOUND    ${row.repo} ${row.path}:${row.line} ${row.rule} (was FN)\n`);
  }
}
if (options['unjudged-out'] !== undefined) {
  const commitOf = new Map(rows.map((row) => [row.repo, row.commit]));
  const lines = result.unjudged.map((f) =>
    [
      f.repo,
      commitOf.get(f.repo) ?? '',
      f.path,
      f.line,
      f.rule,
      '?',
      (f.message ?? '').replace(/\s+/g, ' '),
      linted.get(f.repo),
    ].join('\t'),
  );
  writeFileSync(options['unjudged-out'], `${lines.join('\n')}\n`);
}
process.stdout.write(`\n${formatTable(result)}\n`);
const all = (set) => result.tallies[set].get('ALL');
for (const set of ['tuning', 'heldout']) {
  const tally = all(set);
  if (tally === undefined) continue;
  process.stdout.write(
    `${set}: precision ${percent(precision(tally))} (unjudged counted as false), recall ${percent(recall(tally))}, ${tally.unjudged} unjudged\n`,
  );
}
