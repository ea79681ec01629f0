/**
 * Roles from inventory group names. Control-plane groups are the names kubeadm tutorials,
 * kubespray and Vagrant labs use; a host in none of them is a worker when the inventory has a
 * control-plane group at all, and "detect on the node" when it has none.
 */
import type { Role } from '../types';

const CONTROL_PLANE_GROUPS = new Set([
  'master',
  'masters',
  'control_plane',
  'control-plane',
  'controlplane',
  'kube_control_plane',
  'kube-control-plane',
  'kube_master',
  'kube-master',
]);

export function isControlPlaneGroup(group: string): boolean {
  return CONTROL_PLANE_GROUPS.has(group.toLowerCase());
}

const WORKER_GROUPS = new Set(['worker', 'workers', 'node', 'nodes', 'kube_node', 'kube-node', 'minion', 'minions']);

/** Roles for a host in `groups`, given whether the inventory names a control-plane group at all. */
export function rolesFromGroups(groups: readonly string[], inventoryHasControlPlane: boolean): Role[] | undefined {
  const cp = groups.some(isControlPlaneGroup);
  if (cp)
    return groups.some((g) => WORKER_GROUPS.has(g.toLowerCase())) ? ['control-plane', 'worker'] : ['control-plane'];
  return inventoryHasControlPlane ? ['worker'] : undefined;
}

/** Role from the node itself: the API server's static pod manifest marks a control-plane node. */
export function rolesFromManifests(listing: string | undefined): Role[] {
  return listing !== undefined && /(^|\n)kube-apiserver\.ya?ml(\n|$)/.test(listing) ? ['control-plane'] : ['worker'];
}
