import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { type LintReportInput, REPORTERS } from '../../../src/diagnostics/lint/reporters/index';
import { sarifUri } from '../../../src/diagnostics/lint/reporters/sarif';
import { safeText } from '../../../src/diagnostics/lint/reporters/text';
import { allRules, RULE_IDS } from '../../../src/diagnostics/lint/rules/index';
import { lintPaths } from '../../../src/diagnostics/lint/run';
import { runbookUrl } from '../../../src/diagnostics/runbooks/runbooks';

const project = fileURLToPath(new URL('../../fixtures/lint/field-log-project', import.meta.url));
const result = lintPaths(['.'], { cwd: project, hostArch: 'arm64', docsUrl: 'https://docs.example' });
const input = (overrides: Partial<LintReportInput> = {}): LintReportInput => ({
  findings: result.findings,
  errors: [],
  fileCount: result.files.length,
  rules: allRules(),
  ruleUrl: (rule) => runbookUrl(rule.meta.runbook, 'en', 'https://docs.example'),
  toolVersion: '0.1.0',
  cwd: project,
  docsUrl: 'https://docs.example',
  ...overrides,
});

/**
 * The SARIF 2.1.0 JSON schema (rtm.5, draft-04) as shipped by @microsoft/jest-sarif. One of its
 * patterns (language, /^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$/) is not valid with the u flag, so Ajv
 * compiles patterns without it (unicodeRegExp: false).
 */
function sarifSchema(): object {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

describe('sarif', () => {
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema());

  it('is valid against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(REPORTERS.sarif(input(), { color: false })) as unknown;
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator does reject a broken log', () => {
    const log = JSON.parse(REPORTERS.sarif(input(), { color: false })) as {
      runs: Array<{ results: Array<{ level?: string }> }>;
    };
    const first = log.runs[0]?.results[0];
    if (first !== undefined) first.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('has one rule entry per rule with its runbook as helpUri, and regions for results', () => {
    const log = JSON.parse(REPORTERS.sarif(input(), { color: false }));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(allRules().map((r) => r.meta.id));
    const box = run.tool.driver.rules.find((r: { id: string }) => r.id === 'vagrant-box-arch');
    expect(box.helpUri).toBe('https://docs.example/runbooks/vagrant-box-arch-mismatch/');
    expect(run.results).toHaveLength(result.findings.length);
    const first = run.results[0];
    expect(first.ruleId).toBe('vagrant-box-arch');
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('vagrant-box-arch');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'Vagrantfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 20, endLine: 12, endColumn: 34 },
    });
    expect(run.results.map((r: { level: string }) => r.level)).toContain('warning');
  });

  it('reports unreadable files as notifications and marks the run unsuccessful', () => {
    const log = JSON.parse(
      REPORTERS.sarif(input({ errors: [{ path: 'bad.yml', line: 3, column: 1, message: 'YAML syntax: x' }] }), {
        color: false,
      }),
    );
    expect(validate(log)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe('YAML syntax: x');
  });

  it('percent-encodes path segments', () => {
    expect(sarifUri('roles/my role/tasks/main.yml')).toBe('roles/my%20role/tasks/main.yml');
    expect(sarifUri('../other/x.yml')).toBe('../other/x.yml');
  });
});

describe('json', () => {
  it('carries findings, a summary and the rules', () => {
    const report = JSON.parse(REPORTERS.json(input(), { color: false }));
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 14, errors: 9, warnings: 6, infos: 0, inputErrors: 0 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'vagrant-box-arch',
      path: 'Vagrantfile',
      line: 12,
      column: 20,
      severity: 'error',
    });
    expect(report.rules).toHaveLength(RULE_IDS.length);
  });
});

describe('text', () => {
  it('one line per finding plus its runbook, then a summary; no colour when told so', () => {
    const text = REPORTERS.text(input(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Vagrantfile:12:20 {2}error {4}vagrant-box-arch {2}box "ubuntu\/jammy64"/);
    expect(lines[1]).toBe('  runbook: https://docs.example/runbooks/vagrant-box-arch-mismatch/');
    expect(lines[lines.length - 1]).toBe('9 errors, 6 warnings, 0 info in 14 files');
    expect(text).not.toContain('\u001b[');
  });

  it('colours on a terminal', () => {
    expect(REPORTERS.text(input(), { color: true })).toContain('\u001b[');
  });

  it('a clean run says so', () => {
    expect(REPORTERS.text(input({ findings: [] }), { color: false })).toBe('no problems found in 14 files\n');
  });

  it('escapes terminal control characters from file content', () => {
    expect(safeText('box "\u001b[31mred\u0007"')).toBe('box "\\u001b[31mred\\u0007"');
  });
});
