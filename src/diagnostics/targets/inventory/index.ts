/**
 * Loads an Ansible inventory: k8sdiag's static parser always runs first (it gives errors with
 * file:line), then `ansible-inventory --list` when installed, for full fidelity (plugins,
 * group_vars/host_vars, patterns); its result wins, enriched with the static parser's lines.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { K8sdiagError } from '../../errors';
import { entryOf, readCapped } from '../files';
import type { Target } from '../types';
import { parseAnsibleInventoryJson, runAnsibleInventory } from './ansible-json';
import { parseIniInventory } from './ini';
import { emptyInventory, group, host, hostGroups, hostVars, type Inventory, inventoryTargets } from './model';
import { applyVarsDirs } from './vars-dirs';
import { parseYamlInventory } from './yaml';

export type InventoryParser = 'auto' | 'static' | 'ansible';

export interface LoadedInventory {
  targets: Target[];
  via: 'static' | 'ansible-inventory' | 'host-list';
  warnings: string[];
}

const YAML_EXT = new Set(['.yml', '.yaml', '.json']);
const IGNORED = /(\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.cfg|\.retry)$/;

/** Largest inventory file read (a static inventory of thousands of hosts is well under 1 MiB). */
const MAX_INVENTORY_BYTES = 16 * 1024 * 1024;

function parseFileStatic(file: string): Inventory {
  let text: string;
  try {
    text = readCapped(file, MAX_INVENTORY_BYTES, 'this inventory file').toString('utf8');
  } catch (error) {
    if (error instanceof K8sdiagError) throw new K8sdiagError('E_INVENTORY', error.message, { file });
    throw error;
  }
  if (YAML_EXT.has(extname(file).toLowerCase())) {
    if (extname(file).toLowerCase() === '.json' && /"_meta"\s*:/.test(text))
      return parseAnsibleInventoryJson(text, file);
    return parseYamlInventory(text, file);
  }
  if (text.startsWith('#!')) {
    throw new K8sdiagError(
      'E_INVENTORY',
      'this is an executable inventory script: it needs ansible-inventory on PATH',
      { file, line: 1 },
    );
  }
  return parseIniInventory(text, file);
}

/** Merges `from` into `into` (directory inventories). */
function merge(into: Inventory, from: Inventory): void {
  for (const h of from.hosts.values()) {
    const target = host(into, h.name, h.origin);
    for (const [k, v] of h.vars) target.vars.set(k, v);
  }
  for (const g of from.groups.values()) {
    const target = group(into, g.name, g.origin);
    for (const h of g.hosts) target.hosts.add(h);
    for (const c of g.children) target.children.add(c);
    for (const [k, v] of g.vars) target.vars.set(k, v);
  }
  into.warnings.push(...from.warnings);
}

export function parseInventoryStatic(path: string): Inventory {
  if (!existsSync(path)) throw new K8sdiagError('E_INVENTORY', 'inventory not found', { file: path });
  let inv: Inventory;
  if (statSync(path).isDirectory()) {
    inv = emptyInventory(path);
    for (const name of readdirSync(path).sort()) {
      const file = join(path, name);
      if (name.startsWith('.') || IGNORED.test(name) || name === 'group_vars' || name === 'host_vars') continue;
      if (entryOf(file).kind === 'dir') continue;
      merge(inv, parseFileStatic(file));
    }
  } else {
    inv = parseFileStatic(path);
  }
  applyVarsDirs(inv, path);
  return inv;
}

/** `-i a,b,c` (Ansible's host_list): a comma in a value that is not a file. */
function hostList(spec: string): Inventory {
  const inv = emptyInventory(spec);
  for (const name of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    host(inv, name, {});
    group(inv, 'ungrouped', {}).hosts.add(name);
  }
  return inv;
}

/** Copies file:line and the written form of numbers from the static parse into ansible's. */
function enrich(json: Inventory, statics: Inventory): void {
  const groupsOf = hostGroups(statics);
  for (const h of json.hosts.values()) {
    const s = statics.hosts.get(h.name);
    if (!s) continue;
    h.origin = s.origin;
    const sv = hostVars(statics, h.name, groupsOf.get(h.name) ?? []);
    for (const [k, v] of h.vars) {
      const known = sv.get(k);
      if (known && (known.value === v.value || String(known.value) === String(v.value))) h.vars.set(k, known);
    }
  }
}

export async function loadInventory(spec: string, parser: InventoryParser = 'auto'): Promise<LoadedInventory> {
  if (!existsSync(spec) && spec.includes(',')) {
    return { targets: inventoryTargets(hostList(spec)), via: 'host-list', warnings: [] };
  }
  let statics: Inventory | undefined;
  let staticError: K8sdiagError | undefined;
  try {
    statics = parseInventoryStatic(spec);
  } catch (error) {
    if (!(error instanceof K8sdiagError)) throw error;
    staticError = error;
    if (error.message === 'inventory not found') throw error;
  }
  const warnings = [...(statics?.warnings ?? [])];
  if (parser !== 'static') {
    const run = await runAnsibleInventory(spec);
    if (run === undefined) {
      if (parser === 'ansible')
        throw new K8sdiagError('E_USAGE', '--inventory-parser ansible: ansible-inventory is not on PATH');
    } else if (run.ok) {
      const json = parseAnsibleInventoryJson(run.json, spec);
      // Ansible reads some mistakes as "no hosts" (a reversed range): then k8sdiag's error is the better answer.
      if (staticError !== undefined && json.hosts.size === 0) throw staticError;
      if (json.hosts.size > 0 || statics === undefined || statics.hosts.size === 0) {
        if (statics) enrich(json, statics);
        if (staticError)
          warnings.push(
            `k8sdiag's inventory parser refused ${staticError.oneLine()}; ansible-inventory read it, so its result is used`,
          );
        return { targets: inventoryTargets(json), via: 'ansible-inventory', warnings };
      }
    } else if (staticError === undefined) {
      warnings.push(`ansible-inventory failed (${run.error}); using k8sdiag's own parser`);
    }
  }
  if (staticError) throw staticError;
  return { targets: inventoryTargets(statics as Inventory), via: 'static', warnings };
}
