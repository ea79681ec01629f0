/**
 * Builds the probe plan from the checks: one entry per distinct command (several checks asking
 * for the same command share one run), infrastructure probes first. Every command is held against
 * the read-only allowlist here, before any node is contacted.
 */
import { createHash } from 'node:crypto';
import { K8sdiagError } from '../errors';
import type { Check, ClusterCheck, Probe } from '../types';
import { readOnlyViolations } from './read-only';
import {
  DEFAULT_CAP_BYTES,
  DEFAULT_PROBE_TIMEOUT_SECONDS,
  type PlannedProbe,
  type ProbePlan,
  ROLE_SECTION_KEY,
} from './types';

/** The runner's own probes: role detection (a control-plane node has the API server manifest). */
export const INFRA_PROBES: readonly Probe[] = [{ name: ROLE_SECTION_KEY, command: 'ls -1 /etc/kubernetes/manifests' }];

/**
 * Sections are keyed by probe name alone, not by the check that asks: the registry keeps probe
 * names unique across all checks (one name is one command; shared probes are one object), so a
 * probe several checks need runs once and comes back under one key.
 */
export function sectionKey(probeName: string): string {
  return probeName;
}

export interface PlanOptions {
  defaultTimeoutSeconds?: number;
  capBytes?: number;
}

export function planProbes(
  nodeChecks: readonly Check[],
  clusterChecks: readonly ClusterCheck[],
  options: PlanOptions = {},
): ProbePlan {
  const defaultTimeout = options.defaultTimeoutSeconds ?? DEFAULT_PROBE_TIMEOUT_SECONDS;
  const all: Probe[] = [
    ...INFRA_PROBES,
    ...nodeChecks.flatMap((check) => check.probes),
    ...clusterChecks.flatMap((check) => check.probes),
  ];
  const byCommand = new Map<string, { keys: string[]; command: string; needsRoot: boolean; timeout: number }>();
  const keyCommand = new Map<string, string>();
  for (const probe of all) {
    const key = sectionKey(probe.name);
    const command = probe.command.trim();
    if (command === '') throw new K8sdiagError('E_INTERNAL', `probe ${key} has an empty command`);
    const violations = readOnlyViolations(command);
    if (violations.length > 0) {
      throw new K8sdiagError('E_INTERNAL', `probe ${key} is not read-only: ${violations.join('; ')}`);
    }
    const needsRoot = probe.needsRoot === true;
    const identity = `${needsRoot ? 'root' : 'user'}\0${command}`;
    const previous = keyCommand.get(key);
    if (previous !== undefined) {
      if (previous !== identity)
        throw new K8sdiagError('E_INTERNAL', `section ${key} is defined twice with different commands`);
      continue;
    }
    keyCommand.set(key, identity);
    const timeout = Math.max(1, Math.ceil(probe.timeoutSeconds ?? defaultTimeout));
    const entry = byCommand.get(identity);
    if (entry) {
      entry.keys.push(key);
      entry.timeout = Math.max(entry.timeout, timeout);
    } else {
      byCommand.set(identity, { keys: [key], command, needsRoot, timeout });
    }
  }
  const probes: PlannedProbe[] = [...byCommand.values()].map((entry, index) => ({
    index,
    keys: entry.keys,
    command: entry.command,
    needsRoot: entry.needsRoot,
    timeoutSeconds: entry.timeout,
  }));
  return { probes, capBytes: options.capBytes ?? DEFAULT_CAP_BYTES };
}

/** Identifies a plan (commands, order, limits): `analyze` uses it to pick the plan a script was built from. */
export function planHash(plan: ProbePlan): string {
  const shape = plan.probes.map((p) => [p.index, p.keys, p.command, p.needsRoot, p.timeoutSeconds]);
  return createHash('sha256')
    .update(JSON.stringify([plan.capBytes, shape]))
    .digest('hex')
    .slice(0, 16);
}
