/**
 * group_vars/ and host_vars/ beside a static inventory: `<name>`, `<name>.yml|.yaml|.json`, or a
 * directory `<name>/` of such files. Vault-encrypted files are skipped with a note.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { K8sdiagError } from '../../errors';
import { entryOf, readCapped } from '../files';
import type { Inventory, VarValue } from './model';

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

function filesFor(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const ext of EXTENSIONS) {
    const path = join(dir, `${name}${ext}`);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const sub = join(path, entry);
        if (entryOf(sub).kind !== 'dir' && EXTENSIONS.some((e) => e !== '' && entry.endsWith(e))) out.push(sub);
      }
    } else {
      out.push(path);
    }
  }
  return out;
}

function readVarsFile(file: string, inv: Inventory): Map<string, VarValue> {
  const vars = new Map<string, VarValue>();
  let text: string;
  try {
    text = readCapped(file, 16 * 1024 * 1024, 'this vars file').toString('utf8');
  } catch (error) {
    if (error instanceof K8sdiagError) throw new K8sdiagError('E_INVENTORY', error.message, { file });
    throw error;
  }
  if (text.startsWith('$ANSIBLE_VAULT;')) {
    inv.warnings.push(`${file}: vault-encrypted, not read (use ansible-inventory for full fidelity)`);
    return vars;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new K8sdiagError('E_INVENTORY', `YAML: ${first?.message.split('\n')[0] ?? 'syntax error'}`, {
      file,
      line: first?.linePos?.[0]?.line ?? 1,
    });
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return vars;
  if (!isMap(root)) throw new K8sdiagError('E_INVENTORY', 'variables file must be a mapping', { file, line: 1 });
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const node = pair.value;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const origin = { file, ...(range ? { line: lines.linePos(range[0]).line } : {}) };
    if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined) {
      vars.set(key, { value: node.value, origin, numberText: node.source });
    } else {
      vars.set(key, { value: isScalar(node) ? node.value : (node?.toJSON() ?? null), origin });
    }
  }
  return vars;
}

/** Adds group_vars/ and host_vars/ (beside the inventory file) to the parsed inventory. */
export function applyVarsDirs(inv: Inventory, inventoryPath: string): void {
  const base = statSync(inventoryPath).isDirectory() ? inventoryPath : dirname(inventoryPath);
  const groupDir = join(base, 'group_vars');
  const hostDir = join(base, 'host_vars');
  if (existsSync(groupDir)) {
    for (const g of inv.groups.values()) {
      for (const file of filesFor(groupDir, g.name)) for (const [k, v] of readVarsFile(file, inv)) g.vars.set(k, v);
    }
  }
  if (existsSync(hostDir)) {
    for (const h of inv.hosts.values()) {
      for (const file of filesFor(hostDir, h.name)) for (const [k, v] of readVarsFile(file, inv)) h.vars.set(k, v);
    }
  }
}
