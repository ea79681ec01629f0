/**
 * Runs analyzers: pure functions over sections. The one safety net of the contract: an analyzer
 * that throws, returns something malformed or (a node check) returns nothing yields an `error`
 * finding naming the check, never a crash.
 */

import { sectionKey } from '../probe/plan';
import type { Check, CheckContext, ClusterCheck, Finding, NodeFacts, Section, Sections } from '../types';

function crashFinding(checkId: string, runbook: Finding['runbook'], error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return { checkId, status: 'error', message: `analyzer failed: ${message.split('\n')[0]}`, evidence: [], runbook };
}

function validFinding(value: unknown): value is Finding {
  const f = value as Finding;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.checkId === 'string' &&
    ['pass', 'warn', 'fail', 'skip', 'error'].includes(f.status) &&
    typeof f.message === 'string' &&
    Array.isArray(f.evidence) &&
    f.evidence.every((e) => typeof e === 'string')
  );
}

/** The sections one check asked for, keyed by its probe names. */
export function sectionsForCheck(
  check: Pick<Check, 'meta' | 'probes'>,
  all: Readonly<Record<string, Section>>,
): Sections {
  const out: Record<string, Section | undefined> = {};
  for (const probe of check.probes) out[probe.name] = all[sectionKey(probe.name)];
  return out;
}

export function analyzeNode(
  checks: readonly Check[],
  sections: Readonly<Record<string, Section>>,
  context: CheckContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    try {
      const result = check.analyze(sectionsForCheck(check, sections), context);
      if (!Array.isArray(result) || !result.every(validFinding)) {
        findings.push(
          crashFinding(
            check.meta.id,
            check.meta.runbook,
            new Error('returned something that is not a list of findings'),
          ),
        );
      } else if (result.length === 0) {
        // A node check always says something (pass, skip, ...): silence would read as "all fine".
        findings.push(crashFinding(check.meta.id, check.meta.runbook, new Error('returned no findings')));
      } else {
        findings.push(...result);
      }
    } catch (error) {
      findings.push(crashFinding(check.meta.id, check.meta.runbook, error));
    }
  }
  return findings;
}

export function analyzeCluster(
  checks: readonly ClusterCheck[],
  nodes: readonly NodeFacts[],
  context: { expectedK8sVersion?: string },
): Array<Finding & { hosts: string[] }> {
  const findings: Array<Finding & { hosts: string[] }> = [];
  for (const check of checks) {
    try {
      const result = check.analyze(nodes, context);
      if (!Array.isArray(result) || !result.every((f) => validFinding(f) && Array.isArray(f.hosts))) {
        findings.push({
          ...crashFinding(
            check.meta.id,
            check.meta.runbook,
            new Error('returned something that is not a list of findings'),
          ),
          hosts: [],
        });
      } else {
        findings.push(...result);
      }
    } catch (error) {
      findings.push({ ...crashFinding(check.meta.id, check.meta.runbook, error), hosts: [] });
    }
  }
  return findings;
}
