/**
 * The checks a run uses, as an injected value (the real registry in commands, small test checks
 * in tests), minus the ones `--ignore` names. An unknown --ignore id is an input error.
 */
import { K8sdiagError } from '../errors';
import type { Check, ClusterCheck, Role } from '../types';

export interface CheckCatalog {
  nodeChecks: readonly Check[];
  clusterChecks: readonly ClusterCheck[];
  checksForRoles(roles: readonly Role[]): readonly Check[];
}

export function withoutIgnored(catalog: CheckCatalog, ignore: readonly string[]): CheckCatalog {
  const known = new Set([...catalog.nodeChecks.map((c) => c.meta.id), ...catalog.clusterChecks.map((c) => c.meta.id)]);
  const unknown = ignore.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new K8sdiagError(
      'E_USAGE',
      `--ignore ${unknown.join(', ')}: no such check (known: ${[...known].sort().join(', ')})`,
    );
  }
  if (ignore.length === 0) return catalog;
  const skip = new Set(ignore);
  return {
    nodeChecks: catalog.nodeChecks.filter((c) => !skip.has(c.meta.id)),
    clusterChecks: catalog.clusterChecks.filter((c) => !skip.has(c.meta.id)),
    checksForRoles: (roles) => catalog.checksForRoles(roles).filter((c) => !skip.has(c.meta.id)),
  };
}

/** Every check for either role: what a node whose role is not known yet must run. */
export function allRoleChecks(catalog: CheckCatalog): readonly Check[] {
  return catalog.checksForRoles(['control-plane', 'worker']);
}
