/**
 * One file per check and one test file per check, like the lint rules' (lint/parity.test.ts):
 * src/diagnostics/checks/<id>.ts for node and host checks, src/diagnostics/cluster/<id>.ts for
 * cluster checks, each with test/diagnostics/{checks,cluster}/<id>.test.ts. Files that are not
 * checks are named here: probe definitions shared by several checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterChecks, hostChecks, nodeChecks } from '../../../src/diagnostics/registry';
import type { NodeFacts, Sections } from '../../../src/diagnostics/types';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const NOT_CHECKS = new Set<string>();
const NOT_CHECK_TESTS = new Set(['files', 'properties']);

const names = (dir: string, suffix: RegExp): string[] =>
  readdirSync(here(dir), { withFileTypes: true })
    .filter((entry) => entry.isFile() && suffix.test(entry.name))
    .map((entry) => entry.name.replace(suffix, ''))
    .sort();

describe('checks: one file and one test file each', () => {
  const ids = [...Object.keys(nodeChecks), ...Object.keys(hostChecks)].sort();
  const clusterIds = Object.keys(clusterChecks).sort();

  it('every node and host check has its own file, keyed by its id', () => {
    expect(names('../../../src/diagnostics/checks', /\.ts$/).filter((name) => !NOT_CHECKS.has(name))).toEqual(ids);
    for (const [id, check] of Object.entries({ ...nodeChecks, ...hostChecks })) expect(check.meta.id).toBe(id);
  });

  it('every node and host check has its own test file', () => {
    expect(names('.', /\.test\.ts$/).filter((name) => !NOT_CHECK_TESTS.has(name))).toEqual(ids);
  });

  it('every cluster check has its own file and its own test file', () => {
    expect(names('../../../src/diagnostics/cluster', /\.ts$/)).toEqual(clusterIds);
    expect(names('../cluster', /\.test\.ts$/).filter((name) => !NOT_CHECK_TESTS.has(name))).toEqual(clusterIds);
    for (const [id, check] of Object.entries(clusterChecks)) expect(check.meta.id).toBe(id);
  });

  it("every cluster check's file exports the registered check, and each test file imports its check", async () => {
    for (const [id, check] of Object.entries(clusterChecks)) {
      const module: { default: unknown } = await import(`../../../src/diagnostics/cluster/${id}.ts`);
      expect(module.default, id).toBe(check);
      expect(readFileSync(here(`../cluster/${id}.test.ts`), 'utf8'), id).toContain(
        `from '../../../src/diagnostics/cluster/${id}'`,
      );
    }
  });

  it('needsRoot follows the probes a check declares', () => {
    for (const check of [...Object.values(nodeChecks), ...Object.values(hostChecks)]) {
      expect(check.meta.needsRoot, check.meta.id).toBe(check.probes.some((probe) => probe.needsRoot === true));
    }
    expect(nodeChecks['apt-lists-stale'].meta.needsRoot).toBe(true);
  });
});

/**
 * One safety net, the runner's (runner/analyze.ts): checks are written through `defineCheck` /
 * `defineClusterCheck`, which bind the reporter and the section gate, and catch nothing themselves,
 * so an analyzer that throws reaches the runner, which turns it into an `error` finding.
 */
describe('checks: one opening, one safety net', () => {
  const source = (dir: string, id: string): string => readFileSync(here(`${dir}/${id}.ts`), 'utf8');
  const boom = (): never => {
    throw new Error('planted');
  };
  const throwingSections = new Proxy({}, { get: boom }) as Sections;

  it('node and host checks use defineCheck and build no reporter of their own', () => {
    for (const id of [...Object.keys(nodeChecks), ...Object.keys(hostChecks)]) {
      const text = source('../../../src/diagnostics/checks', id);
      expect(text, id).toMatch(/export default defineCheck\(/);
      expect(text, id).not.toMatch(/\breporter\(|\bguarded\(/);
    }
  });

  it('cluster checks use defineClusterCheck and build no reporter of their own', () => {
    for (const id of Object.keys(clusterChecks)) {
      const text = source('../../../src/diagnostics/cluster', id);
      expect(text, id).toMatch(/export default defineClusterCheck\(/);
      expect(text, id).not.toMatch(/\breporter\(|\bguarded\(|\bcleanLines\(/);
    }
  });

  it('an analyzer that throws is not caught by the check (the runner catches it)', () => {
    for (const check of [...Object.values(nodeChecks), ...Object.values(hostChecks)]) {
      expect(() => check.analyze(throwingSections, { host: 'n', roles: ['worker'] }), check.meta.id).toThrow('planted');
    }
    const node: NodeFacts = {
      host: 'n',
      roles: ['worker'],
      reachable: true,
      sections: throwingSections as NodeFacts['sections'],
    };
    for (const check of Object.values(clusterChecks)) {
      expect(() => check.analyze([node, { ...node, host: 'm' }], {}), check.meta.id).toThrow('planted');
    }
  });
});
