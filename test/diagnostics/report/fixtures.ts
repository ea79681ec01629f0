/**
 * Report inputs for reporter tests. The hostile strings are what a compromised or broken node
 * could put into probe output and so into findings: terminal escapes, bidi overrides, Markdown
 * and XML metacharacters, invalid XML characters.
 */
import { buildReport, type NodeOutcome, type ReportInput } from '../../../src/diagnostics/report/build';
import type { Report } from '../../../src/diagnostics/report/schema';

export const HOSTILE = [
  '\u001b[2J\u001b[31mred\u001b[0m',
  '\u001b]0;owned\u0007title',
  '\u202eevil\u202c',
  '| table | break |',
  '</failure><injected/>',
  '[link](javascript:alert(1))',
  '```\nfence break\n```',
  'bell\u0007 nul\u0000 del\u007f c1\u0085',
  'lone \ud800 surrogate',
  '& < > " \'',
].join(' ');

export function node(overrides: Partial<NodeOutcome> = {}): NodeOutcome {
  return {
    name: 'cp1',
    address: '198.51.100.10',
    port: 22,
    user: 'vagrant',
    roles: ['control-plane'],
    rolesFrom: 'inventory',
    status: 'ok',
    transport: 'ssh',
    durationMs: 1234,
    probes: { planned: 20, finished: 20, complete: true },
    findings: [],
    ...overrides,
  };
}

export function sampleReport(options: { strict?: boolean; hostile?: boolean } = {}): Report {
  return buildReport(sampleInput(options));
}

export function sampleInput(options: { strict?: boolean; hostile?: boolean } = {}): ReportInput {
  const text = options.hostile ? HOSTILE : 'two default routes: eth0 via 10.0.2.2 and eth1 via 198.51.100.1';
  return {
    version: '0.1.0',
    runId: 'abc123',
    startedAt: new Date('2025-01-01T00:00:00.000Z'),
    finishedAt: new Date('2025-01-01T00:00:04.200Z'),
    collector: 'ssh',
    docsUrl: 'https://docs.example',
    lang: 'en',
    strict: options.strict ?? false,
    ignored: [],
    targetsFrom: ['inventory hosts.ini (static)'],
    nodes: [
      node({
        findings: [
          {
            checkId: 'duplicate-default-route',
            status: 'fail',
            message: text,
            evidence: [text, 'default via 10.0.2.2 dev eth0'],
            runbook: 'duplicate-default-route',
            fix: text,
          },
          {
            checkId: 'swap-enabled',
            status: 'warn',
            message: 'swap on /swap.img',
            evidence: [],
            runbook: 'kubeadm-join-hangs',
          },
          {
            checkId: 'kubelet-inactive',
            status: 'pass',
            message: 'kubelet is active',
            evidence: [],
            runbook: 'kubeadm-join-hangs',
          },
          {
            checkId: 'apt-lists-stale',
            status: 'error',
            message: 'unexpected output',
            evidence: ['???'],
            runbook: 'apt-stale-cache',
          },
          {
            checkId: 'iptables-policy-drop',
            status: 'skip',
            message: 'needs root: sudo -n refused',
            evidence: [],
            runbook: 'iptables-flush-lockout',
          },
        ],
      }),
      node({
        name: options.hostile ? HOSTILE : 'w1',
        address: '198.51.100.11',
        roles: [],
        rolesFrom: 'unknown',
        status: 'unreachable',
        reason: 'connection refused by 198.51.100.11:22',
        probes: { planned: 20, finished: 0, complete: false },
      }),
    ],
    cluster: [
      {
        checkId: 'duplicate-node-ip',
        status: 'fail',
        message: 'cp1 and w2 both report InternalIP 10.0.2.15',
        evidence: ['cp1 10.0.2.15', 'w2 10.0.2.15'],
        runbook: 'ansible-default-ipv4-nat',
        hosts: ['cp1', 'w2'],
      },
    ],
    meta: new Map([
      ['duplicate-default-route', { title: 'One default route', severity: 'error' }],
      ['swap-enabled', { title: 'Swap is off', severity: 'warning' }],
    ]),
    warnings: options.hostile ? [HOSTILE] : ['host key checking is OFF for w1'],
  };
}
