/**
 * What `k8sdiag run` must find on a node with one node-state fault (../lab/faults.ts): check id ->
 * runbook, exactly (every other check passes, or skips for a reason in LAB_LIMITS). Shared by the
 * node-checks test and the fault matrix.
 */
import type { Fault } from '../lab/faults.ts';

export const NODE_FAULT_FINDINGS: Partial<Record<Fault, Readonly<Record<string, string>>>> = {
  'ip-forward-off': { 'ip-forward-disabled': 'kubeadm-join-hangs' },
  'bridge-nf-off': { 'br-netfilter-missing': 'kubeadm-join-hangs' },
  'backend-split': { 'iptables-backend-split': 'iptables-flush-lockout' },
  'kubeconfig-localhost': { 'kubeconfig-localhost': 'kubectl-localhost-8080' },
  // Docker's config.toml also leaves runc on cgroupfs: the next failure after enabling CRI, found at once.
  'cri-disabled': {
    'containerd-cri-disabled': 'containerd-cri-disabled',
    'cgroup-driver-mismatch': 'cgroup-driver-mismatch',
  },
  'cgroup-mismatch': { 'cgroup-driver-mismatch': 'cgroup-driver-mismatch' },
  'cni-missing': { 'cni-config-missing': 'cni-not-installed' },
  'cni-on-nat': { 'cni-tunnel-on-nat': 'cni-nat-interface' },
  // A second control plane whose controller manager got --cluster-cidr=198.51.100.0/23.
  'pod-cidr-overlap': { 'pod-cidr-overlaps-node': 'pod-cidr-overlap' },
};

/** The node faults of the six failures after the field log (the sixth, host-only-range, is a host check). */
export { NEXT_FAILURE_FAULTS } from '../lab/faults.ts';
