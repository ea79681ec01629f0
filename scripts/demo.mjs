// npm run demo [-- --out DIR] [-- --only field-log|next-failures]
//
// Two labs, one after the other (three and seven real OpenSSH nodes in network namespaces, see
// test/lab/README.md), each checked by `k8sdiag run` from the lab's hub namespace:
//   1. field-log: the ten failures of the field log, through the Ansible inventory;
//   2. next-failures: the six after it (CRI disabled, cgroup driver, no CNI config, CNI on the NAT
//      NIC, pod CIDR over the node network; VirtualBox's host-only range on the Vagrant host),
//      through a saved `vagrant ssh-config` next to a Vagrantfile, so the host checks run too.
// Prints each text report, writes JSON, Markdown and text reports (default: demo-out/ and
// demo-out/next-failures/) and tears each lab down (also on Ctrl-C or an error). Needs root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/lab/assets.ts';
import { labId } from '../test/lab/config.ts';
import { CLI, labUnavailable } from '../test/lab/guard.ts';
import { down, up } from '../test/lab/lab.ts';
import { fieldLog, nextFailures } from '../test/lab/scenarios/index.ts';
import { runAsync } from '../test/lab/sh.ts';
import { k8sdiagWithVboxNetworks, vagrantProject } from '../test/lab/vagrant-host.ts';

const PARTS = ['field-log', 'next-failures'];
const { values } = parseArgs({
  options: { out: { type: 'string', default: 'demo-out' }, only: { type: 'string' } },
});
if (values.only !== undefined && !PARTS.includes(values.only)) {
  process.stderr.write(`demo: --only must be one of ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const out = resolve(REPO_ROOT, values.out);
const why = labUnavailable({ needCli: true });
if (why !== undefined) {
  process.stderr.write(`demo: ${why}\n`);
  process.exit(1);
}
const say = (line) => process.stderr.write(`demo: ${line}\n`);
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root', NO_COLOR: '1', LANG: 'C.UTF-8' };
const DEADLINE_MS = 300_000;

/**
 * Runs one lab: up, `k8sdiag run` in text (printed), JSON and Markdown (written to `dir`), down.
 * `targets(lab)` gives the target options; `exec(lab, args)` runs the CLI. Returns the text run's exit code.
 */
async function part({ spec, title, dir, targets, exec }) {
  say(`bringing up the ${title} lab (${spec.nodes.map((n) => n.name).join(', ')})`);
  const lab = await up(spec, { log: (line) => say(line) });
  try {
    const base = ['run', ...targets(lab), '--k8s-version', spec.k8sVersion];
    mkdirSync(dir, { recursive: true });
    say(`ip netns exec ${lab.hub} node build/cli/k8sdiag.mjs ${base.join(' ')}\n`);
    const run = async (format) => {
      const result = await exec(lab, [...base, '--format', format]);
      if (result.killedByDeadline) throw new Error(`k8sdiag --format ${format} ran past ${DEADLINE_MS / 1000} s`);
      if (result.stdout === '') throw new Error(`k8sdiag --format ${format} printed nothing: ${result.stderr}`);
      return result;
    };
    const text = await run('text');
    process.stdout.write(text.stdout);
    if (text.stderr) process.stderr.write(text.stderr);
    writeFileSync(resolve(dir, 'report.txt'), text.stdout);
    for (const [format, file] of [
      ['json', 'report.json'],
      ['markdown', 'report.md'],
    ]) {
      writeFileSync(resolve(dir, file), (await run(format)).stdout);
    }
    process.stderr.write('\n');
    say(`k8sdiag exited ${text.code} (1 = findings, as expected for this lab)`);
    say(`reports written to ${dir}/report.{json,md,txt}`);
    return text.code ?? 1;
  } finally {
    down(spec.id);
    say(`${title} lab torn down\n`);
  }
}

const inHub = (lab, args) =>
  runAsync('ip', ['netns', 'exec', lab.hub, process.execPath, CLI, ...args], { deadlineMs: DEADLINE_MS, env: ENV });

const codes = [];
if (values.only !== 'next-failures') {
  codes.push(
    await part({
      spec: fieldLog(labId('demo')),
      title: 'field-log',
      dir: out,
      targets: (lab) => [
        '-i',
        lab.client.inventory,
        '--identity',
        lab.client.key,
        '--known-hosts',
        lab.client.knownHosts,
      ],
      exec: inHub,
    }),
  );
}
if (values.only !== 'field-log') {
  // The Vagrant host has no /etc/vbox/networks.conf (VirtualBox's default 192.168.56.0/21 applies);
  // k8sdiag sees that through an overlay in a private mount namespace, the host's /etc is untouched.
  codes.push(
    await part({
      spec: nextFailures(labId('demo-next')),
      title: 'next-failures',
      dir: resolve(out, 'next-failures'),
      targets: (lab) => [
        '--vagrant',
        vagrantProject(lab).sshConfig,
        '--known-hosts',
        lab.client.knownHosts,
        '--host-key-policy',
        'strict',
      ],
      exec: (lab, args) => k8sdiagWithVboxNetworks(lab, undefined, args, DEADLINE_MS),
    }),
  );
}
// 1 (findings) is what both labs must give; anything else is the demo's failure.
process.exitCode = codes.every((code) => code === 1) ? 0 : codes.find((code) => code !== 1);
