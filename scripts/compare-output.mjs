// Proves a refactoring left the CLI's output alone: builds the CLI of two commits (git archive of
// each into a temp dir, bundled by that commit's own scripts/build-cli.mjs with K8SDIAG_CLI_OUT),
// runs both on the same inputs and compares stdout, stderr and exit code byte for byte after
// masking only what must differ between two runs: timestamps, durations, the probe-script nonce
// and the version.
//
//   node scripts/compare-output.mjs [--base 86d7218] [--head HEAD] [--lab] [--keep]
//
// Inputs: fixtures (lint projects, analyze directories, explain texts, checks, runbook,
// probe-script, usage errors) always; with --lab (root, under `flock /tmp/k8sdiag-lab.lock`) also
// the lab scenarios healthy, field-log and the fault matrix (every fault at once), each run by
// both CLIs in json, json --raw, text and markdown. Exit 0 when every output is identical, 1 if not
// (the differences are written to the temp dir and named).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    base: { type: 'string', default: '86d7218' },
    head: { type: 'string', default: 'HEAD' },
    lab: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const work = mkdtempSync(join(tmpdir(), 'k8sdiag-compare-'));
const log = (line) => process.stderr.write(`${line}\n`);

function build(rev) {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  const src = join(work, `src-${sha}`);
  mkdirSync(src, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C ${src}`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
  const out = join(work, `cli-${sha}`, 'k8sdiag.mjs');
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: src,
    env: { ...process.env, K8SDIAG_CLI_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  log(`built ${rev} (${sha}) -> ${out}`);
  return { sha, cli: out };
}

/** Only what must differ between two runs. */
function mask(text) {
  return (
    text
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
      .replace(/"(durationMs|elapsedMs)": ?\d+/g, '"$1": <ms>')
      .replace(/\btime="[0-9.]+"/g, 'time="<s>"')
      .replace(/\b\d+(\.\d+)? ?(ms|s)\b(?=[),.;:\s]|$)/gm, '<duration>')
      // Raw probe output of a live node (--raw): its clock and its firewall's packet counters move
      // between the two runs (the first run's own SSH traffic counts).
      .replace(/(["\\n])now \d{9,}/g, '$1now <clock>')
      .replace(/ on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, ' on <date>')
      .replace(/\[\d+:\d+\]/g, '[<packets>:<bytes>]')
      .replace(/packets \d+ bytes \d+/g, 'packets <n> bytes <n>')
      .replace(/\b[0-9a-f]{32}\b/g, '<nonce>')
      // The report's run id: start time in base 36 (analyze) or 12 hex digits of a nonce (run).
      .replace(/"id": "[0-9a-z]{8,12}"/g, '"id": "<run-id>"')
      .replace(/\b(version"?:? ?"?|v)0\.\d+\.\d+\b/g, '$1<version>')
  );
}

const FIX = (p) => join(root, 'test/fixtures', p);
const RUNNER_FIX = (p) => join(root, 'test/diagnostics/runner/fixtures', p);
const fixtureCases = [];
for (const project of ['field-log-project', 'clean-project', 'capabilities', 'containerd']) {
  for (const format of ['text', 'json', 'sarif'])
    fixtureCases.push([`lint ${project} ${format}`, ['lint', '--format', format, FIX(`lint/${project}`)]]);
}
fixtureCases.push([
  'lint --lang ko --docs-url',
  ['lint', '--format', 'json', '--lang', 'ko', '--docs-url', 'https://docs.example', FIX('lint/field-log-project')],
]);
fixtureCases.push(['lint --list-rules', ['lint', '--list-rules']]);
fixtureCases.push([
  'lint --strict --ignore',
  ['lint', '--strict', '--ignore', 'iptables-flush,hardcoded-arch', FIX('lint/field-log-project')],
]);
fixtureCases.push(['lint bad rule id', ['lint', '--ignore', 'nope', FIX('lint/clean-project')]]);
for (const format of ['text', 'json', 'markdown', 'junit']) {
  fixtureCases.push([`analyze ansible-tree ${format}`, ['analyze', '--format', format, RUNNER_FIX('ansible-tree')]]);
}
fixtureCases.push([
  'analyze pssh -e',
  ['analyze', '--format', 'json', '--errors', RUNNER_FIX('pssh-err'), RUNNER_FIX('ansible-tree')],
]);
const texts = [
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
  '-bash: ./kubeadm: cannot execute binary file: Exec format error',
  '[ERROR FileContent--proc-sys-net-ipv4-ip_forward]: /proc/sys/net/ipv4/ip_forward contents are not set to 1',
  'E: Failed to fetch http://apt.kubernetes.io/dists/kubernetes-xenial/main/binary-amd64/Packages 404 Not Found',
  'kubeadm join 가 멈춰요',
  'something entirely unrelated about cooking pasta',
];
texts.forEach((text, i) => {
  fixtureCases.push([`explain #${i} text`, ['explain', text]]);
  fixtureCases.push([`explain #${i} json`, ['explain', '--format', 'json', '--limit', '5', text]]);
});
fixtureCases.push(['explain --lang ko', ['explain', '--lang', 'ko', texts[0]]]);
fixtureCases.push(['explain bad limit', ['explain', '--limit', '0', texts[0]]]);
for (const args of [
  ['checks'],
  ['checks', '--probes'],
  ['checks', '--format', 'json', '--lang', 'ko'],
  ['runbook'],
  ['runbook', 'exec-format-error'],
  ['runbook', 'apt-stale-cache', '--lang', 'ko', '--docs-url', 'https://docs.example/'],
  ['runbook', 'no-such-runbook'],
  ['probe-script'],
  ['probe-script', '--role', 'worker', '--ignore', 'swap-enabled'],
  ['probe-script', '--role', 'nope'],
  ['run', '--host', 'vagrant@198.51.100.9', '-o', '/nonexistent-dir/report.json'],
  ['analyze', RUNNER_FIX('ansible-tree'), '-o', '/nonexistent-dir/report.json'],
  ['run', '--format', 'yaml', '--local'],
  ['run', '--no-such-option'],
  ['--version'],
  ['--help'],
]) {
  fixtureCases.push([args.join(' '), args]);
}

