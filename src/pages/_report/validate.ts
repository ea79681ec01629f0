/**
 * Validates a parsed report with the same zod schema `k8sdiag run` writes it with
 * (src/diagnostics/report/schema.ts). Loaded by the viewer only when a report is opened, so the
 * viewer page itself does not carry zod.
 */
import { type Report, reportSchema } from '../../diagnostics/report/schema';

export type Validation = { ok: true; report: Report } | { ok: false; issues: { path: string; message: string }[] };

export function validateReport(data: unknown): Validation {
  const parsed = reportSchema.safeParse(data);
  if (parsed.success) return { ok: true, report: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path:
        issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('') || '(root)',
      message: issue.message,
    })),
  };
}
