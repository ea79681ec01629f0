/**
 * The plans a script can be built from, by role. `probe-script` builds one; `analyze` rebuilds
 * them all to find the one whose hash the output's header carries.
 */
import { planHash, planProbes } from '../probe/plan';
import type { ProbePlan } from '../probe/types';
import { allRoleChecks } from './catalog';
import type { RegistryCatalog } from './registry-catalog';

export const SCRIPT_ROLES = ['all', 'control-plane', 'worker', 'host'] as const;
export type ScriptRole = (typeof SCRIPT_ROLES)[number];

export function planForRole(catalog: RegistryCatalog, role: ScriptRole, probeTimeoutSeconds: number): ProbePlan {
  const options = { defaultTimeoutSeconds: probeTimeoutSeconds };
  switch (role) {
    case 'host':
      return planProbes(catalog.hostChecks, [], options);
    case 'control-plane':
    case 'worker':
      return planProbes(catalog.checksForRoles([role]), catalog.clusterChecks, options);
    default:
      return planProbes(allRoleChecks(catalog), catalog.clusterChecks, options);
  }
}

/** Every plan `probe-script` could have printed with these settings, by hash. */
export function plansByHash(
  catalog: RegistryCatalog,
  probeTimeoutSeconds: number,
): Map<string, { role: ScriptRole; plan: ProbePlan }> {
  const out = new Map<string, { role: ScriptRole; plan: ProbePlan }>();
  for (const role of SCRIPT_ROLES) {
    const plan = planForRole(catalog, role, probeTimeoutSeconds);
    const hash = planHash(plan);
    if (!out.has(hash)) out.set(hash, { role, plan });
  }
  return out;
}
