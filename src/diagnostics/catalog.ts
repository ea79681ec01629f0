/**
 * The catalog of everything that detects or prevents a failure: every `k8sdiag run` check (node,
 * host, cluster) and every `k8sdiag lint` rule, read from their registries (registry.ts and
 * lint/rules/index.ts). Pure. Used by `k8sdiag checks`, the checks catalog page and the
 * "Detected by / Prevented by" box on each runbook page, so no id, title or probe command is
 * typed a second time.
 */
import type { RunbookId } from '../content/runbook-schema';
import { RULES } from './lint/rules/index';
import { clusterChecks, hostChecks, nodeChecks } from './registry';
import type { Probe, Role, Severity } from './types';

export type CheckKind = 'node' | 'host' | 'cluster';

export interface CatalogProbe {
  name: string;
  command: string;
  needsRoot: boolean;
  timeoutSeconds?: number;
}

export interface CatalogCheck {
  id: string;
  kind: CheckKind;
  title: string;
  runbook: RunbookId;
  severity: Severity;
  roles: Role[];
  needsRoot: boolean;
  probes: CatalogProbe[];
}

export interface CatalogRule {
  id: string;
  title: string;
  runbook: RunbookId;
  severity: Severity;
  description: string;
  /** The kinds of file the rule reads (vagrantfile, playbook, netplan ...). */
  kinds: string[];
}

export interface Catalog {
  checks: CatalogCheck[];
  rules: CatalogRule[];
}

function probes(list: readonly Probe[]): CatalogProbe[] {
  return list.map((probe) => ({
    name: probe.name,
    command: probe.command,
    needsRoot: probe.needsRoot === true,
    ...(probe.timeoutSeconds === undefined ? {} : { timeoutSeconds: probe.timeoutSeconds }),
  }));
}

let cached: Catalog | undefined;

export function catalog(): Catalog {
  if (cached !== undefined) return cached;
  const checks: CatalogCheck[] = [];
  for (const [kind, map] of [
    ['node', nodeChecks],
    ['host', hostChecks],
  ] as const) {
    for (const check of Object.values(map)) {
      checks.push({
        id: check.meta.id,
        kind,
        title: check.meta.title,
        runbook: check.meta.runbook,
        severity: check.meta.severity,
        roles: [...check.meta.roles],
        needsRoot: check.meta.needsRoot,
        probes: probes(check.probes),
      });
    }
  }
  for (const check of Object.values(clusterChecks)) {
    checks.push({
      id: check.meta.id,
      kind: 'cluster',
      title: check.meta.title,
      runbook: check.meta.runbook,
      severity: check.meta.severity,
      roles: [],
      needsRoot: check.probes.some((probe) => probe.needsRoot === true),
      probes: probes(check.probes),
    });
  }
  const rules: CatalogRule[] = Object.values(RULES).map((rule) => ({
    id: rule.meta.id,
    title: rule.meta.title,
    runbook: rule.meta.runbook,
    severity: rule.meta.severity,
    description: rule.meta.description,
    kinds: [...rule.meta.kinds],
  }));
  checks.sort((a, b) => a.id.localeCompare(b.id));
  rules.sort((a, b) => a.id.localeCompare(b.id));
  cached = { checks, rules };
  return cached;
}

export function findCatalogCheck(id: string): CatalogCheck | undefined {
  return catalog().checks.find((check) => check.id === id);
}

export function findCatalogRule(id: string): CatalogRule | undefined {
  return catalog().rules.find((rule) => rule.id === id);
}

/**
 * What detects a runbook's failure (`k8sdiag run` checks) and what prevents it (`k8sdiag lint`
 * rules), from the checks' and rules' own `runbook` fields: the runbook pages list these, so a new
 * check or rule appears on its runbook's page without an edit there.
 */
export function runbookCoverage(runbook: RunbookId): { detectedBy: string[]; preventedBy: string[] } {
  const { checks, rules } = catalog();
  return {
    detectedBy: checks.filter((check) => check.runbook === runbook).map((check) => check.id),
    preventedBy: rules.filter((rule) => rule.runbook === runbook).map((rule) => rule.id),
  };
}
