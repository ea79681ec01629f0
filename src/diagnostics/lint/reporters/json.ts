/** JSON reporter: a versioned object with the findings, unreadable files, rules and a summary. */
import type { LintReportInput } from './types';

export const LINT_JSON_VERSION = 1;

export function jsonReport(input: LintReportInput): string {
  const count = (level: string): number => input.findings.filter((f) => f.severity === level).length;
  return `${JSON.stringify(
    {
      version: LINT_JSON_VERSION,
      tool: { name: 'k8sdiag lint', version: input.toolVersion },
      summary: {
        files: input.fileCount,
        errors: count('error'),
        warnings: count('warning'),
        infos: count('info'),
        inputErrors: input.errors.length,
      },
      findings: input.findings,
      errors: input.errors,
      rules: input.rules.map((rule) => ({
        id: rule.meta.id,
        title: rule.meta.title,
        severity: rule.meta.severity,
        runbook: rule.meta.runbook,
        url: input.ruleUrl(rule),
      })),
    },
    null,
    2,
  )}\n`;
}
