// Benchmark (not a test): median wall time of `node build/cli/k8sdiag.mjs explain "..."`, process
// start included, against a peer that answers the same question the crude way, `grep -ril` of a
// key phrase over the runbook MDX files. Target: explain under 200 ms.
//   npm run bench:explain              (build the CLI first: npm run build:cli)
//   RUNS=31 npm run bench:explain
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'build/cli/k8sdiag.mjs');
const runs = Number.parseInt(process.env.RUNS ?? '21', 10);
const TARGET_MS = 200;

if (!existsSync(cli)) {
  console.error(`bench-explain: ${cli} is missing; run "npm run build:cli" first`);
  process.exit(2);
}

// Real messages (see test/diagnostics/explain/cases.ts for their sources) and, for the peer,
// the phrase a person would grep for.
const inputs = [
  {
    text: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    grep: 'localhost:8080',
  },
  { text: 'bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error', grep: 'exec format error' },
  {
    text: "E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.",
    grep: 'does not have a Release file',
  },
];

function time(command, args, options = {}) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: 'utf8', ...options });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

const runbookDirs = [join(root, 'src/content/docs/runbooks'), join(root, 'src/content/docs/ko/runbooks')];
const fmt = (ms) => `${ms.toFixed(1).padStart(7)} ms`;
console.log(`node ${process.version}, ${runs} runs each, median (min..max)`);
console.log(`${'input'.padEnd(44)} ${'k8sdiag explain'.padStart(26)} ${'grep -ril'.padStart(26)}`);
let worst = 0;
for (const input of inputs) {
  // one warm-up run each, so the file cache is not what we measure
  execFileSync(process.execPath, [cli, 'explain', input.text], { stdio: 'ignore' });
  const ours = time(process.execPath, [cli, 'explain', input.text], { env: { ...process.env, NO_COLOR: '1' } });
  const peer = time('grep', ['-ril', '--include=*.mdx', input.grep, ...runbookDirs]);
  worst = Math.max(worst, ours.median);
  const cell = (t) => `${fmt(t.median)} (${t.min.toFixed(0)}..${t.max.toFixed(0)})`;
  console.log(`${input.text.slice(0, 43).padEnd(44)} ${cell(ours).padStart(26)} ${cell(peer).padStart(26)}`);
}
const baseline = time(process.execPath, ['-e', '0']);
console.log(`${'(node -e 0: process start alone)'.padEnd(44)} ${fmt(baseline.median).padStart(26)}`);
console.log(`worst median ${worst.toFixed(1)} ms: ${worst < TARGET_MS ? 'under' : 'OVER'} the ${TARGET_MS} ms target`);
process.exitCode = worst < TARGET_MS ? 0 : 1;
