/**
 * The probe script's own cost, counted without a lab (issue 16): PATH shims log every external
 * program the script starts, then exec the real one. With mawk (the cheap path) one probe is one
 * `timeout` and the `sh` it starts for each group of probes with one deadline, one awk caps every section, no `head`, `tr` or `cat` runs, and
 * all root probes share one `sudo`. A count, never a time.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProbeOutput } from '../../../src/diagnostics/probe/parse';
import { buildProbeScript } from '../../../src/diagnostics/probe/script';
import type { PlannedProbe, ProbePlan } from '../../../src/diagnostics/probe/types';
import { runScript } from '../helpers/shells';

const NONCE = '0123456789abcdef0123456789abcdef';
const REAL: Record<string, string> = { sh: '/bin/dash', mawk: '/usr/bin/mawk', sudo: '/usr/bin/sudo' };

const probe = (index: number, command: string, needsRoot = false): PlannedProbe => ({
  index,
  keys: [`p${index}`],
  command,
  needsRoot,
  timeoutSeconds: 5,
});

/** Runs the script with only the shimmed programs on PATH; returns how often each one started. */
async function programsStarted(plan: ProbePlan): Promise<{ counts: Map<string, number>; stdout: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-cost-'));
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const tools = ['sh', 'timeout', 'sudo', 'head', 'id', 'tr', 'sed', 'date', 'true', 'cat', 'uname', 'mawk'];
  for (const tool of tools) {
    const shim = join(dir, tool);
    writeFileSync(
      shim,
      `#!/bin/dash\nprintf '%s\\n' "${tool}" >>"${log}"\nexec ${REAL[tool] ?? `/usr/bin/${tool}`} "$@"\n`,
    );
    chmodSync(shim, 0o755);
  }
  const script = buildProbeScript(plan, { nonce: NONCE }).replace(
    'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
    `PATH="${dir}"`,
  );
  const run = await runScript({ name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: dir } }, script);
  const counts = new Map<string, number>();
  for (const tool of readFileSync(log, 'utf8').split('\n').filter(Boolean))
    counts.set(tool, (counts.get(tool) ?? 0) + 1);
  rmSync(dir, { recursive: true, force: true });
  return { counts, stdout: run.stdout };
}

describe.skipIf(process.getuid?.() !== 0)('probe script cost with mawk (programs started, counted)', () => {
  it('starts one timeout and one sh per group of probes, one awk, and nothing else of its own', async () => {
    const plan: ProbePlan = {
      capBytes: 1000,
      probes: [probe(0, 'uname -m'), probe(1, 'echo a; echo b >&2'), probe(2, 'cat /proc/loadavg', true)],
    };
    const { counts, stdout } = await programsStarted(plan);
    const parsed = parseProbeOutput(stdout, plan, NONCE);
    expect(parsed.complete).toBe(true);
    expect(parsed.sections['p1']).toMatchObject({ stdout: 'a\n', stderr: 'b\n', exitCode: 0 });
    expect(parsed.sections['p2']?.stdout).toMatch(/^\d/);
    // uid 0: root probes run in the main shell, no sudo at all.
    expect(counts.get('sudo') ?? 0).toBe(0);
    // One `timeout` and one `sh` per group of probes with one deadline (issue 16: here the user group and
    // the root group), plus the `timeout --version` that tells GNU timeout apart.
    expect(counts.get('timeout')).toBe(2 + 1);
    expect(counts.get('sh')).toBe(2);
    expect(counts.get('mawk')).toBe(1);
    // The uid comes from /proc/self/status, read by the shell: no `id`.
    expect(counts.get('id') ?? 0).toBe(0);
    for (const tool of ['head', 'tr', 'sed', 'date', 'true']) expect(counts.get(tool) ?? 0, tool).toBe(0);
  });

  it('the cost does not grow with output: 1 MiB from one probe still starts one awk and no head', async () => {
    const plan: ProbePlan = { capBytes: 262144, probes: [probe(0, 'head -c 1048576 /dev/zero')] };
    const { counts, stdout } = await programsStarted(plan);
    const parsed = parseProbeOutput(stdout, plan, NONCE);
    expect(parsed.sections['p0']).toMatchObject({ truncated: true });
    expect(parsed.sections['p0']?.stdout).toBe('\0'.repeat(262144));
    // The probe's own `head` is the only one.
    expect(counts.get('head')).toBe(1);
    expect(counts.get('mawk')).toBe(1);
  });
});
