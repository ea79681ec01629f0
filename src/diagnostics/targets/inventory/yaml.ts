/**
 * Ansible's YAML inventory format (`all: {hosts, vars, children}`, groups at any level), with
 * source lines from the `yaml` package. Error and warning wording follows Ansible's yaml plugin.
 */
import { isMap, isScalar, LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { K8sdiagError } from '../../errors';
import { emptyInventory, expandHostPattern, group, host, type Inventory, type VarValue } from './model';

interface Ctx {
  inv: Inventory;
  file: string;
  lines: LineCounter;
  depth: number;
}

function lineOf(ctx: Ctx, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? ctx.lines.linePos(range[0]).line : undefined;
}

function origin(ctx: Ctx, node: unknown): { file: string; line?: number } {
  const line = lineOf(ctx, node);
  return line === undefined ? { file: ctx.file } : { file: ctx.file, line };
}

function typeName(node: unknown): string {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'dict';
  if (isScalar(node)) return typeof node.value;
  return (node as { items?: unknown }).items !== undefined ? 'list' : typeof node;
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** A variable's value; a bare number keeps its source text (`1.30` is 1.3 to YAML). */
function varValue(ctx: Ctx, node: unknown): VarValue {
  if (isScalar(node)) {
    const o = origin(ctx, node);
    if (typeof node.value === 'number' && node.source !== undefined)
      return { value: node.value, origin: o, numberText: node.source };
    return { value: node.value, origin: o };
  }
  return { value: (node as Node | null)?.toJSON?.() ?? null, origin: origin(ctx, node) };
}

function readVars(ctx: Ctx, node: unknown, into: Map<string, VarValue>, where: string): void {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    throw new K8sdiagError(
      'E_INVENTORY',
      `Invalid "vars" entry for "${where}" group, requires a dictionary, found "${typeName(node)}" instead.`,
      origin(ctx, node),
    );
  }
  for (const pair of node.items) into.set(keyText(pair), varValue(ctx, pair.value));
}

function splitPort(name: string): { name: string; port?: number } {
  const m = /^(.*[^:]):([0-9]+)$/.exec(name);
  if (m && !(m[1] as string).includes(':')) return { name: m[1] as string, port: Number(m[2]) };
  return { name };
}

function readGroup(ctx: Ctx, name: string, node: unknown, at: unknown): void {
  if (ctx.depth > 64) throw new K8sdiagError('E_INVENTORY', 'groups nested too deeply', origin(ctx, at));
  const g = group(ctx.inv, name, origin(ctx, at));
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    ctx.inv.warnings.push(
      `${ctx.file}:${lineOf(ctx, at) ?? '?'}: Skipping '${name}' as this is not a valid group definition`,
    );
    return;
  }
  for (const pair of (node as YAMLMap).items) {
    const key = keyText(pair);
    const value = pair.value;
    if (key === 'vars') {
      readVars(ctx, value, g.vars, name);
    } else if (key === 'hosts') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        throw new K8sdiagError(
          'E_INVENTORY',
          `Invalid "hosts" entry for "${name}" group, requires a dictionary, found "${typeName(value)}" instead.`,
          origin(ctx, value ?? pair.key),
        );
      }
      for (const hostPair of value.items) {
        const o = origin(ctx, hostPair.key);
        const { name: pattern, port } = splitPort(keyText(hostPair));
        const vars = new Map<string, VarValue>();
        readVars(ctx, hostPair.value, vars, name);
        if (port !== undefined) vars.set('ansible_port', { value: port, origin: o });
        for (const hostName of expandHostPattern(pattern, o)) {
          const h = host(ctx.inv, hostName, o);
          for (const [k, v] of vars) h.vars.set(k, v);
          g.hosts.add(hostName);
        }
      }
    } else if (key === 'children') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) {
        throw new K8sdiagError(
          'E_INVENTORY',
          `Invalid "children" entry for "${name}" group, requires a dictionary, found "${typeName(value)}" instead.`,
          origin(ctx, value ?? pair.key),
        );
      }
      for (const childPair of value.items) {
        const child = keyText(childPair);
        g.children.add(child);
        ctx.depth++;
        readGroup(ctx, child, childPair.value, childPair.key);
        ctx.depth--;
      }
    } else {
      ctx.inv.warnings.push(
        `${ctx.file}:${lineOf(ctx, pair.key) ?? '?'}: Skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`,
      );
    }
  }
}

export function parseYamlInventory(text: string, file: string): Inventory {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new K8sdiagError('E_INVENTORY', `YAML: ${first?.message.split('\n')[0] ?? 'syntax error'}`, {
      file,
      line: first?.linePos?.[0]?.line ?? lines.linePos(first?.pos[0] ?? 0).line,
    });
  }
  const inv = emptyInventory(file);
  const ctx: Ctx = { inv, file, lines, depth: 0 };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return inv;
  if (!isMap(root))
    throw new K8sdiagError('E_INVENTORY', 'YAML inventory must be a mapping of groups', origin(ctx, root));
  if (root.items.some((pair) => keyText(pair) === 'plugin')) {
    throw new K8sdiagError(
      'E_INVENTORY',
      'this is an inventory plugin configuration: it needs ansible-inventory on PATH',
      origin(ctx, root),
    );
  }
  for (const pair of root.items) readGroup(ctx, keyText(pair), pair.value, pair.key);
  for (const g of inv.groups.values())
    if (g.name !== 'all' && g.name !== 'ungrouped') {
      const isChild = [...inv.groups.values()].some((p) => p.children.has(g.name));
      if (!isChild) inv.groups.get('all')?.children.add(g.name);
    }
  const ungrouped = inv.groups.get('ungrouped');
  const all = inv.groups.get('all');
  if (ungrouped && all) {
    for (const h of all.hosts) {
      if (![...inv.groups.values()].some((g) => g.name !== 'all' && g.name !== 'ungrouped' && g.hosts.has(h)))
        ungrouped.hosts.add(h);
    }
  }
  return inv;
}
