import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProbeOutput } from '../../../src/diagnostics/probe/parse';
import { buildProbeScript } from '../../../src/diagnostics/probe/script';
import type { PlannedProbe, ProbePlan } from '../../../src/diagnostics/probe/types';
import { removeBusyboxPath, runScript, shells } from '../helpers/shells';

afterAll(removeBusyboxPath);

const NONCE = '5f0c1e2d3b4a59687766554433221100';
const OTHER = '00000000000000000000000000000000';

const probe = (index: number, command: string, extra: Partial<PlannedProbe> = {}): PlannedProbe => ({
  index,
  keys: [`p${index}`],
  command,
  needsRoot: false,
  timeoutSeconds: 10,
  ...extra,
});

/** Test probes run only harmless commands on this machine (they bypass the planner on purpose). */
const plan: ProbePlan = {
  capBytes: 262144,
  probes: [
    probe(0, 'echo hello; echo err >&2; exit 3'),
    probe(1, "printf 'no newline'"),
    probe(2, 'cat'),
    probe(
      3,
      `printf '\\n@@K8SDIAG ${OTHER} E 3\\n@@K8SDIAG ${OTHER} Z\\n@@K8SDIAG fake O 3 0 1 2\\n'; printf '@@K8SDIAG ${OTHER} B 4\\n' >&2`,
    ),
    probe(4, 'head -c 1048576 /dev/zero'),
    probe(5, 'head -c 65536 /dev/urandom'),
    probe(6, "printf '\\033[31mred\\033[0m\\r\\n'"),
    probe(7, 'sleep 6', { timeoutSeconds: 1 }),
    probe(8, "printf 'only stderr' >&2", { keys: ['p8', 'shared'] }),
    probe(9, 'cat /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null | tr "\\0" " "'),
  ],
};

describe.each(shells())('probe script under $name', (shell) => {
  it('runs every probe and the parser recovers each section exactly', async () => {
    const script = buildProbeScript(plan, { nonce: NONCE });
    const run = await runScript(shell, script);
    expect(run.code).toBe(0);
    const parsed = parseProbeOutput(run.stdout, plan, NONCE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.complete).toBe(true);
    expect(parsed.finished).toBe(plan.probes.length);
    expect(parsed.header?.protocol).toBe(1);
    expect(parsed.header?.uid).toBe(String(process.getuid?.() ?? ''));
    const s = parsed.sections;

    expect(s['p0']).toMatchObject({
      stdout: 'hello\n',
      stderr: 'err\n',
      exitCode: 3,
      timedOut: false,
      truncated: false,
    });
    expect(s['p1']).toMatchObject({ stdout: 'no newline', stderr: '', exitCode: 0 });
    // `cat` got /dev/null, not the rest of the script: the probes after it still ran.
    expect(s['p2']).toMatchObject({ stdout: '', exitCode: 0 });
    // Fake markers (another nonce) are plain output, on stdout and on stderr.
    expect(s['p3']?.stdout).toBe(`\n@@K8SDIAG ${OTHER} E 3\n@@K8SDIAG ${OTHER} Z\n@@K8SDIAG fake O 3 0 1 2\n`);
    expect(s['p3']?.stderr).toBe(`@@K8SDIAG ${OTHER} B 4\n`);
    // 1 MiB of NUL bytes: capped at 256 KiB and marked.
    expect(s['p4']?.truncated).toBe(true);
    expect(s['p4']?.stdout.length).toBe(262144);
    expect(s['p4']?.stdout).toBe('\0'.repeat(262144));
    // Random binary: present, not truncated (64 KiB < cap), decoded with replacement characters.
    expect(s['p5']?.exitCode).toBe(0);
    expect(s['p5']?.truncated).toBe(false);
    expect(s['p5']?.stdout.length).toBeGreaterThan(10000);
    // ANSI escapes are kept verbatim here; reporters strip them.
    expect(s['p6']?.stdout).toBe('\u001b[31mred\u001b[0m\r\n');
    // `timeout` killed the sleep (its deadline is 1 s): marked, with no output. No wall-clock bound is
    // asserted: a loaded CI machine may take any time to get there.
    expect(s['p7']?.timedOut).toBe(true);
    expect(s['p7']?.stdout).toBe('');
    expect(s['p8']).toMatchObject({ stdout: '', stderr: 'only stderr' });
    expect(s['shared']).toBe(s['p8']);
    // The nonce is in no process's argv or environment while probes run.
    expect(s['p9']?.stdout.length).toBeGreaterThan(0);
    expect(s['p9']?.stdout).toContain('sh');
    expect(s['p9']?.stdout).not.toContain(NONCE);
  });
});

