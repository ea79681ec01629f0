/**
 * The `k8sdiag run` / `k8sdiag analyze` report: versioned, validated with zod before any
 * reporter sees it, exported as JSON Schema (public/report.schema.json) for other tools and the
 * site's report viewer. Bump REPORT_SCHEMA_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { RUNBOOK_IDS } from '../../content/runbook-schema';
import { NODE_STATUSES } from '../transport/types';

export const REPORT_SCHEMA_VERSION = 1;

export const findingStatus = z.enum(['pass', 'warn', 'fail', 'skip', 'error']);
export const severity = z.enum(['info', 'warning', 'error']);
export const role = z.enum(['control-plane', 'worker']);
export const nodeStatus = z.enum(NODE_STATUSES);

export const reportFinding = z.object({
  checkId: z.string().min(1),
  title: z.string(),
  severity,
  status: findingStatus,
  /** One line. Untrusted text: reporters escape it. */
  message: z.string(),
  evidence: z.array(z.string()),
  runbook: z.enum(RUNBOOK_IDS),
  runbookUrl: z.url(),
  fix: z.string().optional(),
});

export const clusterFinding = reportFinding.extend({
  /** Nodes the finding is about. */
  hosts: z.array(z.string()),
});

export const reportSection = z.object({
  command: z.string(),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  timedOut: z.boolean(),
  truncated: z.boolean(),
  skipped: z.boolean(),
  skipReason: z.string().optional(),
  durationMs: z.number().int().nonnegative(),
});

export const reportNode = z.object({
  /** Inventory hostname, Vagrant machine, ssh alias or --host text. */
  name: z.string(),
  address: z.string(),
  port: z.number().int().min(0).max(65535),
  user: z.string().optional(),
  roles: z.array(role),
  /** `host`: the machine running k8sdiag, for the checks next to the Vagrantfile. */
  rolesFrom: z.enum(['inventory', 'detected', 'unknown', 'host']),
  status: nodeStatus,
  /** Why the node is not ok (one line). */
  reason: z.string().optional(),
  transport: z.enum(['ssh', 'local', 'offline']),
  durationMs: z.number().int().nonnegative(),
  hostKey: z
    .object({
      type: z.string(),
      fingerprint: z.string(),
      verdict: z.enum(['known', 'added', 'unverified', 'changed', 'revoked', 'unknown']),
    })
    .optional(),
  probes: z.object({
    planned: z.number().int().nonnegative(),
    finished: z.number().int().nonnegative(),
    /** The script reached its end marker. */
    complete: z.boolean(),
  }),
  findings: z.array(reportFinding),
  /** Raw probe output by section key, only with --raw. */
  sections: z.record(z.string(), reportSection).optional(),
});

const nodeCounts = z.object(
  Object.fromEntries(NODE_STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<
    (typeof NODE_STATUSES)[number],
    z.ZodNumber
  >,
);

export const reportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('k8sdiag'), version: z.string() }),
    run: z.object({
      id: z.string(),
      startedAt: z.iso.datetime(),
      finishedAt: z.iso.datetime(),
      durationMs: z.number().int().nonnegative(),
      collector: z.enum(['ssh', 'local', 'analyze']),
      docsUrl: z.url(),
      lang: z.enum(['en', 'ko']),
      expectedK8sVersion: z.string().optional(),
      strict: z.boolean(),
      ignored: z.array(z.string()),
      /** Inventory files, Vagrant directories, --host values... */
      targetsFrom: z.array(z.string()),
    }),
    summary: z.object({
      nodes: nodeCounts.extend({ total: z.number().int().nonnegative() }),
      findings: z.object({
        pass: z.number().int().nonnegative(),
        warn: z.number().int().nonnegative(),
        fail: z.number().int().nonnegative(),
        skip: z.number().int().nonnegative(),
        error: z.number().int().nonnegative(),
      }),
      /** The process exit code this report implies (see EXIT in errors.ts). */
      exitCode: z.number().int(),
    }),
    nodes: z.array(reportNode),
    cluster: z.array(clusterFinding),
    /** Notes about the run itself (ignored known_hosts lines, host key checking off, ...). */
    warnings: z.array(z.string()),
  })
  .meta({
    id: 'k8sdiag-report',
    title: 'k8sdiag report',
    description: 'Result of `k8sdiag run` or `k8sdiag analyze`: nodes, findings with runbook links, cluster findings.',
  });

export type Report = z.infer<typeof reportSchema>;
export type ReportNode = z.infer<typeof reportNode>;
export type ReportFinding = z.infer<typeof reportFinding>;
export type ClusterFinding = z.infer<typeof clusterFinding>;

/** The JSON Schema written to public/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
