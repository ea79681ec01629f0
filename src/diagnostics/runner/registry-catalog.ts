/**
 * The real checks, from the registry, as the runner's catalog. The only runner file that imports
 * the registry: everything else takes a catalog, so tests can pass small checks of their own.
 */
import * as registry from '../registry';
import type { Check, CheckMeta, ClusterCheck } from '../types';
import type { CheckCatalog } from './catalog';

export interface RegistryCatalog extends CheckCatalog {
  /** Checks for the machine next to the Vagrantfile (host-box-arch). */
  hostChecks: readonly Check[];
}

export function registryCatalog(): RegistryCatalog {
  return {
    nodeChecks: Object.values(registry.nodeChecks) as Check[],
    clusterChecks: Object.values(registry.clusterChecks) as ClusterCheck[],
    hostChecks: Object.values(registry.hostChecks) as Check[],
    checksForRoles: (roles) => registry.checksForRoles(roles),
  };
}

/** Titles (English and Korean) and severity of every check, for the report. */
export function checkMeta(catalog: RegistryCatalog): Map<string, Pick<CheckMeta, 'title' | 'titleKo' | 'severity'>> {
  const meta = new Map<string, Pick<CheckMeta, 'title' | 'titleKo' | 'severity'>>();
  for (const check of [...catalog.nodeChecks, ...catalog.hostChecks, ...catalog.clusterChecks]) {
    const { title, titleKo, severity } = check.meta;
    meta.set(check.meta.id, { title, ...(titleKo === undefined ? {} : { titleKo }), severity });
  }
  return meta;
}

/** --ignore for host checks too (the base catalog filter knows node and cluster checks). */
export function knownIds(catalog: RegistryCatalog): string[] {
  return [...catalog.nodeChecks, ...catalog.hostChecks, ...catalog.clusterChecks].map((c) => c.meta.id).sort();
}
