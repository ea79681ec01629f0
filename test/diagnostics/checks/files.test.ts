/**
 * One file per check and one test file per check, like the lint rules' (lint/parity.test.ts):
 * src/diagnostics/checks/<id>.ts for node and host checks, src/diagnostics/cluster/<id>.ts for
 * cluster checks, each with test/diagnostics/{checks,cluster}/<id>.test.ts. Files that are not
 * checks are named here: probe definitions shared by several checks.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterChecks, hostChecks, nodeChecks } from '../../../src/diagnostics/registry';

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
    expect(names('../cluster', /\.test\.ts$/)).toEqual(clusterIds);
    for (const [id, check] of Object.entries(clusterChecks)) expect(check.meta.id).toBe(id);
  });

  it('needsRoot follows the probes a check declares', () => {
    for (const check of [...Object.values(nodeChecks), ...Object.values(hostChecks)]) {
      expect(check.meta.needsRoot, check.meta.id).toBe(check.probes.some((probe) => probe.needsRoot === true));
    }
    expect(nodeChecks['apt-lists-stale'].meta.needsRoot).toBe(true);
  });
});
