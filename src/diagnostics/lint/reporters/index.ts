/** Reporters are a map of pure functions from the lint result to text. */
import { jsonReport } from './json';
import { sarifReport } from './sarif';
import { textReport } from './text';
import type { LintReportInput } from './types';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export const REPORTERS: Record<Format, (input: LintReportInput, options: { color: boolean }) => string> = {
  json: (input) => jsonReport(input),
  sarif: (input) => sarifReport(input),
  text: textReport,
};

export type { LintReportInput } from './types';