const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/root',
  NO_COLOR: '1',
  LANG: 'C.UTF-8',
};

function runCli(cli, args, prefix = []) {
  const command = prefix.length > 0 ? prefix[0] : process.execPath;
  const argv = prefix.length > 0 ? [...prefix.slice(1), process.execPath, cli, ...args] : [cli, ...args];
  const r = spawnSync(command, argv, { cwd: work, env: ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

const results = [];
function compare(name, a, b) {
  const same = mask(a) === mask(b);
  results.push({ name, same, bytes: a.length });
  if (!same) {
    const file = join(work, 'diff', name.replace(/[^a-z0-9.-]+/gi, '_'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.base`, mask(a));
    writeFileSync(`${file}.head`, mask(b));
  }
}

const base = build(values.base);
const head = build(values.head);
for (const [name, args] of fixtureCases) compare(name, runCli(base.cli, args), runCli(head.cli, args));

if (values.lab) {
  const lab = await import(pathToFileURL(join(root, 'test/lab/lab.ts')).href);
  const scenarios = await import(pathToFileURL(join(root, 'test/lab/scenarios/index.ts')).href);
  const faults = await import(pathToFileURL(join(root, 'test/lab/faults.ts')).href);
  const FAULTS = [
    'down',
    'silent',
    'hang',
    'auth-failure',
    'host-key-changed',
    'sudo-password',
    'no-file',
    'busybox-sh',
    'flood',
    'hostile',
  ];
  const LIMITS = ['--connect-timeout', '3', '--handshake-timeout', '4', '--node-timeout', '40', '--run-timeout', '60'];
  const specs = [
    ['healthy', scenarios.healthy('cmp-healthy'), []],
    ['field-log', scenarios.fieldLog('cmp-fieldlog'), []],
    [
      'fault-matrix',
      (() => {
        const spec = scenarios.faultCluster('cmp-faults', FAULTS);
        for (const fault of FAULTS) faults.withFault(spec, `k8s-${fault}`, fault);
        return spec;
      })(),
      LIMITS,
    ],
  ];
  for (const [name, spec, extra] of specs) {
    log(`lab ${name}: up`);
    const running = await lab.up(spec);
    try {
      const target = [
        'run',
        '-i',
        running.client.inventory,
        '--identity',
        running.client.key,
        '--known-hosts',
        running.client.knownHosts,
        '--k8s-version',
        spec.k8sVersion,
        ...extra,
      ];
      const inHub = ['ip', 'netns', 'exec', running.hub];
      for (const format of [
        ['--format', 'json'],
        ['--format', 'json', '--raw'],
        ['--format', 'text', '-v'],
        ['--format', 'markdown'],
      ]) {
        const args = [...target, ...format];
        compare(`lab ${name} ${format.join(' ')}`, runCli(base.cli, args, inHub), runCli(head.cli, args, inHub));
      }
    } finally {
      lab.down(spec.id);
      log(`lab ${name}: down`);
    }
  }
}

const differing = results.filter((r) => !r.same);
for (const r of results) process.stdout.write(`${r.same ? 'same' : 'DIFF'}  ${r.name}  (${r.bytes} bytes)\n`);
process.stdout.write(
  `\n${results.length - differing.length}/${results.length} identical after masking (base ${base.sha}, head ${head.sha})\n`,
);
if (differing.length > 0) process.stdout.write(`differences: ${join(work, 'diff')}\n`);
else if (!values.keep) rmSync(work, { recursive: true, force: true });
process.exitCode = differing.length > 0 ? 1 : 0;
