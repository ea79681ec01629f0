/**
 * bin/k8sdiag.mjs, the npm bin: turns on Node's compile cache in a per-user directory, then runs the
 * one-file bundle. Same output and exit codes as the bundle alone; an unusable cache dir changes
 * nothing. (No timing here: scripts/bench-explain.mjs measures it.)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'k8sdiag-launcher-'));
// A package layout of its own: <pkg>/bin/k8sdiag.mjs (the real launcher) and <pkg>/build/cli/k8sdiag.mjs.
const pkg = join(work, 'pkg');
const launcher = join(pkg, 'bin/k8sdiag.mjs');
const bundle = join(pkg, 'build/cli/k8sdiag.mjs');
const ERROR = 'bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error';

beforeAll(() => {
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin/k8sdiag.mjs'), launcher);
  spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, K8SDIAG_CLI_OUT: bundle },
  });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(file: string, args: string[], extraEnv: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [file, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', HOME: join(work, 'home'), ...extraEnv },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under dir, relative paths. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

const CASES: [string, string[], string?][] = [
  ['explain', ['explain', ERROR]],
  ['explain json', ['explain', '--format', 'json', ERROR]],
  ['explain from stdin', ['explain', '-'], `noise\n${ERROR}\nmore noise\n`],
  ['no match (exit 1)', ['explain', 'a sentence about nothing in particular']],
  ['unknown command (exit 2)', ['no-such-command']],
  ['usage (exit 2)', []],
  ['version', ['--version']],
];

describe('bin/k8sdiag.mjs (launcher with compile cache)', () => {
  it('fills a cache in $XDG_CACHE_HOME/k8sdiag and uses it on the next call, output identical to the bundle', () => {
    const cache = mkdtempSync(join(work, 'xdg-'));
    const first = run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: cache });
    const alone = run(bundle, ['explain', ERROR]);
    expect(first).toEqual(alone);
    expect(first.stdout).toContain('exec-format-error');
    const filled = files(join(cache, 'k8sdiag'));
    expect(filled.length).toBeGreaterThan(0);
    const second = run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: cache });
    expect(second).toEqual(alone);
    // the second call read the same cache entries rather than making others
    expect(files(join(cache, 'k8sdiag'))).toEqual(filled);
  });

  it('falls back to ~/.cache/k8sdiag without XDG_CACHE_HOME', () => {
    const home = mkdtempSync(join(work, 'home-'));
    const result = run(launcher, ['explain', ERROR], { HOME: home });
    expect(result.code).toBe(0);
    expect(files(join(home, '.cache/k8sdiag')).length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s: same stdout, stderr and exit code as the bundle alone', (_name, args, input) => {
    const cache = mkdtempSync(join(work, 'xdg-'));
    const alone = run(bundle, args, {}, input);
    for (let i = 0; i < 2; i += 1) expect(run(launcher, args, { XDG_CACHE_HOME: cache }, input)).toEqual(alone);
  });

  it('a damaged cache file is rejected by Node and the output stays the same', () => {
    const cache = mkdtempSync(join(work, 'xdg-'));
    const alone = run(bundle, ['explain', ERROR]);
    expect(run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: cache })).toEqual(alone);
    const entries = files(join(cache, 'k8sdiag'));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) writeFileSync(join(cache, 'k8sdiag', entry), 'not a code cache');
    expect(run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: cache })).toEqual(alone);
  });

  it('an unusable cache dir is silent and changes nothing', () => {
    // A regular file where the cache's parent directory should be: no one, root included, can create it.
    const blocker = join(work, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const alone = run(bundle, ['explain', ERROR]);
    expect(run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: blocker })).toEqual(alone);
    expect(run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: join(blocker, 'sub') })).toEqual(alone);
  });

  it('K8SDIAG_NO_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE leave the cache dir untouched', () => {
    for (const name of ['K8SDIAG_NO_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE']) {
      const cache = mkdtempSync(join(work, 'xdg-'));
      expect(run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: cache, [name]: '1' })).toEqual(
        run(bundle, ['explain', ERROR]),
      );
      expect(readdirSync(cache)).toEqual([]);
    }
  });

  it('never puts the cache inside its own package', () => {
    const result = run(launcher, ['explain', ERROR], { XDG_CACHE_HOME: join(pkg, 'cache') });
    expect(result).toEqual(run(bundle, ['explain', ERROR]));
    expect(readdirSync(pkg).sort()).toEqual(['bin', 'build']);
  });

  it('says which file is missing when the bundle was not built', () => {
    const bare = join(work, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(launcher, join(bare, 'bin/k8sdiag.mjs'));
    const result = run(join(bare, 'bin/k8sdiag.mjs'), ['--version'], { K8SDIAG_NO_COMPILE_CACHE: '1' });
    expect(result.code).toBe(70);
    expect(result.stderr).toBe(
      `k8sdiag: ${join(bare, 'build/cli/k8sdiag.mjs')} is missing; run "npm run build:cli" first\n`,
    );
  });
});
