import type { Report } from '../schema';

/** The validated report as JSON (schema: public/report.schema.json). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
