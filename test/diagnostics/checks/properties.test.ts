/**
 * Property tests: every analyzer gets random, truncated and binary output. None throws (checks
 * have no safety net of their own; the runner's would turn a throw into an error finding), every
 * finding is well formed, and odd output becomes an `error` finding that says what was unexpected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterChecks, hostChecks, nodeChecks } from '../../../src/diagnostics/registry';
import type { Check, CheckContext, Finding, NodeFacts, Role, Section } from '../../../src/diagnostics/types';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'];
const RUNS = 150;

/** Real captured outputs by probe name, from every fixture directory. */
const realOutputs = new Map<string, string[]>();
for (const dir of readdirSync(FIXTURES, { withFileTypes: true })) {
  if (!dir.isDirectory() || dir.name === 'tools') continue;
  for (const file of readdirSync(`${FIXTURES}${dir.name}`)) {
    const match = /^[^.]+(?:\.[^.]+)*?\.([a-z0-9-]+)\.txt$/.exec(file);
    if (!match?.[1]) continue;
    const list = realOutputs.get(match[1]) ?? [];
    list.push(readFileSync(`${FIXTURES}${dir.name}/${file}`, 'utf8'));
    realOutputs.set(match[1], list);
  }
}

const base = (stdout: string): Section => ({
  command: '(property)',
  exitCode: 0,
  stdout,
  stderr: '',
  timedOut: false,
  truncated: false,
  skipped: false,
  durationMs: 1,
});

const binary = fc
  .uint8Array({ minLength: 1, maxLength: 400 })
  .map((bytes) => `${Buffer.from(bytes).toString('latin1')}\u0000`);
const randomText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), binary);

function truncatedReal(probe: string): fc.Arbitrary<Section> {
  const outputs = realOutputs.get(probe) ?? [''];
  return fc
    .tuple(fc.constantFrom(...outputs), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
    .map(([text, cut, flag]) => ({ ...base(text.slice(0, Math.floor(text.length * cut))), truncated: flag }));
}

function anySection(probe: string): fc.Arbitrary<Section> {
  return fc.oneof(
    randomText.map(base),
    truncatedReal(probe),
    fc.constantFrom(...(realOutputs.get(probe) ?? [''])).map(base),
    fc.record({
      command: fc.constant('(property)'),
      exitCode: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
      stdout: randomText,
      stderr: randomText,
      timedOut: fc.boolean(),
      truncated: fc.boolean(),
      skipped: fc.boolean(),
      durationMs: fc.nat(),
    }),
  );
}

const roles = fc.subarray<Role>(['control-plane', 'worker']);
const contextArb: fc.Arbitrary<CheckContext> = fc.record(
  {
    host: fc.string({ minLength: 1, maxLength: 20 }),
    roles,
    intendedAddress: fc.oneof(fc.constant('198.51.100.10'), fc.string({ maxLength: 30 })),
    expectedK8sVersion: fc.oneof(fc.constant('1.33.0'), fc.constant('1.30'), fc.string({ maxLength: 12 })),
    sshUser: fc.string({ maxLength: 12 }),
    controlPlaneEndpoint: fc.oneof(fc.constant('198.51.100.10:6443'), fc.string({ maxLength: 30 })),
  },
  { requiredKeys: ['host', 'roles'] },
);

function sectionsFor(check: { probes: ReadonlyArray<{ name: string }> }): fc.Arbitrary<Record<string, Section>> {
  const entries = check.probes.map((probe) => [probe.name, anySection(probe.name)] as const);
  return fc.record(Object.fromEntries(entries));
}

function assertWellFormed(finding: Finding, id: string, runbook: string): void {
  expect(STATUSES).toContain(finding.status);
  expect(finding.checkId).toBe(id);
  expect(finding.runbook).toBe(runbook);
  expect(typeof finding.message).toBe('string');
  expect(finding.message.length).toBeGreaterThan(0);
  expect(finding.message).not.toMatch(/[\n\r]/);
  expect(Array.isArray(finding.evidence)).toBe(true);
  for (const line of finding.evidence) {
    expect(typeof line).toBe('string');
    expect(line.includes('\n') || line.includes('\r') || line.includes('\u0000')).toBe(false);
  }
}

const allChecks: Check[] = [...Object.values(nodeChecks), ...Object.values(hostChecks)];

describe.each(allChecks.map((check) => [check.meta.id, check] as const))('%s', (_id, check) => {
  it('never throws and returns well-formed findings for random, truncated and binary output', () => {
    fc.assert(
      fc.property(sectionsFor(check), contextArb, (sections, context) => {
        const findings = check.analyze(sections, context);
        expect(findings.length).toBeGreaterThan(0);
        for (const finding of findings) assertWellFormed(finding, check.meta.id, check.meta.runbook);
      }),
      { numRuns: RUNS },
    );
  });

  it('turns binary output into an error that says so', () => {
    fc.assert(
      fc.property(binary, contextArb, (stdout, context) => {
        const sections = Object.fromEntries(check.probes.map((probe) => [probe.name, base(stdout)]));
        const [first] = check.analyze(sections, context);
        expect(first?.status).toBe('error');
        expect(first?.message).toMatch(/returned binary output \(NUL byte at offset \d+\), expected text/);
      }),
      { numRuns: 40 },
    );
  });

  it('turns output of the wrong shape into an error that quotes it', () => {
    const garbage = fc.array(
      fc.string({ minLength: 1, maxLength: 40 }).map(
        (text) =>
          `@@${text
            .split('\u0000')
            .join('')
            .replace(/[\r\n]/g, '')}`,
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(garbage, contextArb, (lines, context) => {
        const sections = Object.fromEntries(check.probes.map((probe) => [probe.name, base(`${lines.join('\n')}\n`)]));
        const [first] = check.analyze(sections, context);
        expect(first?.status).toBe('error');
        expect(first?.message).toMatch(/^unexpected output from probe "[a-z0-9-]+"/);
        expect(first?.message).toContain('"@@');
      }),
      { numRuns: 60 },
    );
  });
});

describe.each(Object.values(clusterChecks).map((check) => [check.meta.id, check] as const))(
  '%s (cluster)',
  (_id, check) => {
    it('never throws on random nodes and returns well-formed findings with hosts', () => {
      const nodeArb: fc.Arbitrary<NodeFacts> = fc.record({
        host: fc.string({ minLength: 1, maxLength: 12 }),
        roles,
        reachable: fc.boolean(),
        sections: sectionsFor(check),
      });
      fc.assert(
        fc.property(fc.array(nodeArb, { maxLength: 6 }), (nodes) => {
          const findings = check.analyze(nodes, {});
          expect(findings.length).toBeGreaterThan(0);
          for (const finding of findings) {
            assertWellFormed(finding, check.meta.id, check.meta.runbook);
            expect(Array.isArray(finding.hosts)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    });
  },
);
