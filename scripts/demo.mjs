// npm run demo [-- --out DIR]
//
// Brings up the field-log lab (three real OpenSSH nodes in network namespaces with the field log's
// failures built in, see test/lab/README.md), runs `k8sdiag run` against it from the lab's hub
// namespace, writes the JSON and Markdown reports (default: demo-out/), prints the text report,
// and tears the lab down (also on Ctrl-C or an error). Needs root.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/lab/assets.ts';
import { labId } from '../test/lab/config.ts';
import { CLI, labUnavailable } from '../test/lab/guard.ts';
import { down, up } from '../test/lab/lab.ts';
import { fieldLog } from '../test/lab/scenarios/index.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'demo-out' } } });
const out = resolve(REPO_ROOT, values.out);
const why = labUnavailable({ needCli: true });
if (why !== undefined) {
  process.stderr.write(`demo: ${why}\n`);
  process.exit(1);
}

const LAB_ID = labId('demo');
const spec = fieldLog(LAB_ID);
process.stderr.write('demo: bringing up the field-log lab (k8s-master, k8s-worker1, k8s-worker2)\n');
const lab = await up(spec, { log: (line) => process.stderr.write(`demo: ${line}\n`) });
let exitCode = 0;
try {
  const base = [
    'run',
    '-i',
    lab.client.inventory,
    '--identity',
    lab.client.key,
    '--known-hosts',
    lab.client.knownHosts,
    '--k8s-version',
    spec.k8sVersion,
  ];
  const k8sdiag = (args) =>
    spawnSync('ip', ['netns', 'exec', lab.hub, process.execPath, CLI, ...base, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
  mkdirSync(out, { recursive: true });
  const shown = `ip netns exec ${lab.hub} node build/cli/k8sdiag.mjs ${base.join(' ')}`;
  process.stderr.write(`demo: ${shown}\n\n`);
  const text = k8sdiag(['--format', 'text']);
  process.stdout.write(text.stdout);
  if (text.stderr) process.stderr.write(text.stderr);
  for (const [format, file] of [
    ['json', 'report.json'],
    ['markdown', 'report.md'],
  ]) {
    const result = k8sdiag(['--format', format]);
    if (result.stdout === '') throw new Error(`k8sdiag --format ${format} printed nothing: ${result.stderr}`);
    writeFileSync(resolve(out, file), result.stdout);
  }
  writeFileSync(resolve(out, 'report.txt'), text.stdout);
  exitCode = text.status ?? 1;
  process.stderr.write(
    `\ndemo: k8sdiag exited ${text.status} (1 = findings, as expected for this lab)\ndemo: reports written to ${out}/report.{json,md,txt}\n`,
  );
} finally {
  down(LAB_ID);
  process.stderr.write('demo: lab torn down\n');
}
process.exitCode = exitCode === 1 ? 0 : exitCode;
