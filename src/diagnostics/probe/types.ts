/**
 * The probe plan: the de-duplicated list of commands one node runs, in script order.
 * Section keys are probe names (`sectionKey` in plan.ts): unique across all checks, so a probe
 * several checks declare is one key; several keys can share one identical command.
 */
export interface PlannedProbe {
  /** Position in the script; markers carry it. */
  index: number;
  /** Probe names (section keys) this command serves: several names can share one identical command. */
  keys: readonly string[];
  command: string;
  needsRoot: boolean;
  timeoutSeconds: number;
}

export interface ProbePlan {
  probes: readonly PlannedProbe[];
  /** Per-section output cap in bytes (stdout and stderr each). */
  capBytes: number;
}

/** The section of the probe the runner itself needs from every node (role detection). */
export const ROLE_SECTION_KEY = 'k8sdiag-manifests';

export const DEFAULT_CAP_BYTES = 256 * 1024;
export const DEFAULT_PROBE_TIMEOUT_SECONDS = 10;
