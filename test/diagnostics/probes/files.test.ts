/**
 * Probes, one contract per file: every module of src/diagnostics/probes/ holds one probe (or one
 * family with one output format) together with its parser, and `Parsed<T>` is declared once.
 * Besides the probes: blocks.ts (the marker format all of them share, and the rules) and parsed.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportsOf, isProbe, PROBES_DIR, probeModules } from './modules';

const modules = probeModules();

describe('probes: one contract per file', () => {
  it('every probe module defines a probe', async () => {
    for (const name of modules) {
      const probes = Object.values(await exportsOf(name)).filter(isProbe);
      expect(probes.length, name).toBeGreaterThan(0);
    }
  });

  it('every probe module has its parser next to the probe', async () => {
    for (const name of modules) {
      const parsers = Object.values(await exportsOf(name)).filter((value) => typeof value === 'function');
      expect(parsers.length, name).toBeGreaterThan(0);
    }
  });

  it('Parsed<T> is declared in one place', () => {
    const declaring = readdirSync(PROBES_DIR).filter((name) =>
      /export type Parsed</.test(readFileSync(join(PROBES_DIR, name), 'utf8')),
    );
    expect(declaring).toEqual(['parsed.ts']);
  });
});
