/**
 * The pod network CIDR overlaps a network the nodes sit on. Calico's default pool 192.168.0.0/16
 * (and a kubeadm --pod-network-cidr copied from its quickstart) contains VirtualBox's host-only
 * 192.168.56.0/24; pod routes then shadow node addresses and traffic between nodes breaks in ways
 * that look like a routing problem. Read on the control plane from the controller manager's
 * --cluster-cidr and the node's own addresses.
 */

import { ipAddrProbe, parseAddrProbe } from '../probes/ip-addr';
import { parsePodCidr, podCidrProbe } from '../probes/pod-cidr';
import { type Cidr, overlaps, parseCidr } from './support/cidr';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'pod-cidr-overlaps-node',
  title: 'The pod network CIDR does not overlap the node networks',
  titleKo: '파드 네트워크 CIDR이 노드 네트워크와 겹치지 않는다',
  runbook: 'pod-cidr-overlap',
  severity: 'error',
  roles: ['control-plane'],
};

const PROBE = podCidrProbe.name;

export default defineCheck({
  meta,
  probes: [podCidrProbe, ipAddrProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parsePodCidr(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    if (parsed.value === null) {
      return [
        r.skip('no kube-controller-manager manifest on this node (not a kubeadm control plane, or init has not run)'),
      ];
    }
    const { flag } = parsed.value;
    if (flag === undefined) {
      return [
        r.skip(
          'the controller manager has no --cluster-cidr (kubeadm init ran without --pod-network-cidr); the CNI chooses its own pool, which this check cannot read',
        ),
      ];
    }
    const ranges: Cidr[] = [];
    for (const part of parsed.value.ranges) {
      const cidr = parseCidr(part);
      if (cidr) ranges.push(cidr);
      else if (!part.includes(':'))
        return [unexpected(r, PROBE, 'not an IPv4 CIDR in --cluster-cidr', flag.text, flag.no)];
    }
    const addrGate = open(ipAddrProbe.name);
    if (!addrGate.ok) return [addrGate.finding];
    const addrs = parseAddrProbe(addrGate.value.lines);
    if (!addrs.ok) return [unexpected(r, ipAddrProbe.name, addrs.what, addrs.line, addrs.no)];
    if (addrs.value === null) return [r.skip('the ip command is not installed on this node')];
    const clashes = addrs.value.filter((a) => {
      if (a.dev === 'lo' || /^(cni|flannel|cali|vxlan|tunl|cilium|weave|kube-ipvs)/.test(a.dev)) return false;
      const net = parseCidr(`${a.address}/${a.prefix}`);
      return net !== undefined && ranges.some((range) => overlaps(range, net));
    });
    const evidence = [`kube-controller-manager ${flag.text.replace(/^\d+:/, '')}`];
    if (clashes.length === 0) {
      return [r.pass(`pod CIDR ${ranges.map((c) => c.text).join(', ')} is clear of the node's networks`, { evidence })];
    }
    return [
      r.fail(
        `pod CIDR ${ranges.map((c) => c.text).join(', ')} overlaps the node network ${clashes.map((a) => `${a.address}/${a.prefix} on ${a.dev}`).join(', ')}: pod routes shadow node addresses`,
        {
          evidence: [...evidence, ...clashes.map((a) => a.text)],
          fix: 'rebuild the cluster with a pod CIDR outside every node network (e.g. kubeadm init --pod-network-cidr=10.244.0.0/16 with Flannel, or CALICO_IPV4POOL_CIDR=172.16.0.0/16 with the same value in kubeadm), or move the Vagrant private_network out of the pod range',
        },
      ),
    ];
  },
});
