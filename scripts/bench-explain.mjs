// Benchmark (not a test): median wall time of `node build/cli/k8sdiag.mjs explain "..."`, process
// start included, against a peer that answers the same question the crude way, `grep -ril` of a
// key phrase over the runbook MDX files. Target: explain under 250 ms, Node start included.
// Then the warm matcher alone (what the paste box and a long `explain -` pay per log): median
// time of one match over a 100-line log. Target: under 20 ms.
//   npm run bench:explain              (build the CLI first: npm run build:cli)
//   RUNS=31 npm run bench:explain
//   K8SDIAG_CLI=/path/to/other/k8sdiag.mjs npm run bench:explain   (another build, e.g. before a change)
//   K8SDIAG_CLI_BASE=/path/to/before/k8sdiag.mjs npm run bench:explain
//     (A/B: the two builds alternate run by run, so a load change on a shared machine hits both alike)
// The machine's load average is printed before and after: wall times on a loaded machine mean little.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env.K8SDIAG_CLI ? resolve(process.env.K8SDIAG_CLI) : join(root, 'build/cli/k8sdiag.mjs');
const load = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};
const runs = Number.parseInt(process.env.RUNS ?? '21', 10);
const TARGET_MS = 250;
const WARM_TARGET_MS = 20;

if (!existsSync(cli)) {
  console.error(`bench-explain: ${cli} is missing; run "npm run build:cli" first`);
  process.exit(2);
}

// Real messages (see the matcher side of test/queries/shared.ts for their sources) and, for the peer,
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
  { text: 'I ran a script that flushed iptables and lost SSH to every node', grep: 'iptables -F' },
  { text: '워커에서 kubectl 치면 8080 에러', grep: '8080' },
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
console.log(`${cli}\nnode ${process.version}, ${runs} runs each, median (min..max); load average ${load()}`);
// A/B: the base build and this one alternate, one run each, on the same inputs.
const base = process.env.K8SDIAG_CLI_BASE ? resolve(process.env.K8SDIAG_CLI_BASE) : undefined;
if (base !== undefined) {
  if (!existsSync(base)) {
    console.error(`bench-explain: K8SDIAG_CLI_BASE ${base} is missing`);
    process.exit(2);
  }
  const samples = { base: [], head: [] };
  const env = { ...process.env, NO_COLOR: '1' };
  for (let i = 0; i < runs; i += 1) {
    for (const input of inputs) {
      for (const [side, file] of [
        ['base', base],
        ['head', cli],
      ]) {
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [file, 'explain', input.text], { env, stdio: 'ignore' });
        if (result.error) throw result.error;
        samples[side].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
  }
  for (const [side, file] of [
    ['base', base],
    ['head', cli],
  ]) {
    const sorted = samples[side].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `A/B ${side} ${file}: median ${fmt(median)} (${sorted[0].toFixed(0)}..${sorted[sorted.length - 1].toFixed(0)}) over ${sorted.length} runs, all inputs`,
    );
  }
  console.log(`load average after the A/B runs: ${load()}`);
}
console.log(`${'input'.padEnd(44)} ${'k8sdiag explain'.padStart(26)} ${'grep -ril'.padStart(26)}`);
let worst = 0;
for (const input of inputs) {
  // one warm-up run each, so the file cache is not what we measure
  spawnSync(process.execPath, [cli, 'explain', input.text], { stdio: 'ignore' });
  const ours = time(process.execPath, [cli, 'explain', input.text], { env: { ...process.env, NO_COLOR: '1' } });
  const peer = time('grep', ['-ril', '--include=*.mdx', input.grep, ...runbookDirs]);
  worst = Math.max(worst, ours.median);
  const cell = (t) => `${fmt(t.median)} (${t.min.toFixed(0)}..${t.max.toFixed(0)})`;
  console.log(`${input.text.slice(0, 43).padEnd(44)} ${cell(ours).padStart(26)} ${cell(peer).padStart(26)}`);
}
const baseline = time(process.execPath, ['-e', '0']);
console.log(`${'(node -e 0: process start alone)'.padEnd(44)} ${fmt(baseline.median).padStart(26)}`);
console.log(`worst median ${worst.toFixed(1)} ms: ${worst < TARGET_MS ? 'under' : 'OVER'} the ${TARGET_MS} ms target`);
console.log(`load average after the CLI runs: ${load()}`);

// Warm matcher: built once, then one match per 100-line log (a kubeadm join log with noise).
const warmOut = join(root, 'build/bench', `warm-${process.pid}.mjs`);
await build({
  stdin: {
    contents: `export { buildMatcher } from './src/retrieval/matcher.ts';
      export { toMatchDoc } from './src/retrieval/docs.ts';
      export { readRunbooksFromDisk } from './src/diagnostics/runbooks/read-runbooks.ts';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: warmOut,
  logLevel: 'error',
});
const { buildMatcher, toMatchDoc, readRunbooksFromDisk } = await import(pathToFileURL(warmOut).href);
const matcher = buildMatcher(readRunbooksFromDisk(root).map((entry) => toMatchDoc(entry.frontmatter)));
const logLines = [];
for (let i = 0; logLines.length < 99; i += 1) {
  logLines.push(
    `Dec 04 12:${String(i % 60).padStart(2, '0')}:0${i % 10} k8s-worker1 kubelet[${800 + i}]: I1204 12:00:0${i % 10}.${100000 + i} ${800 + i} server.go:${400 + i}] "Started kubelet" pod="kube-system/kube-proxy-${i}x7"`,
  );
}
logLines.push(
  'error execution phase preflight: couldn\'t validate the identity of the API Server: Get "https://192.168.56.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
);
const log = logLines.join('\n');
for (let i = 0; i < 5; i += 1) matcher.match(log);
const warm = [];
for (let i = 0; i < runs * 5; i += 1) {
  const started = process.hrtime.bigint();
  matcher.match(log);
  warm.push(Number(process.hrtime.bigint() - started) / 1e6);
}
warm.sort((a, b) => a - b);
const warmMedian = warm[Math.floor(warm.length / 2)];
console.log(
  `warm matcher, 100-line log: median ${warmMedian.toFixed(2)} ms (${warm[0].toFixed(2)}..${warm[warm.length - 1].toFixed(2)}): ` +
    `${warmMedian < WARM_TARGET_MS ? 'under' : 'OVER'} the ${WARM_TARGET_MS} ms target`,
);
process.exitCode = worst < TARGET_MS && warmMedian < WARM_TARGET_MS ? 0 : 1;
