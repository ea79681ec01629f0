/**
 * `defineClusterCheck`: `defineCheck` for checks across nodes. The analyzer gets its reporter
 * (bound to the check's id and runbook), `lines(node, name)`, the cluster section gate (a probe's
 * lines on one node when it ran cleanly, else undefined: the node check reports the rest), and
 * `at(finding, hosts)`, which names the nodes a finding is about. There is one safety net, the
 * runner's (runner/analyze.ts): an analyzer that throws or returns something malformed becomes an
 * `error` finding there.
 */
import type { ClusterCheck, Finding, NodeFacts, Probe } from '../../types';
import { type Reporter, reporter } from './findings';
import { cleanLines } from './sections';

export type ClusterFinding = Finding & { hosts: string[] };

/** The cluster section gate: the lines of probe `name` on `node` when it ran cleanly, else undefined. */
export type NodeLines = (node: NodeFacts, name: string) => string[] | undefined;

export interface ClusterAnalyzeInput {
  /** Builds this check's findings. */
  r: Reporter;
  nodes: readonly NodeFacts[];
  context: Parameters<ClusterCheck['analyze']>[1];
  lines: NodeLines;
  /** A finding about these hosts. */
  at(finding: Finding, hosts: readonly string[]): ClusterFinding;
}

export interface ClusterCheckSpec {
  meta: ClusterCheck['meta'];
  probes: Probe[];
  /** Pure: no I/O. */
  analyze(input: ClusterAnalyzeInput): ClusterFinding[];
}

const lines: NodeLines = (node, name) => cleanLines(node.sections[name]);
const at = (finding: Finding, hosts: readonly string[]): ClusterFinding => ({ ...finding, hosts: [...hosts] });

export function defineClusterCheck(spec: ClusterCheckSpec): ClusterCheck {
  const r = reporter(spec.meta);
  return {
    meta: spec.meta,
    probes: spec.probes,
    analyze: (nodes, context) => spec.analyze({ r, nodes, context, lines, at }),
  };
}
