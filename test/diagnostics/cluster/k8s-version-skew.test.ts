import { describe, expect, it } from 'vitest';
import check from '../../../src/diagnostics/cluster/k8s-version-skew';
import { node } from './nodes';

const cp = node('k8s-master', ['control-plane'], {
  'k8s-versions': 'k8s-version-mismatch/handmade-node-1.33.0',
  'apiserver-manifest': 'advertise-address-mismatch/intended-advertised',
});

describe('k8s-version-skew', () => {
  it('passes when every node is within the policy (real kubectl 1.33.9 on a worker)', () => {
    const findings = check.analyze(
      [cp, node('w1', ['worker'], { 'k8s-versions': 'k8s-version-mismatch/kubectl-1.33' })],
      {},
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'pass',
      checkId: 'k8s-version-skew',
      runbook: 'yaml-version-float',
      hosts: ['k8s-master', 'w1'],
    });
    expect(findings[0]?.message).toMatch(/API server 1\.33\.0 \(from the kube-apiserver image tag\)/);
  });

  it('fails a kubelet newer than the API server (hand-made 1.34.1 worker)', () => {
    const findings = check.analyze(
      [cp, node('w1', ['worker'], { 'k8s-versions': 'k8s-version-skew/handmade-worker-1.34.1' })],
      {},
    );
    const fail = findings.find((finding) => finding.status === 'fail');
    expect(fail?.message).toMatch(/kubelet is newer than the API server 1\.33\.0 on w1 \(1\.34\.1\)/);
    expect(fail?.hosts).toEqual(['w1']);
    expect(fail?.fix).toMatch(/control plane version/);
    // kubeadm one minor newer than the control plane is within its own skew rule.
    expect(findings.some((finding) => /kubeadm does not match/.test(finding.message))).toBe(false);
  });

  it('fails a kubelet more than three minors older (hand-made 1.26.15 worker)', () => {
    const findings = check.analyze(
      [cp, node('w2', ['worker'], { 'k8s-versions': 'k8s-version-skew/handmade-worker-1.26.15' })],
      {},
    );
    expect(findings.find((finding) => /too old/.test(finding.message))).toMatchObject({
      status: 'fail',
      hosts: ['w2'],
    });
  });

  it('fails HA API servers two minors apart', () => {
    const cp2 = node('k8s-master2', ['control-plane'], { 'apiserver-manifest': 'k8s-version-skew/apiserver-1.30' });
    const findings = check.analyze([cp, cp2], {});
    expect(findings.find((finding) => /HA API servers/.test(finding.message))).toMatchObject({
      status: 'fail',
      hosts: ['k8s-master2', 'k8s-master'],
    });
  });

  it('warns about kubectl two minors away (real kubectl 1.30.0)', () => {
    const findings = check.analyze(
      [cp, node('w1', ['worker'], { 'k8s-versions': 'k8s-version-mismatch/kubectl-1.30' })],
      {},
    );
    expect(findings.find((finding) => /kubectl is more than one minor/.test(finding.message))).toMatchObject({
      status: 'warn',
      hosts: ['w1'],
    });
  });

  it('skips when no API server version is known, and ignores unreachable nodes', () => {
    const w = node('w1', ['worker'], { 'k8s-versions': 'k8s-version-mismatch/kubectl-1.33' });
    const down = node(
      'k8s-master',
      ['control-plane'],
      { 'k8s-versions': 'k8s-version-mismatch/handmade-node-1.33.0' },
      false,
    );
    const findings = check.analyze([w, down], {});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'skip' });
  });

  it('falls back to kubeadm on the control plane when the manifest was not readable', () => {
    const noManifest = node('k8s-master', ['control-plane'], {
      'k8s-versions': 'k8s-version-mismatch/handmade-node-1.33.0',
    });
    const findings = check.analyze(
      [noManifest, node('w1', ['worker'], { 'k8s-versions': 'k8s-version-skew/handmade-worker-1.34.1' })],
      {},
    );
    expect(findings.find((finding) => finding.status === 'fail')?.message).toMatch(
      /newer than the API server 1\.33\.0/,
    );
  });
});
