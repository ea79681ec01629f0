import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { parseProbeOutput } from '../../../src/diagnostics/probe/parse';
import type { ProbePlan } from '../../../src/diagnostics/probe/types';
import { type CheckCatalog, withoutIgnored } from '../../../src/diagnostics/runner/catalog';
import { diagnose, judge } from '../../../src/diagnostics/runner/diagnose';
import { mapPool } from '../../../src/diagnostics/runner/pool';
import type { Target } from '../../../src/diagnostics/targets/types';
import { collectLocally } from '../../../src/diagnostics/transport/local';
import type { Collected, CollectOptions } from '../../../src/diagnostics/transport/types';
import type { Check, ClusterCheck } from '../../../src/diagnostics/types';

/** Checks written out in full (the runner's view), not through checks/support/define*.ts. */
const defineCheck = (check: Check): Check => check;
const defineClusterCheck = (check: ClusterCheck): ClusterCheck => check;

const NONCE = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A tiny check of our own: reads `uname -m` and fails on anything but x86_64/aarch64. */
const archCheck: Check = defineCheck({
  meta: {
    id: 'test-arch',
    title: 'arch',
    runbook: 'exec-format-error',
    severity: 'error',
    roles: ['control-plane', 'worker'],
    needsRoot: false,
  },
  probes: [{ name: 'test-uname', command: 'uname -m' }],
  analyze(sections) {
    const s = sections['test-uname'];
    if (s === undefined)
      return [
        { checkId: 'test-arch', status: 'skip', message: 'no output', evidence: [], runbook: 'exec-format-error' },
      ];
    const arch = s.stdout.trim();
    const ok = arch === 'x86_64' || arch === 'aarch64';
    return [
      {
        checkId: 'test-arch',
        status: ok ? 'pass' : 'fail',
        message: `arch ${arch}`,
        evidence: [arch],
        runbook: 'exec-format-error',
      },
    ];
  },
});

const workerOnly: Check = defineCheck({
  meta: {
    id: 'test-worker',
    title: 'w',
    runbook: 'kubeadm-join-hangs',
    severity: 'warning',
    roles: ['worker'],
    needsRoot: false,
  },
  probes: [{ name: 'test-uname', command: 'uname -m' }],
  analyze: () => [
    {
      checkId: 'test-worker',
      status: 'warn',
      message: 'worker check ran',
      evidence: [],
      runbook: 'kubeadm-join-hangs',
    },
  ],
});

const throwing: Check = defineCheck({
  meta: {
    id: 'test-throws',
    title: 't',
    runbook: 'apt-stale-cache',
    severity: 'error',
    roles: ['control-plane', 'worker'],
    needsRoot: false,
  },
  probes: [],
  analyze: () => {
    throw new Error('boom\nsecond line');
  },
});

const sameArch: ClusterCheck = defineClusterCheck({
  meta: { id: 'test-same-arch', title: 's', runbook: 'exec-format-error', severity: 'error' },
  probes: [{ name: 'test-uname', command: 'uname -m' }],
  analyze(nodes) {
    const reached = nodes.filter((n) => n.reachable);
    const arches = new Set(reached.map((n) => n.sections['test-uname']?.stdout.trim()));
    return [
      {
        checkId: 'test-same-arch',
        status: arches.size > 1 ? 'fail' : 'pass',
        message: [...arches].join(','),
        evidence: [],
        runbook: 'exec-format-error',
        hosts: reached.map((n) => n.host),
      },
    ];
  },
});

const catalog: CheckCatalog = {
  nodeChecks: [archCheck, workerOnly, throwing],
  clusterChecks: [sameArch],
  checksForRoles: (roles) =>
    [archCheck, workerOnly, throwing].filter((c) => c.meta.roles.some((r) => roles.includes(r))),
};

const target = (name: string, extra: Partial<Target> = {}): Target => ({
  name,
  host: name,
  identityFiles: [],
  groups: [],
  kind: 'host',
  origin: {},
  ...extra,
});

/** Runs the real script with dash, with fake `uname` and `ls` in front of PATH for this node. */
const fakeBins: string[] = [];
afterAll(() => {
  for (const bin of fakeBins) rmSync(bin, { recursive: true, force: true });
});

function fakeNode(arch: string, manifests: string[]): (script: string) => Collected {
  const bin = mkdtempSync(join(tmpdir(), 'k8sdiag-fake-'));
  fakeBins.push(bin);
  writeFileSync(join(bin, 'uname'), `#!/bin/sh\necho ${arch}\n`, { mode: 0o755 });
  writeFileSync(join(bin, 'ls'), `#!/bin/sh\n${manifests.map((m) => `echo ${m}`).join('\n')}\n`, { mode: 0o755 });
  return (script) => {
    const output = execFileSync('/bin/dash', ['-s'], {
      input: script.replace('PATH="$PATH:', `PATH="${bin}:$PATH:`),
      env: { PATH: '/usr/bin:/bin' },
    });
    return {
      status: 'ok',
      output,
      scriptStderr: '',
      exitCode: 0,
      address: '198.51.100.1',
      port: 22,
      user: 'vagrant',
      durationMs: 5,
    };
  };
}

