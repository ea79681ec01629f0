/**
 * The home of runbook facts. Starlight's docs schema is extended with these fields
 * (src/content.config.ts), and the CLI validates the same frontmatter with the same
 * schema when it reads the runbooks from disk (src/diagnostics/runbooks/).
 * Plain zod so that both Astro and the bundled CLI can import it.
 */
import { z } from 'zod';
import { compilePattern, isPatternLine } from '../retrieval/pattern-lines';

/** The ten failures of the field log, in the order the log tells them. */
export const RUNBOOK_IDS = [
  'vagrant-box-arch-mismatch',
  'yaml-version-float',
  'apt-stale-cache',
  'kubernetes-apt-repo-moved',
  'exec-format-error',
  'iptables-flush-lockout',
  'duplicate-default-route',
  'ansible-default-ipv4-nat',
  'kubeadm-join-hangs',
  'kubectl-localhost-8080',
  'containerd-cri-disabled',
  'cgroup-driver-mismatch',
  'cni-nat-interface',
  'pod-cidr-overlap',
  'vbox-hostonly-range',
  'cni-not-installed',
] as const;
export type RunbookId = (typeof RUNBOOK_IDS)[number];

export const LAYERS = ['vm', 'provisioning', 'cluster'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Fields that only runbook pages carry. Every field is optional at the collection level
 * (the docs collection also holds the home and guide pages); `runbookFrontmatter` below
 * makes them required for files under runbooks/.
 */
/**
 * A supports / ruledOutBy / undecidedBy entry: a line as the user sees it, or `/regex/` (case-insensitive,
 * tested on the whole raw input) where words cannot say it (a script's file name).
 */
const evidenceLine = z
  .string()
  .min(3)
  .refine((line) => !isPatternLine(line) || compiles(line), 'not a valid /regular expression/');
const hostName = z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'must be a host name, e.g. "apt.kubernetes.io"');

function compiles(line: string): boolean {
  try {
    compilePattern(line);
    return true;
  } catch {
    return false;
  }
}

export const runbookFields = z.object({
  /** Stable id, equal to the file's slug. Used by checks, lint rules, `explain` and URLs. */
  runbook: z.enum(RUNBOOK_IDS).optional(),
  /** Catalog number: 1-10 are the field log's problems in its order, later failures continue from 11. */
  problem: z.number().int().min(1).optional(),
  layer: z.enum(LAYERS).optional(),
  tools: z.array(z.string().min(1)).optional(),
  /** One-line symptoms as a user would describe them. */
  symptoms: z.array(z.string().min(1)).optional(),
  /**
   * Exact messages a user sees and pastes. `explain` and search match on these. Each one decides
   * alone: a paste that contains it gets a confident answer. Keep generic lines out (see `supports`).
   */
  signatures: z.array(z.string().min(3)).optional(),
  /**
   * Lines that point here but also appear elsewhere (kubeadm's preflight banner): never decide. A
   * `/regex/` entry (case-insensitive, tested on the whole raw input) says what words cannot: a package
   * version in the legacy repository's form.
   */
  supports: z.array(evidenceLine).optional(),
  /** Lines that rule this runbook out (`[ERROR CRI]`, `VT-x is not available`): no confident answer. */
  ruledOutBy: z.array(evidenceLine).optional(),
  /**
   * Lines in whose presence the same error has other common causes (an exec format error inside a
   * container: a wrong-architecture image or an entrypoint script without a shebang): the runbook
   * stays a candidate, but only "possibly related". `/regex/` entries are tested on the raw input.
   */
  undecidedBy: z.array(evidenceLine).optional(),
  /**
   * The hosts this runbook's errors are about (`apt.kubernetes.io`): a deciding signature does not
   * decide in a part of the input that names other hosts (a URL) and none of these. Subdomains count.
   */
  hosts: z.array(hostName).optional(),
  /** Commands whose output this runbook explains (`kubeadm join`); another command of the same tool rules it out. */
  context: z.array(z.string().regex(/^\S+ \S+$/, 'must be a tool and its subcommand, e.g. "kubeadm join"')).optional(),
  /** One sentence: the root cause. Printed by `k8sdiag explain`. */
  cause: z.string().min(10).optional(),
  /** Copyable fix commands, printed by `k8sdiag explain`. */
  fixCommands: z.array(z.string().min(1)).optional(),
  related: z.array(z.enum(RUNBOOK_IDS)).optional(),
});

/** The frontmatter a file under runbooks/ must have: every runbook field present. */
export const runbookFrontmatter = z.object({
  title: z.string().min(3),
  description: z.string().min(10),
  runbook: z.enum(RUNBOOK_IDS),
  problem: z.number().int().min(1),
  layer: z.enum(LAYERS),
  tools: z.array(z.string().min(1)).min(1),
  symptoms: z.array(z.string().min(1)).min(1),
  signatures: z.array(z.string().min(3)).min(1),
  supports: z.array(evidenceLine).optional(),
  ruledOutBy: z.array(evidenceLine).optional(),
  undecidedBy: z.array(evidenceLine).optional(),
  hosts: z.array(hostName).optional(),
  context: z.array(z.string().regex(/^\S+ \S+$/, 'must be a tool and its subcommand, e.g. "kubeadm join"')).optional(),
  cause: z.string().min(10),
  fixCommands: z.array(z.string().min(1)),
  related: z.array(z.enum(RUNBOOK_IDS)),
});
export type RunbookFrontmatter = z.infer<typeof runbookFrontmatter>;

/** superRefine hook: when `runbook` is set, every runbook field must be valid. */
export function requireCompleteRunbook(data: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (data['runbook'] === undefined) return;
  const parsed = runbookFrontmatter.safeParse(data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
}
