/**
 * A small RuleTester for checks: each case names fixture files (real captured probe output under
 * test/fixtures/<dir>/<case>.<probe>.txt) or inline sections, a context, and what the finding must
 * say. `valid` cases must pass; `invalid` cases name the status they must get.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check, CheckContext, Finding, Section, Sections, Status } from '../../../src/diagnostics/types';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The text of test/fixtures/<dir>/<name>.txt. */
export function fixtureText(dir: string, name: string): string {
  return readFileSync(`${FIXTURES}${dir}/${name}.txt`, 'utf8');
}

export function section(stdout: string, overrides: Partial<Section> = {}): Section {
  return {
    command: '(fixture)',
    exitCode: 0,
    stdout,
    stderr: '',
    timedOut: false,
    truncated: false,
    skipped: false,
    durationMs: 5,
    ...overrides,
  };
}

/** `"dir/case"` loads test/fixtures/dir/case.<probe>.txt; a Section is used as is. */
export type SectionSource = string | Section;

export function loadSections(spec: Readonly<Record<string, SectionSource>>): Sections {
  const sections: Record<string, Section> = {};
  for (const [probe, source] of Object.entries(spec)) {
    if (typeof source !== 'string') {
      sections[probe] = source;
      continue;
    }
    const slash = source.indexOf('/');
    sections[probe] = section(fixtureText(source.slice(0, slash), `${source.slice(slash + 1)}.${probe}`));
  }
  return sections;
}

export interface Expectation {
  status: Status;
  message?: RegExp;
  evidence?: RegExp[];
  fix?: RegExp;
}

export interface Case {
  name: string;
  sections: Readonly<Record<string, SectionSource>>;
  context?: Partial<CheckContext>;
  /** For invalid cases: one expectation for every finding, or one per finding in order. */
  expect?: Expectation | readonly Expectation[];
  /** For valid cases: optional message check. */
  message?: RegExp;
}

export const context = (overrides: Partial<CheckContext> = {}): CheckContext => ({
  host: 'node-1',
  roles: ['worker'],
  ...overrides,
});

function assertOne(check: Check, finding: Finding, expectation: Expectation): void {
  expect(finding.checkId).toBe(check.meta.id);
  expect(finding.runbook).toBe(check.meta.runbook);
  expect(finding.message).not.toMatch(/\n/);
  expect({ status: finding.status, message: finding.message }).toMatchObject({ status: expectation.status });
  if (expectation.message) expect(finding.message).toMatch(expectation.message);
  for (const pattern of expectation.evidence ?? []) {
    expect(
      finding.evidence.some((line) => pattern.test(line)),
      `evidence ${pattern} in ${JSON.stringify(finding.evidence)}`,
    ).toBe(true);
  }
  if (expectation.fix) expect(finding.fix ?? '').toMatch(expectation.fix);
  if (expectation.status === 'fail' || expectation.status === 'warn')
    expect(finding.fix ?? '', 'fail/warn carries a fix').not.toBe('');
}

/** Every finding is asserted: one expectation holds for each of them, a list names them in order. */
function assertFindings(check: Check, findings: Finding[], expectation: Expectation | readonly Expectation[]): void {
  expect(findings.length).toBeGreaterThan(0);
  if (Array.isArray(expectation)) {
    expect(findings.map((finding) => finding.status)).toEqual(expectation.map((item) => item.status));
    findings.forEach((finding, i) => {
      assertOne(check, finding, expectation[i] as Expectation);
    });
    return;
  }
  for (const finding of findings) assertOne(check, finding, expectation as Expectation);
}

export function runCases(check: Check, cases: { valid: Case[]; invalid: Case[] }): void {
  describe(check.meta.id, () => {
    describe('valid', () => {
      for (const item of cases.valid) {
        it(item.name, () => {
          const findings = check.analyze(loadSections(item.sections), context(item.context));
          assertFindings(check, findings, { status: 'pass', ...(item.message ? { message: item.message } : {}) });
        });
      }
    });
    describe('invalid', () => {
      for (const item of cases.invalid) {
        it(item.name, () => {
          if (item.expect === undefined) throw new Error(`invalid case "${item.name}" has no expectation`);
          const findings = check.analyze(loadSections(item.sections), context(item.context));
          assertFindings(check, findings, item.expect);
        });
      }
    });
  });
}