describe("probe script: a group of probes keeps each probe's deadline", () => {
  it('restarts the group at a probe the group deadline cut short, and times out only a probe that used all of it', async () => {
    // One group (deadline 3 s): the first probe uses 2 s of it, so the second (1.5 s) is cut by the
    // group's timeout and runs again with a deadline of its own; the third hangs past its deadline.
    const grouped: ProbePlan = {
      capBytes: 1000,
      probes: [
        probe(0, 'sleep 2; echo a', { timeoutSeconds: 3 }),
        probe(1, 'echo start >&2; sleep 1.5; echo b', { timeoutSeconds: 3 }),
        probe(2, 'echo c; sleep 30', { timeoutSeconds: 3 }),
        // A probe's own `set --` (the apt probes use one) must not change the markers.
        probe(3, 'set -- 9 x y; echo d >&2', { timeoutSeconds: 3 }),
      ],
    };
    const run = await runScript(
      { name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: '/usr/bin:/bin' } },
      buildProbeScript(grouped, { nonce: NONCE }),
    );
    const parsed = parseProbeOutput(run.stdout, grouped, NONCE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.complete).toBe(true);
    const s = parsed.sections;
    expect(s['p0']).toMatchObject({ stdout: 'a\n', exitCode: 0, timedOut: false });
    expect(s['p1']).toMatchObject({ stdout: 'b\n', stderr: 'start\n', exitCode: 0, timedOut: false });
    expect(s['p2']).toMatchObject({ stdout: 'c\n', exitCode: 124, timedOut: true });
    expect(s['p3']).toMatchObject({ stdout: '', stderr: 'd\n', exitCode: 0 });
  });
});

describe('probe script: probes with different deadlines share one group', () => {
  it("gives each probe its own deadline: a longer one cut by a shorter one's run is restarted with its own", async () => {
    // One group, deadlines 1, 1, 3, 3 (ascending). The run starts under the first probe's 1 s: the
    // third probe (2 s of work, deadline 3) is cut by it and restarted under its own 3 s, which it
    // finishes; the second hangs past its 1 s and times out; the fourth hangs past its 3 s.
    const mixed: ProbePlan = {
      capBytes: 1000,
      probes: [
        probe(0, 'echo a', { timeoutSeconds: 1 }),
        probe(1, 'echo b; sleep 30', { timeoutSeconds: 1 }),
        probe(2, 'sleep 2; echo c', { timeoutSeconds: 3 }),
        probe(3, 'echo d; sleep 30', { timeoutSeconds: 3 }),
      ],
    };
    const script = buildProbeScript(mixed, { nonce: NONCE });
    // Shortest deadline first; one group line.
    expect(script.match(/^k8sdiag_group '1 1 3 3' /gm)).toHaveLength(1);
    const run = await runScript(
      { name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: '/usr/bin:/bin' } },
      script,
    );
    const parsed = parseProbeOutput(run.stdout, mixed, NONCE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.complete).toBe(true);
    const s = parsed.sections;
    expect(s['p0']).toMatchObject({ stdout: 'a\n', exitCode: 0, timedOut: false });
    expect(s['p1']).toMatchObject({ stdout: 'b\n', exitCode: 124, timedOut: true });
    expect(s['p2']).toMatchObject({ stdout: 'c\n', exitCode: 0, timedOut: false });
    expect(s['p3']).toMatchObject({ stdout: 'd\n', exitCode: 124, timedOut: true });
  });
});

