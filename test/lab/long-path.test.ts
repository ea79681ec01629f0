/**
 * The lab from a deep checkout (issue 15 first contact): gpg-agent's socket lived under
 * node_modules/.cache/ of the checkout, and from a path like /tmp/<40 characters>/... it passed the
 * 108-byte Unix socket limit ("gpg: can't connect to the agent"), so `npm run demo` failed.
 * Cheap: in a private mount namespace the checkout is bind-mounted at a 150+ character path and the
 * lab's keyring step (the one that starts gpg-agent) runs from there, into a fresh cache directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './assets.ts';

const root = process.getuid?.() === 0;
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
      timeout: 120_000,
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
});
