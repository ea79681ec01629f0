/**
 * Assembles the report from node outcomes and findings (pure), computes the summary and the
 * exit code, and validates the result against the schema: a report that does not validate is a
 * bug in k8sdiag (exit 70), never shown half-formed.
 */
import { EXIT, K8sdiagError } from '../errors';
import type { Lang } from '../runbooks/runbooks';
import { runbookUrl } from '../runbooks/runbooks';
import { NODE_STATUSES, type NodeStatus } from '../transport/types';
import type { CheckMeta, Finding, Role, Section } from '../types';
import {
  type ClusterFinding,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportFinding,
  type ReportNode,
  reportNode,
  reportSchema,
} from './schema';

export interface NodeOutcome {
  name: string;
  address: string;
  port: number;
  user?: string | undefined;
  roles: Role[];
  rolesFrom: ReportNode['rolesFrom'];
  status: NodeStatus;
  reason?: string | undefined;
  transport: ReportNode['transport'];
  durationMs: number;
  hostKey?: ReportNode['hostKey'] | undefined;
  probes: ReportNode['probes'];
  findings: Finding[];
  sections?: Record<string, Section> | undefined;
}

export interface ReportInput {
  version: string;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  collector: Report['run']['collector'];
  docsUrl: string;
  lang: Lang;
  expectedK8sVersion?: string | undefined;
  strict: boolean;
  ignored: readonly string[];
  targetsFrom: readonly string[];
  nodes: readonly NodeOutcome[];
  cluster: ReadonlyArray<Finding & { hosts: string[] }>;
  /** Check metadata by id: title and severity for each finding. */
  meta: ReadonlyMap<string, Pick<CheckMeta, 'title' | 'titleKo' | 'severity'>>;
  warnings: readonly string[];
}

/** 0 ok, 1 fail findings (warn and error too with --strict), 3 when some node was not reached. */
export function exitCodeFor(
  statuses: readonly NodeStatus[],
  findings: ReadonlyArray<Pick<Finding, 'status'>>,
  strict: boolean,
): number {
  if (statuses.some((s) => s !== 'ok')) return EXIT.partial;
  const failing = strict ? ['fail', 'warn', 'error'] : ['fail'];
  return findings.some((f) => failing.includes(f.status)) ? EXIT.findings : EXIT.ok;
}

function enrich(finding: Finding, input: ReportInput): ReportFinding {
  const meta = input.meta.get(finding.checkId);
  return {
    checkId: finding.checkId,
    title: (input.lang === 'ko' ? meta?.titleKo : undefined) ?? meta?.title ?? finding.checkId,
    severity: meta?.severity ?? 'error',
    status: finding.status,
    message: finding.message,
    evidence: finding.evidence,
    runbook: finding.runbook,
    runbookUrl: runbookUrl(finding.runbook, input.lang, input.docsUrl),
    ...(finding.fix === undefined ? {} : { fix: finding.fix }),
  };
}

/** A duration for the report: a whole number of ms, 0 when the input is not a finite number. */
function wholeMs(ms: number): number {
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : 0;
}

/** Node fields filled from what the node sent (probe output, its timestamps, its host key). */
const FROM_THE_NODE = new Set(['sections', 'findings', 'durationMs', 'probes', 'hostKey']);

/**
 * One node whose data does not fit the schema (remote text can be anything) must never cost the
 * other nodes their results: that node alone becomes an `error` saying so, without its findings.
 */
function validNode(node: ReportNode): ReportNode {
  const checked = reportNode.safeParse(node);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  // Fields that k8sdiag sets itself (name, port, status...) breaking the schema are a bug: the
  // whole-report check below reports it (exit 70).
  if (!FROM_THE_NODE.has(String(issue?.path[0]))) return node;
  return {
    name: node.name,
    address: node.address,
    port: Number.isInteger(node.port) && node.port >= 0 && node.port <= 65535 ? node.port : 0,
    ...(node.user === undefined ? {} : { user: node.user }),
    roles: node.roles,
    rolesFrom: node.rolesFrom,
    status: 'error',
    reason: `this node's results were dropped: they do not fit the report schema at ${issue?.path.join('.') ?? '?'} (${issue?.message ?? 'invalid'})`,
    transport: node.transport,
    durationMs: wholeMs(node.durationMs),
    probes: { planned: wholeMs(node.probes.planned), finished: 0, complete: false },
    findings: [],
  };
}

export function buildReport(input: ReportInput): Report {
  const nodes: ReportNode[] = input.nodes
    .map((n) => ({
      name: n.name,
      address: n.address,
      port: n.port,
      ...(n.user === undefined ? {} : { user: n.user }),
      roles: n.roles,
      rolesFrom: n.rolesFrom,
      status: n.status,
      ...(n.reason === undefined ? {} : { reason: n.reason }),
      transport: n.transport,
      durationMs: wholeMs(n.durationMs),
      ...(n.hostKey === undefined ? {} : { hostKey: n.hostKey }),
      probes: n.probes,
      findings: n.findings.map((f) => enrich(f, input)),
      ...(n.sections === undefined
        ? {}
        : {
            sections: Object.fromEntries(
              Object.entries(n.sections).map(([key, section]) => [
                key,
                { ...section, durationMs: wholeMs(section.durationMs) },
              ]),
            ),
          }),
    }))
    .map(validNode);
  const cluster: ClusterFinding[] = input.cluster.map((f) => ({ ...enrich(f, input), hosts: f.hosts }));
  const all = [...nodes.flatMap((n) => n.findings), ...cluster];
  const count = (status: Finding['status']): number => all.filter((f) => f.status === status).length;
  const nodeCounts = Object.fromEntries(
    NODE_STATUSES.map((s) => [s, nodes.filter((n) => n.status === s).length]),
  ) as Record<NodeStatus, number>;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'k8sdiag', version: input.version },
    run: {
      id: input.runId,
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
      collector: input.collector,
      docsUrl: input.docsUrl,
      lang: input.lang,
      ...(input.expectedK8sVersion === undefined ? {} : { expectedK8sVersion: input.expectedK8sVersion }),
      strict: input.strict,
      ignored: [...input.ignored],
      targetsFrom: [...input.targetsFrom],
    },
    summary: {
      nodes: { total: nodes.length, ...nodeCounts },
      findings: {
        pass: count('pass'),
        warn: count('warn'),
        fail: count('fail'),
        skip: count('skip'),
        error: count('error'),
      },
      exitCode: exitCodeFor(
        nodes.map((n) => n.status),
        all,
        input.strict,
      ),
    },
    nodes,
    cluster,
    warnings: [...input.warnings],
  };
  const checked = reportSchema.safeParse(report);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new K8sdiagError(
      'E_INTERNAL',
      `report does not match its schema at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
    );
  }
  return checked.data;
}
