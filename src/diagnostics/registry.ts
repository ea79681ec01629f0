/**
 * Every check, in sorted literal maps. Nothing else lists the checks: the CLI, the catalog page,
 * the runner and the tests read these maps.
 *
 * - `nodeChecks`: run on every node over SSH (or --local); `checksForRoles` picks by role.
 * - `hostChecks`: run on the machine next to the Vagrantfile, through the local transport, in the
 *   Vagrant project directory (host-box-arch). Their roles are empty.
 * - `clusterChecks`: judge all nodes' sections together after the node probes ran.
 *
 * Probe names are unique across all checks (one name = one command; shared ones live in
 * probes/, each with its parser), so a runner can collect `probesFor(checks)` once per node and give
 * every analyzer the sections keyed by probe name.
 */
import advertiseAddressMismatch from './checks/advertise-address-mismatch';
import apiServerUnreachable from './checks/api-server-unreachable';
import aptLegacyK8sRepo from './checks/apt-legacy-k8s-repo';
import aptListsStale from './checks/apt-lists-stale';
import aptSignedByMissing from './checks/apt-signed-by-missing';
import brNetfilterMissing from './checks/br-netfilter-missing';
import cgroupDriverMismatch from './checks/cgroup-driver-mismatch';
import cniConfigMissing from './checks/cni-config-missing';
import cniTunnelOnNat from './checks/cni-tunnel-on-nat';
import containerdCriDisabled from './checks/containerd-cri-disabled';
import duplicateDefaultRoute from './checks/duplicate-default-route';
import hostBoxArch from './checks/host-box-arch';
import hostOnlyRange from './checks/host-only-range';
import ipForwardDisabled from './checks/ip-forward-disabled';
import iptablesBackendSplit from './checks/iptables-backend-split';
import iptablesKubeChainsFlushed from './checks/iptables-kube-chains-flushed';
import iptablesPolicyDrop from './checks/iptables-policy-drop';
import k8sVersionMismatch from './checks/k8s-version-mismatch';
import kubeconfigLocalhost from './checks/kubeconfig-localhost';
import kubeletInactive from './checks/kubelet-inactive';
import kubeletNodeIpMismatch from './checks/kubelet-node-ip-mismatch';
import nodeBinaryArch from './checks/node-binary-arch';
import podCidrOverlapsNode from './checks/pod-cidr-overlaps-node';
import swapEnabled from './checks/swap-enabled';
import userKubeconfigMissing from './checks/user-kubeconfig-missing';
import duplicateNodeIp from './cluster/duplicate-node-ip';
import k8sVersionSkew from './cluster/k8s-version-skew';
import type { Check, ClusterCheck, Probe, Role } from './types';

/** Node checks by id, sorted. */
export const nodeChecks = {
  'advertise-address-mismatch': advertiseAddressMismatch,
  'api-server-unreachable': apiServerUnreachable,
  'apt-legacy-k8s-repo': aptLegacyK8sRepo,
  'apt-lists-stale': aptListsStale,
  'apt-signed-by-missing': aptSignedByMissing,
  'br-netfilter-missing': brNetfilterMissing,
  'cgroup-driver-mismatch': cgroupDriverMismatch,
  'cni-config-missing': cniConfigMissing,
  'cni-tunnel-on-nat': cniTunnelOnNat,
  'containerd-cri-disabled': containerdCriDisabled,
  'duplicate-default-route': duplicateDefaultRoute,
  'ip-forward-disabled': ipForwardDisabled,
  'iptables-backend-split': iptablesBackendSplit,
  'iptables-kube-chains-flushed': iptablesKubeChainsFlushed,
  'iptables-policy-drop': iptablesPolicyDrop,
  'k8s-version-mismatch': k8sVersionMismatch,
  'kubeconfig-localhost': kubeconfigLocalhost,
  'kubelet-inactive': kubeletInactive,
  'kubelet-node-ip-mismatch': kubeletNodeIpMismatch,
  'node-binary-arch': nodeBinaryArch,
  'pod-cidr-overlaps-node': podCidrOverlapsNode,
  'swap-enabled': swapEnabled,
  'user-kubeconfig-missing': userKubeconfigMissing,
} as const satisfies Record<string, Check>;

/** Checks that run on the Vagrant host, next to the Vagrantfile. */
export const hostChecks = {
  'host-box-arch': hostBoxArch,
  'host-only-range': hostOnlyRange,
} as const satisfies Record<string, Check>;

/** Cluster checks by id, sorted. */
export const clusterChecks = {
  'duplicate-node-ip': duplicateNodeIp,
  'k8s-version-skew': k8sVersionSkew,
} as const satisfies Record<string, ClusterCheck>;

export type NodeCheckId = keyof typeof nodeChecks;
export type HostCheckId = keyof typeof hostChecks;
export type ClusterCheckId = keyof typeof clusterChecks;
export type CheckId = NodeCheckId | HostCheckId | ClusterCheckId;

/** The node checks that apply to a node with these roles (all node checks when roles are unknown). */
export function checksForRoles(roles: readonly Role[]): Check[] {
  const all: Check[] = Object.values(nodeChecks);
  if (roles.length === 0) return all;
  return all.filter((check) => check.meta.roles.some((role) => roles.includes(role)));
}

export function controlPlaneChecks(): Check[] {
  return checksForRoles(['control-plane']);
}

export function workerChecks(): Check[] {
  return checksForRoles(['worker']);
}

export type FoundCheck =
  | { kind: 'node'; check: Check }
  | { kind: 'host'; check: Check }
  | { kind: 'cluster'; check: ClusterCheck };

export function findCheck(id: string): FoundCheck | undefined {
  if (Object.hasOwn(nodeChecks, id)) return { kind: 'node', check: nodeChecks[id as NodeCheckId] };
  if (Object.hasOwn(hostChecks, id)) return { kind: 'host', check: hostChecks[id as HostCheckId] };
  if (Object.hasOwn(clusterChecks, id)) return { kind: 'cluster', check: clusterChecks[id as ClusterCheckId] };
  return undefined;
}

/** Every check id: node, host and cluster. */
export function allCheckIds(): CheckId[] {
  return [...Object.keys(nodeChecks), ...Object.keys(hostChecks), ...Object.keys(clusterChecks)].sort() as CheckId[];
}

/** The probes these checks need, each name once, in first-seen order. */
export function probesFor(checks: ReadonlyArray<Pick<Check, 'probes'> | Pick<ClusterCheck, 'probes'>>): Probe[] {
  const byName = new Map<string, Probe>();
  for (const check of checks)
    for (const probe of check.probes) if (!byName.has(probe.name)) byName.set(probe.name, probe);
  return [...byName.values()];
}
