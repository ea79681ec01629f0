import type { Report } from '../schema';

/**
 * Characters JSON.stringify leaves raw but a terminal or editor acts on: C1 controls (U+0080-U+009F,
 * U+009B is an 8-bit CSI), bidi overrides and isolates (which reorder what a reader sees), and the
 * line and paragraph separators. They are written as \uXXXX escapes: the parsed data is unchanged.
 */
const UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The validated report as JSON (schema: public/report.schema.json). */
export function renderJson(report: Report): string {
  const text = JSON.stringify(report, null, 2).replace(
    UNSAFE,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