const base = {
  catalog,
  nonce: NONCE,
  concurrency: 4,
  nodeTimeoutMs: 5000,
  runDeadline: Date.now() + 60_000,
  signal: new AbortController().signal,
  probeTimeoutSeconds: 5,
  keepSections: true,
  transportOf: () => 'ssh' as const,
};

describe('diagnose', () => {
  it('runs node analyzers per detected role, cluster analyzers over reachable nodes, and keeps going past failures', async () => {
    const nodes: Record<string, (script: string) => Collected> = {
      cp: fakeNode('x86_64', ['etcd.yaml', 'kube-apiserver.yaml']),
      w1: fakeNode('armv7l', []),
    };
    const result = await diagnose([target('cp'), target('w1'), target('gone')], {
      ...base,
      collect: async (t, script) =>
        nodes[t.name]?.(script) ?? {
          status: 'unreachable',
          reason: 'connection refused by gone:22',
          output: Buffer.alloc(0),
          scriptStderr: '',
          exitCode: null,
          address: 'gone',
          port: 22,
          user: 'vagrant',
          durationMs: 1,
        },
    });
    const [cp, w1, gone] = result.nodes;
    expect(cp).toMatchObject({
      roles: ['control-plane'],
      rolesFrom: 'detected',
      status: 'ok',
      probes: { complete: true },
    });
    expect(cp?.findings.map((f) => [f.checkId, f.status])).toEqual([
      ['test-arch', 'pass'],
      ['test-throws', 'error'],
    ]);
    expect(cp?.findings[1]?.message).toBe('analyzer failed: boom');
    expect(w1?.roles).toEqual(['worker']);
    expect(w1?.findings.map((f) => [f.checkId, f.status])).toEqual([
      ['test-arch', 'fail'],
      ['test-worker', 'warn'],
      ['test-throws', 'error'],
    ]);
    expect(gone).toMatchObject({
      status: 'unreachable',
      reason: 'connection refused by gone:22',
      findings: [],
      rolesFrom: 'unknown',
    });
    expect(result.cluster).toEqual([
      expect.objectContaining({ checkId: 'test-same-arch', status: 'fail', hosts: ['cp', 'w1'] }),
    ]);
  });

  it('takes roles from the inventory and builds the smaller script for them', async () => {
    const scripts: string[] = [];
    const result = await diagnose([target('w', { roles: ['worker'] })], {
      ...base,
      collect: async (_t, script) => {
        scripts.push(script);
        return fakeNode('x86_64', [])(script);
      },
    });
    expect(result.nodes[0]).toMatchObject({ roles: ['worker'], rolesFrom: 'inventory' });
    expect(scripts[0]).toContain("'uname -m'");
  });

  it('never exceeds the concurrency limit and gives each node its own deadline', async () => {
    let inFlight = 0;
    let peak = 0;
    const deadlines: number[] = [];
    const started = Date.now();
    await diagnose(
      Array.from({ length: 12 }, (_, i) => target(`n${i}`)),
      {
        ...base,
        concurrency: 3,
        nodeTimeoutMs: 2000,
        collect: async (_t, script, options: CollectOptions) => {
          deadlines.push(options.deadline);
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setTimeout(r, 20));
          inFlight--;
          return fakeNode('x86_64', [])(script);
        },
      },
    );
    expect(peak).toBe(3);
    for (const d of deadlines) {
      expect(d).toBeGreaterThanOrEqual(started + 2000);
      expect(d).toBeLessThan(Date.now() + 2000);
    }
  });

  it('marks nodes not started before the run deadline as timed out, keeping the others', async () => {
    const controller = new AbortController();
    const result = await diagnose([target('a'), target('b'), target('c')], {
      ...base,
      concurrency: 1,
      signal: controller.signal,
      collect: async (_t, script) => {
        controller.abort('run timeout');
        return fakeNode('x86_64', [])(script);
      },
    });
    expect(result.nodes.map((n) => n.status)).toEqual(['ok', 'timeout', 'timeout']);
    expect(result.nodes[1]?.reason).toBe('run timeout reached before this node was contacted');
  });

  it('reports a node whose shell never ran the script as an error with what it said', async () => {
    const result = await diagnose([target('nologin')], {
      ...base,
      collect: async () => ({
        status: 'ok',
        output: Buffer.from('This account is currently not available.\n'),
        scriptStderr: '',
        exitCode: 1,
        address: 'nologin',
        port: 22,
        user: 'svc',
        durationMs: 3,
      }),
    });
    expect(result.nodes[0]).toMatchObject({
      status: 'error',
      reason: 'the probe script did not start (exit 1): This account is currently not available.',
    });
  });

  it('refuses a check whose probe is not read-only before contacting any node', async () => {
    const bad = defineCheck({
      ...archCheck,
      meta: { ...archCheck.meta, id: 'bad' },
      probes: [{ name: 'flush', command: 'iptables -F' }],
    });
    let contacted = false;
    const run = diagnose([target('a')], {
      ...base,
      catalog: { ...catalog, nodeChecks: [bad], checksForRoles: () => [bad] },
      collect: async () => {
        contacted = true;
        throw new Error('unreachable code');
      },
    });
    await expect(run).rejects.toThrow(/probe flush is not read-only/);
    expect(contacted).toBe(false);
  });

  it('--ignore: unknown ids are a usage error, known ones drop their checks', () => {
    expect(() => withoutIgnored(catalog, ['nope'])).toThrow(K8sdiagError);
    const without = withoutIgnored(catalog, ['test-throws', 'test-same-arch']);
    expect(without.checksForRoles(['worker']).map((c) => c.meta.id)).toEqual(['test-arch', 'test-worker']);
    expect(without.clusterChecks).toEqual([]);
  });

  it('mapPool keeps input order', async () => {
    const out = await mapPool([30, 10, 20], 3, async (ms, i) => {
      await new Promise((r) => setTimeout(r, ms));
      return i;
    });
    expect(out).toEqual([0, 1, 2]);
  });
});

