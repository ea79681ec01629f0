/**
 * The lab from a deep checkout (issue 15 first contact): gpg-agent's socket lived under
 * node_modules/.cache/ of the checkout, and from a path like /tmp/<40 characters>/... it passed the
 * 108-byte Unix socket limit ("gpg: can't connect to the agent"), so `npm run demo` failed.
 * Cheap: in a private mount namespace the checkout is bind-mounted at a 150+ character path and the
 * lab's keyring step (the one that starts gpg-agent) runs from there, into a fresh cache directory.
 * A second test brings a one-node lab up from that path with an empty cache (tmpfs over
 * node_modules/.cache: every artefact the lab caches is made anew under the long path) and runs the
 * bundled CLI of the long path against it, as `npm run demo` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './assets.ts';
import { CLI, labUnavailable } from './guard.ts';

const root = process.getuid?.() === 0;
const lab = labUnavailable({ needCli: true }) === undefined;
const gpg = spawnSync('gpg', ['--version']).status === 0;

describe.skipIf(!root || !gpg)('the lab from a checkout path of 150+ characters', () => {
  const base = mkdtempSync('/tmp/k8sdiag-deep-');
  const long = join(base, 'a-very-long-directory-name-for-a-ci-workspace-'.repeat(3), 'checkout');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('makes the apt keyring (gpg-agent and its socket) from there', () => {
    expect(long.length).toBeGreaterThanOrEqual(150);
    const cache = join(long, 'node_modules/.cache', `k8sdiag-lab-deep-${process.pid}`);
    const script = [
      'set -e',
      `mkdir -p '${long}'`,
      `mount --bind '${REPO_ROOT}' '${long}'`,
      `cd '${long}'`,
      `'${process.execPath}' --disable-warning=ExperimentalWarning --input-type=module -e "const m = await import('${long}/test/lab/assets.ts'); console.log(m.REPO_ROOT); console.log(m.aptKeyring('${cache}'));"`,
    ].join('\n');
    const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    try {
      expect(run.status, run.stderr).toBe(0);
      const [repoRoot, keyring] = run.stdout.trim().split('\n');
      expect(repoRoot).toBe(long); // really ran from the long path
      expect(keyring).toBe(join(cache, 'kubernetes-apt-keyring.gpg'));
      // The bind mount is gone with the namespace; the file is in the real checkout's cache.
      const real = join(
        REPO_ROOT,
        'node_modules/.cache',
        `k8sdiag-lab-deep-${process.pid}`,
        'kubernetes-apt-keyring.gpg',
      );
      expect(existsSync(real)).toBe(true);
      expect(readFileSync(real)[0]).toBe(0x98); // an OpenPGP public-key packet, dearmored
    } finally {
      rmSync(join(REPO_ROOT, 'node_modules/.cache', `k8sdiag-lab-deep-${process.pid}`), {
        recursive: true,
        force: true,
      });
    }
  });
  it.skipIf(!lab)(
    'brings a lab up from there with an empty cache and runs the CLI against it',
    () => {
      const id = 'long-path';
      const cli = join(long, CLI.slice(REPO_ROOT.length));
      const program = [
        `const { up, down } = await import('${long}/test/lab/lab.ts');`,
        `const { healthy } = await import('${long}/test/lab/scenarios/index.ts');`,
        `const { runAsync } = await import('${long}/test/lab/sh.ts');`,
        `const lab = await up(healthy('${id}', 1));`,
        'try {',
        `  const r = await runAsync('ip', ['netns', 'exec', lab.hub, process.execPath, '${cli}', 'run', '-i', lab.client.inventory,`,
        `    '--identity', lab.client.key, '--known-hosts', lab.client.knownHosts, '--k8s-version', lab.spec.k8sVersion, '--format', 'json'],`,
        "    { deadlineMs: 120000, env: { PATH: process.env.PATH, HOME: '/root', NO_COLOR: '1' } });",
        '  const report = JSON.parse(r.stdout);',
        '  console.log(JSON.stringify({ code: r.code, repoRoot: (await import(`' +
          long +
          '/test/lab/assets.ts`)).REPO_ROOT, nodes: report.nodes.map((n) => [n.name, n.status]) }));',
        `} finally { down('${id}'); }`,
      ].join('\n');
      const script = [
        'set -e',
        `mkdir -p '${long}'`,
        `mount --bind '${REPO_ROOT}' '${long}'`,
        `mount -t tmpfs -o mode=0755 k8sdiag-long-path-cache '${long}/node_modules/.cache'`,
        `cd '${long}'`,
        `exec '${process.execPath}' --disable-warning=ExperimentalWarning --input-type=module -e "$1"`,
      ].join('\n');
      const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', program], {
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
        code: number;
        repoRoot: string;
        nodes: Array<[string, string]>;
      };
      expect(result.repoRoot).toBe(long);
      expect(result.repoRoot.length).toBeGreaterThanOrEqual(150);
      // The healthy node is reached and judged: exit 0 (a skip for a lab limit is not a finding).
      expect(result.nodes).toEqual([['k8s-master', 'ok']]);
      expect(result.code, run.stderr).toBe(0);
    },
    240_000,
  );
});
