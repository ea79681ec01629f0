/**
 * SARIF 2.1.0 reporter for code-scanning dashboards: one rule entry per rule (helpUri = runbook),
 * results with physical locations relative to %SRCROOT%, unreadable files as tool notifications.
 * Columns are UTF-16 code units, as SARIF's default columnKind says; endColumn is exclusive.
 */
import { pathToFileURL } from 'node:url';
import type { Severity } from '../types';
import type { LintReportInput } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase());

/** A relative URI reference for a report path (each segment percent-encoded). */
export function sarifUri(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

export function sarifLog(input: LintReportInput): Record<string, unknown> {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.meta.id, index]));
  const location = (path: string, region: Record<string, number>) => ({
    physicalLocation: { artifactLocation: { uri: sarifUri(path), uriBaseId: '%SRCROOT%' }, region },
  });
  const base = pathToFileURL(input.cwd.endsWith('/') ? input.cwd : `${input.cwd}/`).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8sdiag lint',
            version: input.toolVersion,
            informationUri: input.docsUrl,
            rules: input.rules.map((rule) => ({
              id: rule.meta.id,
              name: pascal(rule.meta.id),
              shortDescription: { text: rule.meta.title },
              fullDescription: { text: rule.meta.description },
              helpUri: input.ruleUrl(rule),
              help: { text: `${rule.meta.description}\nRunbook: ${input.ruleUrl(rule)}` },
              defaultConfiguration: { level: LEVEL[rule.meta.severity] },
              properties: { runbook: rule.meta.runbook, tags: ['k8sdiag', rule.meta.runbook] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: input.errors.length === 0,
            toolExecutionNotifications: input.errors.map((error) => ({
              level: 'error',
              message: { text: error.message },
              locations: [location(error.path, { startLine: error.line, startColumn: error.column })],
            })),
          },
        ],
        results: input.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            location(f.path, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }),
          ],
          properties: { runbook: f.runbook },
        })),
      },
    ],
  };
}

export function sarifReport(input: LintReportInput): string {
  return `${JSON.stringify(sarifLog(input), null, 2)}\n`;
}
