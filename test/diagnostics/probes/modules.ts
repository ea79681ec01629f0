/** The probe modules of src/diagnostics/probes/ and the probes they define, found by reading the directory. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Probe } from '../../../src/diagnostics/types';

export const PROBES_DIR = join(import.meta.dirname, '../../../src/diagnostics/probes');
/** Files of the directory that are not probes: the marker format and the parser result. */
export const NOT_PROBES = new Set(['blocks', 'parsed']);

export const probeModules = (): string[] =>
  readdirSync(PROBES_DIR)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.replace(/\.ts$/, ''))
    .filter((name) => !NOT_PROBES.has(name))
    .sort();

export const isProbe = (value: unknown): value is Probe =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Probe).name === 'string' &&
  typeof (value as Probe).command === 'string';

export async function exportsOf(name: string): Promise<Record<string, unknown>> {
  return import(`../../../src/diagnostics/probes/${name}.ts`);
}

/** Every probe defined in the directory. */
export async function definedProbes(): Promise<Probe[]> {
  const out: Probe[] = [];
  for (const name of probeModules()) out.push(...Object.values(await exportsOf(name)).filter(isProbe));
  return out;
}
