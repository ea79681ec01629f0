/**
 * `k8sdiag explain` start-up (issue 11 target: a CLI call under 250 ms, Node start included):
 * scripts/build-cli.mjs keeps what explain does not use out of its path. The built-ins of ssh,
 * spawning and hashing load when a command first uses them, not on every call; the commands that
 * use them still get them. The runbook bodies, which only `k8sdiag runbook` prints, travel
 * compressed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-cli-startup-'));
const cli = join(dir, 'k8sdiag.mjs');
// Preloaded before the bundle: writes the built-in modules the process loaded to a file at exit.
const preload = join(dir, 'loaded.cjs');
const loadedFile = join(dir, 'loaded.json');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, K8SDIAG_CLI_OUT: cli },
  });
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loadedFile)}, JSON.stringify(process.moduleLoadList)));`,
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadedBuiltins(args: string[]): { stdout: string; builtins: string[] } {
  const stdout = execFileSync(process.execPath, ['--require', preload, cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1' },
  });
  const list = JSON.parse(readFileSync(loadedFile, 'utf8')) as string[];
  return { stdout, builtins: list.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice(13)) };
}

describe('bundled CLI start-up', () => {
  it('explain answers without loading the spawn, DNS, os or crypto built-ins', () => {
    const { stdout, builtins } = loadedBuiltins([
      'explain',
      'bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error',
    ]);
    expect(stdout).toContain('exec-format-error');
    // (net is not among them: a piped stdout is a net.Socket)
    for (const name of ['child_process', 'crypto', 'dns/promises', 'os']) expect(builtins).not.toContain(name);
  });

  it('a command that uses them still loads them (probe-script hashes its nonce)', () => {
    const { stdout, builtins } = loadedBuiltins(['probe-script']);
    expect(stdout).toMatch(/^#!\/bin\/sh/);
    expect(builtins).toContain('crypto');
  });

  it('carries the runbook bodies compressed and still prints them (k8sdiag runbook)', () => {
    const bundle = readFileSync(cli, 'utf8');
    const sentence = 'After the switch from packages to downloaded binaries';
    const source = readFileSync(join(ROOT, 'src/content/docs/runbooks/exec-format-error.mdx'), 'utf8');
    expect(source).toContain(sentence);
    expect(bundle).not.toContain(sentence);
    const { stdout } = loadedBuiltins(['runbook', 'exec-format-error']);
    expect(stdout).toContain(sentence);
    expect(stdout).toContain('Exec format error: a binary built for another CPU');
  });
});
