/**
 * `k8sdiag lint` end to end: the real CLI entry (src/diagnostics/cli.ts) bundled with esbuild,
 * run as a child process: exit codes, stderr lines, output formats, config, and worker threads
 * giving the same report as one thread.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(repo, 'test/fixtures/lint');
const work = mkdtempSync(join(tmpdir(), 'k8sdiag-lint-cli-'));
const cli = join(work, 'k8sdiag.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(repo, 'src/diagnostics/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: cli,
    external: ['cpu-features', '*.node'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // As scripts/build-cli.mjs: the version is frozen in (the bundle runs from a directory without package.json).
    define: {
      __K8SDIAG_VERSION__: JSON.stringify(
        (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version,
      ),
    },
    // Only lint is exercised here; the other subcommands are lazy imports that may be unfinished.
    plugins: [
      {
        name: 'other-commands',
        setup(b) {
          b.onResolve({ filter: /^\.\/[a-z-]+$/ }, (a) =>
            /commands[\\/]index\.ts$/.test(a.importer) && a.path !== './lint'
              ? { path: a.path, external: true }
              : undefined,
          );
        },
      },
    ],
    logLevel: 'error',
  });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function k8sdiag(
  args: string[],
  cwd = fixtures,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', K8SDIAG_DEBUG: '0', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('exit codes', () => {
  it('1 when there are error findings', () => {
    const r = k8sdiag(['--host-arch', 'arm64', 'field-log-project']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('field-log-project/Vagrantfile:12:20  error    vagrant-box-arch');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('9 errors, 6 warnings, 0 info in 14 files');
  });

  it('0 on the clean project', () => {
    const r = k8sdiag(['--host-arch', 'arm64', 'clean-project']);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'no problems found in 14 files\n', '']);
  });

  describe('warnings', () => {
    const dir = join(work, 'warn-only');
    beforeAll(() => {
      mkdirSync(join(dir, 'roles/worker/tasks'), { recursive: true });
      writeFileSync(
        join(dir, 'roles/worker/tasks/main.yml'),
        '- name: Join\n  command: kubeadm join 192.168.56.10:6443 --token abc\n',
      );
    });

    it('pass without --strict (0)', () => {
      const r = k8sdiag(['.'], dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('warning  join-without-timeout');
    });

    it('fail with --strict (1)', () => {
      expect(k8sdiag(['--strict', '.'], dir).status).toBe(1);
    });

    it('a config file can raise a rule to error, or switch it off', () => {
      writeFileSync(join(dir, '.k8sdiag-lint.yaml'), 'rules:\n  join-without-timeout: error\n');
      expect(k8sdiag(['.'], dir).status).toBe(1);
      writeFileSync(join(dir, '.k8sdiag-lint.yaml'), 'ignore: [join-without-timeout]\n');
      expect(k8sdiag(['.'], dir).stdout).toBe('no problems found in 1 file\n');
      expect(k8sdiag(['--no-config-lookup', '.'], dir).stdout).toContain('join-without-timeout');
      rmSync(join(dir, '.k8sdiag-lint.yaml'));
    });
  });

  it('2 with one file:line line for an invalid config', () => {
    const dir = join(work, 'bad-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.k8sdiag-lint.yaml'), 'ignore:\n  - not-a-rule\n');
    const r = k8sdiag(['.'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`k8sdiag: ${join(dir, '.k8sdiag-lint.yaml')}:2: ignore.0: unknown rule id "not-a-rule"\n`);
  });

  it('2 for a file that is not valid YAML, after reporting the rest', () => {
    const dir = join(work, 'bad-yaml');
    mkdirSync(join(dir, 'group_vars'), { recursive: true });
    writeFileSync(join(dir, 'group_vars/all.yml'), 'k8s_version: 1.30\n');
    writeFileSync(join(dir, 'site.yml'), '- hosts: all\n  tasks:\n    - name: x\n      debug: {msg: [unclosed\n');
    const r = k8sdiag(['.'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('group_vars/all.yml:1:14  error    yaml-version-float');
    expect(r.stderr).toMatch(/^k8sdiag: site\.yml:\d+: YAML syntax: .+\n$/);
  });

  it('2 for usage errors', () => {
    expect(k8sdiag(['--ignore', 'nope', '.'])).toMatchObject({
      status: 2,
      stderr: 'k8sdiag: --ignore: unknown rule id "nope" (see k8sdiag lint --list-rules)\n',
    });
    expect(k8sdiag(['--host-arch', 'sparc', '.']).status).toBe(2);
    expect(k8sdiag(['no/such/dir']).stderr).toBe('k8sdiag: no such file or directory: no/such/dir\n');
  });

  it('--help documents the exit codes and the config file', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1  error findings, or warnings with --strict');
    expect(r.stdout).toContain('.k8sdiag-lint.yaml');
  });
});

describe('formats', () => {
  it('sarif to a file', () => {
    const out = join(work, 'report.sarif');
    const r = k8sdiag(['--host-arch', 'arm64', '--format', 'sarif', '--output', out, 'field-log-project']);
    expect([r.status, r.stdout]).toEqual([1, '']);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toHaveLength(15);
  });

  it('json with --docs-url and Korean runbook links', () => {
    const r = k8sdiag([
      '--format',
      'json',
      '--docs-url',
      'https://docs.example/',
      '--lang',
      'ko',
      'clean-project/Vagrantfile',
      'field-log-project/Vagrantfile',
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.summary.files).toBe(2);
    expect(report.rules[0].url).toBe('https://docs.example/ko/runbooks/apt-stale-cache/');
  });
});

describe('worker threads', () => {
  it('give the same report as one thread on a 490-file tree', () => {
    const tree = join(work, 'many');
    for (let i = 0; i < 35; i++)
      cpSync(join(fixtures, 'field-log-project'), join(tree, `p${String(i).padStart(2, '0')}`), { recursive: true });
    const one = k8sdiag(['--format', 'json', '--host-arch', 'arm64', '--jobs', '1', '.'], tree);
    const two = k8sdiag(['--format', 'json', '--host-arch', 'arm64', '--jobs', '2', '.'], tree, { K8SDIAG_DEBUG: '1' });
    expect(one.status).toBe(1);
    expect(two.stderr).toMatch(/^k8sdiag lint: 490 files, 2 thread\(s\), \d+ ms\n$/);
    expect(two.status).toBe(1);
    const a = JSON.parse(one.stdout);
    expect(a.summary.files).toBe(490);
    expect(a.findings).toHaveLength(35 * 15);
    expect(two.stdout).toBe(one.stdout);
  }, 300_000);
});
