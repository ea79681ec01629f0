/**
 * Probes, one contract per file: every module of src/diagnostics/probes/ holds one probe (or one
 * family with one output format) together with its parser, and `Parsed<T>` is declared once.
 * Besides the probes: blocks.ts (the marker format all of them share), parsed.ts and all.ts (the list).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProbes } from '../../../src/diagnostics/probes/all';
import type { Probe } from '../../../src/diagnostics/types';

const DIR = join(import.meta.dirname, '../../../src/diagnostics/probes');
const NOT_PROBES = new Set(['all', 'blocks', 'parsed']);
/** Probes whose output is still read inline by the one check that owns it (no parser to move yet). */
const READ_BY_THEIR_CHECK = new Set(['cni-conf', 'host-arch', 'kubelet-cgroup', 'pod-cidr', 'vbox-networks']);

const modules = readdirSync(DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.replace(/\.ts$/, ''))
  .filter((name) => !NOT_PROBES.has(name))
  .sort();

const isProbe = (value: unknown): value is Probe =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Probe).name === 'string' &&
  typeof (value as Probe).command === 'string';

async function exportsOf(name: string): Promise<Record<string, unknown>> {
  return import(`../../../src/diagnostics/probes/${name}.ts`);
}

describe('probes: one contract per file', () => {
  it('every probe module defines a probe, and all.ts lists exactly those', async () => {
    const defined: string[] = [];
    for (const name of modules) {
      const probes = Object.values(await exportsOf(name)).filter(isProbe);
      expect(probes.length, name).toBeGreaterThan(0);
      defined.push(...probes.map((probe) => probe.name));
    }
    expect(allProbes.map((probe) => probe.name).sort()).toEqual(defined.sort());
  });

  it('every probe module has its parser next to the probe', async () => {
    for (const name of modules) {
      const parsers = Object.values(await exportsOf(name)).filter((value) => typeof value === 'function');
      if (READ_BY_THEIR_CHECK.has(name)) expect(parsers, name).toEqual([]);
      else expect(parsers.length, name).toBeGreaterThan(0);
    }
  });

  it('Parsed<T> is declared in one place', () => {
    const declaring = readdirSync(DIR).filter((name) =>
      /export type Parsed</.test(readFileSync(join(DIR, name), 'utf8')),
    );
    expect(declaring).toEqual(['parsed.ts']);
  });
});
