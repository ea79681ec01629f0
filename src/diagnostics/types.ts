/**
 * Core contracts shared by checks, cluster checks, lint rules, the probe runner and the reporters.
 * Pure types; no I/O lives here (`defineCheck` and `defineClusterCheck` live in checks/support/).
 */
import type { RunbookId } from '../content/runbook-schema';

export type Severity = 'info' | 'warning' | 'error';
export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';
export type Role = 'control-plane' | 'worker';

/** A read-only command that a check runs on a node, as data. Never built from node input. */
export interface Probe {
  /**
   * Section name, unique across all checks (one name is one command): the output comes back under
   * this name, and checks that declare the same probe read the same section.
   */
  name: string;
  /** POSIX sh command line, static text. Held against the read-only allowlist in tests. */
  command: string;
  /** Run through `sudo -n` when not root; skipped with a reason when sudo needs a password. */
  needsRoot?: boolean;
  /** Seconds before `timeout` kills it on the node (default from the runner). */
  timeoutSeconds?: number;
}

/** What came back for one probe. A flat result object, like execa's. */
export interface Section {
  command: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Output was cut at the cap. */
  truncated: boolean;
  /** Root probe not run: sudo needs a password (or similar); the reason is in `skipReason`. */
  skipped: boolean;
  skipReason?: string;
  durationMs: number;
  /** The probe's configured time limit (set when it timed out): messages say the limit, not a measured time. */
  timeoutSeconds?: number;
}

export interface Finding {
  checkId: string;
  status: Status;
  /** One line. */
  message: string;
  /** Lines of evidence quoted from the node (untrusted text; reporters escape it). */
  evidence: string[];
  runbook: RunbookId;
  fix?: string;
}

/** What the analyzer knows besides the node's output. */
export interface CheckContext {
  host: string;
  roles: Role[];
  /** Address the inventory intends for this node (ansible_host or --host). */
  intendedAddress?: string;
  /** Expected Kubernetes version, e.g. "1.33.0", from --k8s-version or inventory vars. */
  expectedK8sVersion?: string;
  /** SSH login user (for the kubeconfig check). */
  sshUser?: string;
  /** Control-plane endpoint that workers should reach, host:port. */
  controlPlaneEndpoint?: string;
}

export interface CheckMeta {
  /** kebab-case, reads as a sentence; also the --ignore key and catalog anchor. */
  id: string;
  title: string;
  /** The title in Korean (Korean pages, `--lang ko`). */
  titleKo?: string;
  runbook: RunbookId;
  severity: Severity;
  /** Roles the check runs on. */
  roles: Role[];
  needsRoot: boolean;
}

/** Sections keyed by probe name. A missing key means the probe did not run. */
export type Sections = Readonly<Record<string, Section | undefined>>;

export interface Check {
  meta: CheckMeta;
  probes: Probe[];
  /** Pure: no I/O, never throws. Odd output becomes an `error` finding of its own. */
  analyze(sections: Sections, context: CheckContext): Finding[];
}

/** Facts a node exposes to cluster checks, extracted by node checks' analyzers. */
export interface NodeFacts {
  host: string;
  roles: Role[];
  reachable: boolean;
  sections: Readonly<Record<string, Section>>;
}

export interface ClusterCheck {
  meta: Omit<CheckMeta, 'needsRoot' | 'roles'>;
  /** Probes this cluster check needs from every node (reuses the section names). */
  probes: Probe[];
  analyze(nodes: readonly NodeFacts[], context: { expectedK8sVersion?: string }): Array<Finding & { hosts: string[] }>;
}
