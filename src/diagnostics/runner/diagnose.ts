/**
 * The run: fan out over the nodes (bounded concurrency, each node with its own deadline, all of
 * them under the run's), parse each node's output as soon as it arrives, then run the node
 * analyzers and the cluster analyzers. One slow or dead node never holds up the others; its
 * status says what happened and whatever it sent is kept.
 */
import { parseProbeOutput } from '../probe/parse';
import { planProbes } from '../probe/plan';
import { buildProbeScript } from '../probe/script';
import { type ProbePlan, ROLE_SECTION_KEY } from '../probe/types';
import type { NodeOutcome } from '../report/build';
import { rolesFromManifests } from '../targets/roles';
import type { Target } from '../targets/types';
import type { Collected, CollectOptions, NodeStatus } from '../transport/types';
import type { CheckContext, ClusterCheck, Finding, NodeFacts, Role, Section } from '../types';
import { analyzeCluster, analyzeNode } from './analyze';
import { allRoleChecks, type CheckCatalog } from './catalog';
import { mapPool } from './pool';

export interface DiagnoseOptions {
  catalog: CheckCatalog;
  nonce: string;
  concurrency: number;
  nodeTimeoutMs: number;
  /** Epoch ms: the whole run's deadline. */
  runDeadline: number;
  /** Aborted at the run deadline (or by the caller). */
  signal: AbortSignal;
  probeTimeoutSeconds: number;
  capBytes?: number;
  /** --k8s-version; else each node's inventory value. */
  expectedK8sVersion?: string | undefined;
  keepSections: boolean;
  /** Collects one node (ssh or local); never throws for node trouble. */
  collect: (target: Target, script: string, options: CollectOptions) => Promise<Collected>;
  transportOf: (target: Target) => NodeOutcome['transport'];
  onNodeDone?: (outcome: { name: string; status: NodeStatus }, done: number, total: number) => void;
}

export interface Diagnosis {
  nodes: NodeOutcome[];
  cluster: Array<Finding & { hosts: string[] }>;
  clusterChecks: readonly ClusterCheck[];
}