describe('local collector', () => {
  const plan: ProbePlan = {
    capBytes: 1000,
    probes: [
      { index: 0, keys: ['p0'], command: 'echo local', needsRoot: false, timeoutSeconds: 5 },
      { index: 1, keys: ['p1'], command: 'sleep 30', needsRoot: false, timeoutSeconds: 30 },
    ],
  };

  it('runs the script with /bin/sh and stops the whole process group at the node deadline', async () => {
    const { buildProbeScript } = await import('../../../src/diagnostics/probe/script');
    const collected = await collectLocally(buildProbeScript(plan, { nonce: NONCE }), {
      deadline: Date.now() + 1500,
      signal: new AbortController().signal,
      maxOutputBytes: 1 << 20,
    });
    // Stopped by the node deadline, not by the 30 s sleep finishing (no wall-clock bound asserted).
    expect(collected.status).toBe('timeout');
    const parsed = parseProbeOutput(collected.output, plan, NONCE);
    expect(parsed.sections['p0']?.stdout).toBe('local\n');
    expect(parsed.interrupted).toEqual(['p1']);
    // No `sleep 30` left behind.
    expect(execFileSync('sh', ['-c', 'ps -eo args | grep -c "^sleep 30$" || true'], { encoding: 'utf8' }).trim()).toBe(
      '0',
    );
  });
});

describe('--raw never copies this machine’s files into the report (issue 15, F9)', () => {
  it('the host checks’ sections (the local Vagrantfile) are judged but not embedded', () => {
    const secret = 'config.vm.provision "shell", env: { "TOKEN" => "s3cr3t-token" }';
    const section = {
      command: 'sed ... Vagrantfile',
      exitCode: 0,
      stdout: `### file /p/Vagrantfile\n| ${secret}\n### end\n`,
      stderr: '',
      timedOut: false,
      truncated: false,
      skipped: false,
      durationMs: 1,
    };
    const gathered = (kind: Target['kind']) => ({
      transport: 'local' as const,
      target: { ...target('localhost'), kind, local: true, checks: [] },
      collected: {
        status: 'ok' as const,
        output: Buffer.alloc(0),
        scriptStderr: '',
        exitCode: 0,
        address: 'localhost',
        port: 0,
        user: '',
        durationMs: 1,
      },
      sections: { 'host-box-arch/vagrantfile': section },
      roles: [],
      rolesFrom: 'host' as const,
      planned: 1,
      finished: 1,
      complete: true,
      status: 'ok' as const,
      reason: undefined,
    });
    const host = judge([gathered('vagrant-host')], catalog, { keepSections: true }).nodes[0];
    expect(JSON.stringify(host?.sections)).not.toContain('s3cr3t-token');
    expect(host?.sections?.['host-box-arch/vagrantfile']?.stdout).toBe(
      '(4 lines read on this machine; not copied into the report)',
    );
    // A node's own output is still kept with --raw.
    const node = judge([gathered('host')], catalog, { keepSections: true }).nodes[0];
    expect(node?.sections?.['host-box-arch/vagrantfile']?.stdout).toContain('s3cr3t-token');
  });
});
