/**
 * The bundled CLI (build/cli/k8sdiag.mjs, made by `npm run build:cli`; `npm test` builds it first)
 * as a user runs it: a long log on stdin, exit codes, and no stack traces on bad input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../../build/cli/k8sdiag.mjs');

function k8sdiag(args: string[], input?: string) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build:cli" (npm test does)`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bundled k8sdiag explain / runbook / checks', () => {
  it('reads a long log from stdin with "-" and finds the error near its end', () => {
    const noise = Array.from(
      { length: 20_000 },
      (_v, i) =>
        `Nov 27 04:${String(i % 60).padStart(2, '0')}:00 k8s-worker1 kubelet[812]: I1127 04:00:00.000000     812 reconciler.go:${i}] "operationExecutor.VerifyControllerAttachedVolume started"`,
    );
    const log = [
      ...noise,
      'Nov 27 04:59:59 k8s-worker1 systemd[1]: kubelet.service: Failed to execute /usr/local/bin/kubelet: Exec format error',
      'Nov 27 04:59:59 k8s-worker1 systemd[1]: kubelet.service: Main process exited, code=exited, status=203/EXEC',
    ].join('\n');
    const run = k8sdiag(['explain', '-', '--format', 'json'], log);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { matches: { id: string }[] };
    expect(parsed.matches[0]?.id).toBe('exec-format-error');
  });

  it('exits 1 with a clear answer when nothing matches, 2 on empty stdin, without a stack trace', () => {
    const none = k8sdiag(['explain', 'fatal: not a git repository (or any of the parent directories): .git']);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('No runbook matches this text.');
    const empty = k8sdiag(['explain', '-'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('k8sdiag: nothing to explain: pass the error text, or "-" to read it from stdin\n');
    const badLang = k8sdiag(['runbook', 'exec-format-error', '--lang', 'de']);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints a Korean runbook as text and lists checks', () => {
    const runbook = k8sdiag(['runbook', 'kubectl-localhost-8080', '--lang', 'ko']);
    expect(runbook.code).toBe(0);
    expect(runbook.stdout).toContain('/ko/runbooks/kubectl-localhost-8080/');
    expect(runbook.stdout).not.toMatch(/^import /m);
    const checks = k8sdiag(['checks']);
    expect(checks.code).toBe(0);
    expect(checks.stdout).toContain('node-binary-arch');
  });
});