export interface Gathered {
  transport: NodeOutcome['transport'];
  target: Target;
  collected: Collected;
  sections: Record<string, Section>;
  roles: Role[];
  rolesFrom: NodeOutcome['rolesFrom'];
  planned: number;
  finished: number;
  complete: boolean;
  status: NodeStatus;
  reason: string | undefined;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

export async function diagnose(targets: readonly Target[], options: DiagnoseOptions): Promise<Diagnosis> {
  const { catalog } = options;
  const plans = new Map<string, { plan: ProbePlan; script: string }>();
  const planFor = (target: Target): { plan: ProbePlan; script: string } => {
    const roles = target.roles;
    const key = target.checks
      ? `checks:${target.checks.map((c) => c.meta.id).join(',')}`
      : roles === undefined
        ? '?'
        : [...roles].sort().join('+');
    let entry = plans.get(key);
    if (!entry) {
      const checks = target.checks ?? (roles === undefined ? allRoleChecks(catalog) : catalog.checksForRoles(roles));
      const plan = planProbes(checks, target.checks ? [] : catalog.clusterChecks, {
        defaultTimeoutSeconds: options.probeTimeoutSeconds,
        ...(options.capBytes === undefined ? {} : { capBytes: options.capBytes }),
      });
      entry = { plan, script: buildProbeScript(plan, { nonce: options.nonce }) };
      plans.set(key, entry);
    }
    return entry;
  };
  // Build every plan before contacting a node: a probe that is not read-only stops the run here.
  for (const target of targets) planFor(target);

  let done = 0;
  const gathered = await mapPool(targets, options.concurrency, async (target): Promise<Gathered> => {
    const { plan, script } = planFor(target);
    const deadline = Math.min(options.runDeadline, Date.now() + options.nodeTimeoutMs);
    let collected: Collected;
    if (options.signal.aborted) {
      collected = {
        status: 'timeout',
        reason: 'run timeout reached before this node was contacted',
        output: Buffer.alloc(0),
        scriptStderr: '',
        exitCode: null,
        address: target.host,
        port: target.port ?? 22,
        user: target.user ?? '',
        durationMs: 0,
      };
    } else {
      collected = await options.collect(target, script, {
        deadline,
        signal: options.signal,
        nodeTimeoutMs: options.nodeTimeoutMs,
      });
    }
    const result = interpret(target, plan, options.nonce, collected, options.transportOf(target));
    done++;
    options.onNodeDone?.({ name: target.name, status: result.status }, done, targets.length);
    return result;
  });
  return judge(gathered, catalog, options);
}

/** Parses one node's output and settles its status and roles. */
export function interpret(
  target: Target,
  plan: ProbePlan,
  nonce: string,
  collected: Collected,
  transport: NodeOutcome['transport'],
): Gathered {
  const parsed = parseProbeOutput(collected.output, plan, nonce);
  let status = collected.status;
  let reason = collected.reason;
  if (status === 'ok' && parsed.header === undefined) {
    status = 'error';
    const said = firstLine(collected.scriptStderr) || firstLine(parsed.preamble);
    reason = `the probe script did not start${collected.exitCode === null ? '' : ` (exit ${collected.exitCode})`}${said ? `: ${said.slice(0, 200)}` : ''}`;
  } else if (status === 'ok' && !parsed.complete) {
    status = 'error';
    const said = firstLine(collected.scriptStderr);
    reason = `the probe script stopped after ${parsed.finished} of ${plan.probes.length} probes${said ? `: ${said.slice(0, 200)}` : ''}`;
  }
  if (status === 'timeout') {
    for (const key of parsed.interrupted) {
      const section = parsed.sections[key];
      if (section) parsed.sections[key] = { ...section, timedOut: true };
    }
  }
  const manifests = parsed.sections[ROLE_SECTION_KEY];
  // The Vagrant host runs its own checks and has no cluster role.
  const roles = target.checks
    ? []
    : (target.roles ?? (manifests ? rolesFromManifests(manifests.exitCode === 0 ? manifests.stdout : '') : []));
  const rolesFrom: NodeOutcome['rolesFrom'] = target.checks
    ? 'host'
    : target.roles
      ? 'inventory'
      : manifests
        ? 'detected'
        : 'unknown';
  return {
    transport,
    target,
    collected,
    sections: parsed.sections,
    roles,
    rolesFrom,
    planned: plan.probes.length,
    finished: parsed.finished,
    complete: parsed.complete,
    status,
    reason,
  };
}

/**
 * What `--raw` keeps. The host checks read this machine's own files (the whole Vagrantfile, with
 * whatever tokens and keys it holds): their output is judged but never copied into a report.
 */
function rawSections(g: Gathered): Record<string, Section> {
  if (g.target.kind !== 'vagrant-host') return g.sections;
  return Object.fromEntries(
    Object.entries(g.sections).map(([key, section]) => [
      key,
      {
        ...section,
        stdout: `(${section.stdout.split('\n').length} lines read on this machine; not copied into the report)`,
        stderr: '',
      },
    ]),
  );
}

/** Node analyzers, then cluster analyzers, over everything gathered. Pure. */
export function judge(
  gathered: readonly Gathered[],
  catalog: CheckCatalog,
  options: { expectedK8sVersion?: string | undefined; keepSections: boolean },
): Diagnosis {
  // The control-plane endpoint workers should reach, when the inventory does not say it.
  const firstControlPlane = gathered.find(
    (g) => g.roles.includes('control-plane') && g.target.intendedAddress !== undefined,
  );
  const derivedEndpoint = firstControlPlane ? `${firstControlPlane.target.intendedAddress}:6443` : undefined;

  const nodes: NodeOutcome[] = gathered.map((g) => {
    const hasOutput = Object.keys(g.sections).length > 0;
    const expected = options.expectedK8sVersion ?? g.target.k8sVersion?.value;
    const endpoint = g.target.controlPlaneEndpoint ?? derivedEndpoint;
    const context: CheckContext = {
      host: g.target.name,
      roles: g.roles,
      ...(g.target.intendedAddress === undefined ? {} : { intendedAddress: g.target.intendedAddress }),
      ...(expected === undefined ? {} : { expectedK8sVersion: expected }),
      ...(g.collected.user === '' ? {} : { sshUser: g.collected.user }),
      ...(endpoint === undefined ? {} : { controlPlaneEndpoint: endpoint }),
    };
    const checks = g.target.checks ?? (g.roles.length > 0 ? catalog.checksForRoles(g.roles) : []);
    const findings = hasOutput ? analyzeNode(checks, g.sections, context) : [];
    return {
      name: g.target.name,
      address: g.collected.address,
      port: g.collected.port,
      ...(g.collected.user === '' ? {} : { user: g.collected.user }),
      roles: g.roles,
      rolesFrom: g.rolesFrom,
      status: g.status,
      ...(g.reason === undefined ? {} : { reason: g.reason }),
      transport: g.transport,
      durationMs: g.collected.durationMs,
      ...(g.collected.hostKey === undefined ? {} : { hostKey: g.collected.hostKey as NodeOutcome['hostKey'] }),
      probes: { planned: g.planned, finished: g.finished, complete: g.complete },
      findings,
      ...(options.keepSections ? { sections: rawSections(g) } : {}),
    };
  });

  const facts: NodeFacts[] = gathered
    .filter((g) => g.target.checks === undefined)
    .map((g) => ({
      host: g.target.name,
      roles: g.roles,
      reachable: g.status === 'ok',
      sections: g.sections,
    }));
  const clusterExpected =
    options.expectedK8sVersion ?? gathered.find((g) => g.target.k8sVersion)?.target.k8sVersion?.value;
  const cluster = analyzeCluster(
    catalog.clusterChecks,
    facts,
    clusterExpected === undefined ? {} : { expectedK8sVersion: clusterExpected },
  );
  return { nodes, cluster, clusterChecks: catalog.clusterChecks };
}
