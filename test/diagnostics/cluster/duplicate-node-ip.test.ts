import { describe, expect, it } from 'vitest';
import check from '../../../src/diagnostics/cluster/duplicate-node-ip';
import { node } from './nodes';

describe('duplicate-node-ip', () => {
  it('fails when two kubelets have --node-ip=10.0.2.15', () => {
    const spec = { 'kubelet-flags': 'kubelet-node-ip-mismatch/node-ip-nat' };
    const findings = check.analyze([node('w1', ['worker'], spec), node('w2', ['worker'], spec)], {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'fail',
      checkId: 'duplicate-node-ip',
      runbook: 'ansible-default-ipv4-nat',
      hosts: ['w1', 'w2'],
    });
    expect(findings[0]?.message).toMatch(/2 nodes share the node IP 10\.0\.2\.15, the Vagrant NAT address: w1, w2/);
    expect(findings[0]?.evidence).toContain('w1: node IP 10.0.2.15 (--node-ip in /etc/default/kubelet)');
    expect(findings[0]?.fix).toMatch(/--node-ip/);
  });

  it('fails when kubelets without --node-ip all use the NAT default route (derived fixtures)', () => {
    const spec = {
      'kubelet-flags': 'kubelet-node-ip-mismatch/no-node-ip',
      'ip-route-default': 'kubelet-node-ip-mismatch/derived-nat-route',
      'ip-addr': 'kubelet-node-ip-mismatch/derived-nat-route',
    };
    const findings = check.analyze(
      [node('m', ['control-plane'], spec), node('w1', ['worker'], spec), node('w2', ['worker'], spec)],
      {},
    );
    expect(findings[0]).toMatchObject({ status: 'fail', hosts: ['m', 'w1', 'w2'] });
    expect(findings[0]?.evidence.some((line) => /no --node-ip; default route dev eth0/.test(line))).toBe(true);
  });

  it('passes distinct addresses', () => {
    const findings = check.analyze(
      [
        node('w1', ['worker'], { 'kubelet-flags': 'kubelet-node-ip-mismatch/node-ip-set' }),
        node('w2', ['worker'], {
          'kubelet-flags': 'kubelet-node-ip-mismatch/no-node-ip',
          'ip-route-default': 'duplicate-default-route/one-route',
          'ip-addr': 'duplicate-default-route/one-route',
        }),
      ],
      {},
    );
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', message: '2 nodes, every address distinct', hosts: ['w1', 'w2'] }),
    ]);
  });

  it('skips with fewer than two nodes known, and ignores unreachable ones', () => {
    const spec = { 'kubelet-flags': 'kubelet-node-ip-mismatch/node-ip-nat' };
    const findings = check.analyze([node('w1', ['worker'], spec), node('w2', ['worker'], spec, false)], {});
    expect(findings[0]).toMatchObject({ status: 'skip' });
  });
});
