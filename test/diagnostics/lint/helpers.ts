/**
 * Test helpers: lint in-memory files through the real classify -> parse -> facts -> rules path,
 * and an ESLint-style RuleTester (valid/invalid tables with positions).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../../src/diagnostics/lint/engine';
import { classifyPath, isLintError, isSkipped, parseFile } from '../../../src/diagnostics/lint/parse';
import type { HostArch, LintError, LintFile, LintFinding, Rule, Severity } from '../../../src/diagnostics/lint/types';

export interface VirtualLint {
  findings: LintFinding[];
  errors: LintError[];
  files: LintFile[];
}

export function parseVirtual(files: Record<string, string>): { files: LintFile[]; errors: LintError[] } {
  const parsed: LintFile[] = [];
  const errors: LintError[] = [];
  for (const [path, text] of Object.entries(files)) {
    const kind = classifyPath(path);
    if (kind === undefined) continue;
    const result = parseFile(path, text, kind);
    if (result === undefined || isSkipped(result)) continue;
    if (isLintError(result)) errors.push(result);
    else parsed.push(result);
  }
  return { files: parsed, errors };
}

export function lintVirtual(
  files: Record<string, string>,
  options: { hostArch?: HostArch; rules?: Rule[] } = {},
): VirtualLint {
  const { files: parsed, errors } = parseVirtual(files);
  const engine = {
    hostArch: options.hostArch ?? 'amd64',
    ...(options.rules === undefined ? {} : { rules: options.rules }),
  };
  return { findings: lintFiles(parsed, engine), errors, files: parsed };
}

export interface Expected {
  /** Defaults to the case's first file. */
  path?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  message?: RegExp;
}

export interface Case {
  name: string;
  /** One file: its path and text. */
  path?: string;
  code?: string;
  /** Several files (a project). */
  files?: Record<string, string>;
  hostArch?: HostArch;
}

export interface InvalidCase extends Case {
  errors: Expected[];
}

function filesOf(c: Case): Record<string, string> {
  if (c.files !== undefined) return c.files;
  if (c.path === undefined || c.code === undefined) throw new Error(`case "${c.name}" needs path+code or files`);
  return { [c.path]: c.code };
}

/** Runs a rule over valid cases (no finding of this rule) and invalid ones (exactly these findings). */
export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const { findings, errors } = lintVirtual(filesOf(c), { hostArch: c.hostArch ?? 'amd64', rules: [rule] });
        expect(errors).toEqual([]);
        expect(findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const files = filesOf(c);
        const firstPath = Object.keys(files)[0];
        const { findings, errors } = lintVirtual(files, { hostArch: c.hostArch ?? 'amd64', rules: [rule] });
        expect(errors).toEqual([]);
        const got = findings.map((f) => ({ path: f.path, line: f.line, column: f.column }));
        const want = c.errors.map((e) => ({ path: e.path ?? firstPath, line: e.line, column: e.column }));
        expect(got).toEqual(want);
        c.errors.forEach((e, i) => {
          const f = findings[i] as LintFinding;
          expect(f.ruleId).toBe(rule.meta.id);
          expect(f.runbook).toBe(rule.meta.runbook);
          if (e.endLine !== undefined) expect(f.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(f.endColumn).toBe(e.endColumn);
          expect(f.severity).toBe(e.severity ?? rule.meta.severity);
          if (e.message !== undefined) expect(f.message).toMatch(e.message);
        });
      });
    });
  });
}
