/**
 * Node states the field-log lab does not show but checks look for, each built for real on its own
 * worker, or a second control plane for pod-cidr-overlap (ip_forward 0 and bridge-nf-call-iptables 0 are per-namespace sysctls; the split firewall is
 * real rules in iptables-legacy next to kube-proxy's in iptables-nft; the kubeconfig is a file): each
 * is found by exactly its check, with the right runbook, and by no other.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labId } from '../lab/config.ts';
import { describeLab } from '../lab/describe-lab.ts';
import { type Fault, OVERLAPPING_POD_CIDR, withFault } from '../lab/faults.ts';
import { down, type Lab, up } from '../lab/lab.ts';
import { faultCluster } from '../lab/scenarios/index.ts';
import { NODE_FAULT_FINDINGS } from './node-faults.ts';
import { type CliRun, k8sdiag, LAB_LIMITS, nodeNamed, parseReport, targetArgs } from './support.ts';

const EXPECTED: Readonly<Record<string, Readonly<Record<string, string>>>> = NODE_FAULT_FINDINGS;

describeLab(
  'e2e: other node checks, one real fault each',
  () => {
    const id = labId('e2e-checks');
    const faults = Object.keys(EXPECTED) as Fault[];
    let lab: Lab;
    let run: CliRun;
    beforeAll(async () => {
      const spec = faultCluster(id, faults);
      for (const fault of faults) withFault(spec, `k8s-${fault}`, fault);
      lab = await up(spec);
      run = await k8sdiag(lab, [...targetArgs(lab), '--format', 'json'], 240_000);
    });
    afterAll(() => {
      down(id);
    });

    it('the healthy control plane and worker stay clean', () => {
      const report = parseReport(run);
      for (const name of ['k8s-master', 'k8s-worker1']) {
        const node = nodeNamed(report, lab, name);
        const odd = node.findings.filter((f) => f.status !== 'pass' && !LAB_LIMITS[f.checkId]?.test(f.message));
        expect(odd, name).toEqual([]);
      }
      expect(report.cluster.filter((f) => f.status !== 'pass')).toEqual([]);
    });

    for (const [fault, expected] of Object.entries(EXPECTED)) {
      it(`${fault}: found by exactly ${Object.keys(expected).join(', ')}`, () => {
        const node = nodeNamed(parseReport(run), lab, `k8s-${fault}`);
        expect(node.status).toBe('ok');
        const found = Object.fromEntries(
          node.findings
            .filter((f) => f.status !== 'pass' && !(f.status === 'skip' && LAB_LIMITS[f.checkId]?.test(f.message)))
            .map((f) => [f.checkId, f.runbook]),
        );
        expect(
          found,
          JSON.stringify(
            node.findings.filter((f) => f.status !== 'pass'),
            null,
            1,
          ),
        ).toEqual(expected);
        for (const f of node.findings.filter((x) => x.checkId in expected)) {
          expect(['warn', 'fail']).toContain(f.status);
          expect(f.evidence.length).toBeGreaterThan(0);
        }
      });
    }

    it('pod-cidr-overlap: names the pod CIDR and the node network it covers; the healthy control plane passes', () => {
      const report = parseReport(run);
      const bad = nodeNamed(report, lab, 'k8s-pod-cidr-overlap');
      const spec = lab.spec.nodes.find((n) => n.name === 'k8s-pod-cidr-overlap');
      const finding = bad.findings.find((f) => f.checkId === 'pod-cidr-overlaps-node');
      expect([finding?.status, finding?.message]).toEqual([
        'fail',
        `pod CIDR ${OVERLAPPING_POD_CIDR} overlaps the node network ${spec?.privateIp}/24 on eth1: pod routes shadow node addresses`,
      ]);
      expect(finding?.evidence[0]).toBe(`kube-controller-manager --cluster-cidr=${OVERLAPPING_POD_CIDR}`);
      // The NAT address (203.0.113.15/24 on eth0) is outside the range and not named.
      expect(finding?.message).not.toContain('eth0');
      const healthy = nodeNamed(report, lab, 'k8s-master').findings.find((f) => f.checkId === 'pod-cidr-overlaps-node');
      expect([healthy?.status, healthy?.message]).toEqual([
        'pass',
        "pod CIDR 10.244.0.0/16 is clear of the node's networks",
      ]);
      // Only control planes are judged: a worker carries no controller manager.
      const worker = nodeNamed(report, lab, 'k8s-worker1').findings.find((f) => f.checkId === 'pod-cidr-overlaps-node');
      expect(worker).toBeUndefined();
    });
  },
  { needCli: true },
);