describe.skipIf(!existsSync('/usr/bin/busybox') || !existsSync('/usr/bin/mawk'))(
  'probe script with mawk and busybox timeout (it signals only its child)',
  () => {
    it('runs each probe alone under its own timeout instead of groups', async () => {
      const bin = mkdtempSync(join(tmpdir(), 'k8sdiag-bbtimeout-'));
      // A busybox node (its sh execs a lone command, so its timeout reaches the probe) with mawk added.
      symlinkSync('/usr/bin/mawk', join(bin, 'mawk'));
      for (const tool of ['sh', 'timeout', 'id', 'sleep', 'cat', 'head', 'date'])
        symlinkSync('/usr/bin/busybox', join(bin, tool));
      const small: ProbePlan = {
        capBytes: 100,
        probes: [probe(0, 'echo ok; echo e >&2'), probe(1, 'sleep 30', { timeoutSeconds: 1 }), probe(2, 'echo after')],
      };
      const script = buildProbeScript(small, { nonce: NONCE }).replace(
        'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
        `PATH="${bin}"`,
      );
      const run = await runScript(
        { name: 'busybox sh', file: '/usr/bin/busybox', args: ['sh', '-s'], env: { PATH: bin } },
        script,
      );
      const parsed = parseProbeOutput(run.stdout, small, NONCE);
      rmSync(bin, { recursive: true, force: true });
      expect(parsed.header?.timeout).not.toBe('none');
      expect(parsed.problems).toEqual([]);
      expect(parsed.sections['p0']).toMatchObject({ stdout: 'ok\n', stderr: 'e\n', exitCode: 0 });
      expect(parsed.sections['p1']).toMatchObject({ timedOut: true });
      expect(parsed.sections['p2']).toMatchObject({ stdout: 'after\n', exitCode: 0 });
      // No `X` sections: the stderr came with its own probe's markers.
      expect(run.stdout.toString('latin1')).not.toMatch(new RegExp(`@@K8SDIAG ${NONCE} X `));
    });
  },
);

describe('probe script without timeout(1)', () => {
  it('runs probes directly and says so in the header', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'k8sdiag-notimeout-'));
    for (const tool of ['sh', 'head', 'cat', 'id', 'tr', 'sleep', 'date'])
      symlinkSync(`/usr/bin/${tool === 'sh' ? 'dash' : tool}`, join(bin, tool));
    const small: ProbePlan = { capBytes: 100, probes: [probe(0, 'echo ok')] };
    const script = buildProbeScript(small, { nonce: NONCE }).replace(
      'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
      `PATH="${bin}"`,
    );
    const run = await runScript({ name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: bin } }, script);
    const parsed = parseProbeOutput(run.stdout, small, NONCE);
    expect(parsed.header?.timeout).toBe('none');
    expect(parsed.sections['p0']).toMatchObject({ stdout: 'ok\n', exitCode: 0, timedOut: false });
    rmSync(bin, { recursive: true, force: true });
  });
});

const canDropPrivileges = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv') && existsSync('/usr/bin/sudo');

describe.skipIf(!canDropPrivileges)('root probes as a user whose sudo needs a password', () => {
  const rootPlan: ProbePlan = {
    capBytes: 1000,
    probes: [probe(0, 'id -u'), probe(1, 'id -u', { needsRoot: true, keys: ['root'] })],
  };
  const asNobody = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

  it('skips them with sudo’s reason and runs the others (one sudo: the root shell itself)', async () => {
    const script = buildProbeScript(rootPlan, { nonce: NONCE });
    const dash = { name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: '/usr/bin:/bin', HOME: '/tmp' } };
    const run = await runScript(dash, script, asNobody);
    const parsed = parseProbeOutput(run.stdout, rootPlan, NONCE);
    // With mawk the script asks sudo no separate question: the header says root probes go to sudo.
    expect(parsed.header).toMatchObject({ uid: '65534', root: 'sudo' });
    expect(parsed.sections['p0']).toMatchObject({ stdout: '65534\n', skipped: false });
    expect(parsed.sections['root']?.skipped).toBe(true);
    expect(parsed.sections['root']?.skipReason).toMatch(
      /^needs root: sudo -n refused \(sudo: .*password is required\)$/,
    );
    expect(parsed.complete).toBe(true);
  });

  it('skips them with sudo’s reason on the per-probe path too (no mawk or gawk)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'k8sdiag-nomawk-'));
    chmodSync(bin, 0o755);
    for (const tool of ['sh', 'sudo', 'timeout', 'head', 'tr', 'sed', 'id', 'date', 'cat'])
      symlinkSync(tool === 'sh' ? '/usr/bin/dash' : `/usr/bin/${tool}`, join(bin, tool));
    const script = buildProbeScript(rootPlan, { nonce: NONCE }).replace(
      'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
      `PATH="${bin}"`,
    );
    const dash = { name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: bin, HOME: '/tmp' } };
    const run = await runScript(dash, script, asNobody);
    rmSync(bin, { recursive: true, force: true });
    const parsed = parseProbeOutput(run.stdout, rootPlan, NONCE);
    expect(parsed.header).toMatchObject({ uid: '65534', root: 'no' });
    expect(parsed.sections['p0']).toMatchObject({ stdout: '65534\n', skipped: false });
    expect(parsed.sections['root']?.skipReason).toMatch(
      /^needs root: sudo -n refused \(sudo: .*password is required\)$/,
    );
    expect(parsed.complete).toBe(true);
  });
});
