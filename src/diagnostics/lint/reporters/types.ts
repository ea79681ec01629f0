import type { LintError, LintFinding, Rule } from '../types';

/** What every reporter gets. */
export interface LintReportInput {
  findings: readonly LintFinding[];
  errors: readonly LintError[];
  fileCount: number;
  /** Every rule in the registry, for reporters that describe rules (SARIF). */
  rules: readonly Rule[];
  /** rule id -> runbook URL */
  ruleUrl: (rule: Rule) => string;
  toolVersion: string;
  /** Absolute path the reported paths are relative to. */
  cwd: string;
  /** Base URL of the runbook site. */
  docsUrl: string;
}
