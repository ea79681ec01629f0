/**
 * The Ansible inventory as parsed from INI, YAML or `ansible-inventory --list` JSON, and its
 * translation into targets: transitive groups, variable precedence (group depth, then name, then
 * host), and the connection variables Ansible itself uses.
 */
import { K8sdiagError } from '../../errors';
import { isControlPlaneGroup, rolesFromGroups } from '../roles';
import type { IdentityRef, Origin, Target } from '../types';

export interface VarValue {
  value: unknown;
  origin: Origin;
  /** The value was written as a bare number (INI inline var or YAML scalar): `1.30` became 1.3. */
  numberText?: string;
}

export interface InventoryHost {
  name: string;
  vars: Map<string, VarValue>;
  origin: Origin;
}

export interface InventoryGroup {
  name: string;
  hosts: Set<string>;
  children: Set<string>;
  vars: Map<string, VarValue>;
  origin: Origin;
}

export interface Inventory {
  file: string;
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
  warnings: string[];
}

export function emptyInventory(file: string): Inventory {
  const inv: Inventory = { file, hosts: new Map(), groups: new Map(), warnings: [] };
  group(inv, 'all', { file });
  group(inv, 'ungrouped', { file });
  return inv;
}

export function group(inv: Inventory, name: string, origin: Origin): InventoryGroup {
  let g = inv.groups.get(name);
  if (!g) {
    g = { name, hosts: new Set(), children: new Set(), vars: new Map(), origin };
    inv.groups.set(name, g);
  }
  return g;
}

export function host(inv: Inventory, name: string, origin: Origin): InventoryHost {
  let h = inv.hosts.get(name);
  if (!h) {
    h = { name, vars: new Map(), origin };
    inv.hosts.set(name, h);
  }
  return h;
}

/**
 * Ansible host ranges: `web[01:03]`, `db-[a:c]`, `n[0:10:5]`, several per name.
 * Leading zeros set the width, like Ansible.
 */
export function expandHostPattern(pattern: string, origin: Origin): string[] {
  const match = /\[([^\]]*)\]/.exec(pattern);
  if (!match) return [pattern];
  const body = match[1] as string;
  const parts = body.split(':');
  if (parts.length < 2 || parts.length > 3) {
    throw new K8sdiagError('E_INVENTORY', `host range [${body}] must be [start:end] or [start:end:step]`, origin);
  }
  const [start = '', end = '', stepText = '1'] = parts;
  const step = Number(stepText);
  if (!Number.isInteger(step) || step < 1)
    throw new K8sdiagError('E_INVENTORY', `host range [${body}]: bad step`, origin);
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  const out: string[] = [];
  if (/^[0-9]+$/.test(start) && /^[0-9]+$/.test(end)) {
    const from = Number(start);
    const to = Number(end);
    if (from > to) throw new K8sdiagError('E_INVENTORY', `host range [${body}]: start is after end`, origin);
    if ((to - from) / step > 10000) throw new K8sdiagError('E_INVENTORY', `host range [${body}] is too large`, origin);
    const width = start.length > 1 && start.startsWith('0') ? start.length : 0;
    for (let n = from; n <= to; n += step) out.push(`${before}${String(n).padStart(width, '0')}${after}`);
  } else if (/^[a-z]$/.test(start) && /^[a-z]$/.test(end)) {
    if (start > end) throw new K8sdiagError('E_INVENTORY', `host range [${body}]: start is after end`, origin);
    for (let c = start.charCodeAt(0); c <= end.charCodeAt(0); c += step)
      out.push(`${before}${String.fromCharCode(c)}${after}`);
  } else {
    throw new K8sdiagError('E_INVENTORY', `host range [${body}] must be numeric or single letters`, origin);
  }
  return out.flatMap((name) => expandHostPattern(name, origin));
}

/** Ancestors of each group (the group itself included), computed once. */
function ancestry(inv: Inventory): Map<string, Set<string>> {
  const parents = new Map<string, Set<string>>();
  for (const g of inv.groups.values()) {
    for (const child of g.children) {
      if (!parents.has(child)) parents.set(child, new Set());
      parents.get(child)?.add(g.name);
    }
  }
  const memo = new Map<string, Set<string>>();
  const visit = (name: string, path: Set<string>): Set<string> => {
    const cached = memo.get(name);
    if (cached) return cached;
    const out = new Set<string>([name]);
    if (path.has(name)) return out;
    path.add(name);
    for (const parent of parents.get(name) ?? []) for (const a of visit(parent, path)) out.add(a);
    path.delete(name);
    memo.set(name, out);
    return out;
  };
  for (const name of inv.groups.keys()) visit(name, new Set());
  return memo;
}

function depthOf(anc: Map<string, Set<string>>, name: string): number {
  return (anc.get(name)?.size ?? 1) - (name === 'all' ? 1 : 0);
}

/** Transitive groups of every host, `all` included. */
export function hostGroups(inv: Inventory): Map<string, string[]> {
  const anc = ancestry(inv);
  const out = new Map<string, Set<string>>();
  for (const g of inv.groups.values()) {
    for (const h of g.hosts) {
      if (!out.has(h)) out.set(h, new Set(['all']));
      for (const a of anc.get(g.name) ?? [g.name]) out.get(h)?.add(a);
    }
  }
  const result = new Map<string, string[]>();
  for (const h of inv.hosts.keys()) {
    const groups = out.get(h) ?? new Set(['all', 'ungrouped']);
    result.set(
      h,
      [...groups].sort((a, b) => depthOf(anc, a) - depthOf(anc, b) || a.localeCompare(b)),
    );
  }
  return result;
}

/** Merged variables of a host: groups by depth then name (Ansible's order), then the host's own. */
export function hostVars(inv: Inventory, name: string, groups: readonly string[]): Map<string, VarValue> {
  const merged = new Map<string, VarValue>();
  for (const g of groups) for (const [k, v] of inv.groups.get(g)?.vars ?? []) merged.set(k, v);
  for (const [k, v] of inv.hosts.get(name)?.vars ?? []) merged.set(k, v);
  return merged;
}

const VERSION_VARS = ['kube_version', 'kubernetes_version', 'k8s_version', 'kubeadm_version', 'kubernetes_release'];
const ENDPOINT_VARS = [
  'control_plane_endpoint',
  'controlplane_endpoint',
  'kube_apiserver_endpoint',
  'apiserver_endpoint',
];
const ADDRESS_VARS = ['node_ip', 'kubelet_node_ip', 'ip', 'access_ip'];

function text(v: VarValue | undefined): string | undefined {
  if (v === undefined || v.value === null || v.value === undefined) return undefined;
  if (typeof v.value === 'string') return v.value;
  if (typeof v.value === 'number' || typeof v.value === 'boolean') return String(v.value);
  return undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

/** A name from the file, safe for a one-line message. */
function oneWord(name: string): string {
  return SPACE_OR_CONTROL.test(name) || name.includes('"') ? JSON.stringify(name) : name;
}

const LOOPBACK = /^(127\.|::1$|localhost$)/i;

/** `-J spec` or `-o ProxyJump=spec` inside ansible_ssh_common_args / ansible_ssh_extra_args. */
function jumpFromArgs(args: string | undefined): string | undefined {
  if (args === undefined) return undefined;
  const j = /(?:^|\s)-J\s*([^\s'"]+)/.exec(args) ?? /ProxyJump[= ]([^\s'"]+)/i.exec(args);
  return j?.[1];
}

export function inventoryTargets(inv: Inventory): Target[] {
  const groupsOf = hostGroups(inv);
  const hasControlPlane = [...inv.groups.keys()].some(isControlPlaneGroup);
  const targets: Target[] = [];
  for (const h of inv.hosts.values()) {
    const groups = groupsOf.get(h.name) ?? ['all'];
    const vars = hostVars(inv, h.name, groups);
    const get = (...names: string[]): VarValue | undefined => {
      for (const n of names) {
        const v = vars.get(n);
        if (v !== undefined) return v;
      }
      return undefined;
    };
    /** A connection variable that is set must be a usable one-word value: never ignored silently. */
    const connection = (names: readonly string[], spaces = false): string | undefined => {
      const v = get(...names);
      if (v === undefined) return undefined;
      const value = text(v);
      const name = names.find((n) => vars.get(n) === v) ?? names[0];
      const fail = (why: string): never => {
        throw new K8sdiagError(
          'E_INVENTORY',
          `${oneWord(h.name)}: ${name} ${why}`,
          v.origin.file ? v.origin : h.origin,
        );
      };
      if (value === undefined) return v.value === null ? fail('is empty') : fail('must be a string or number');
      if (value.trim() === '') return fail('is empty');
      if ((spaces ? CONTROL : SPACE_OR_CONTROL).test(value))
        return fail(`${JSON.stringify(value)} contains ${spaces ? '' : 'whitespace or '}control characters`);
      return value;
    };
    const address = connection(['ansible_host', 'ansible_ssh_host']) ?? h.name;
    const portVar = get('ansible_port', 'ansible_ssh_port');
    const portText = connection(['ansible_port', 'ansible_ssh_port']);
    let port: number | undefined;
    if (portText !== undefined) {
      if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535 || Number(portText) < 1) {
        throw new K8sdiagError(
          'E_INVENTORY',
          `${oneWord(h.name)}: ansible_port ${JSON.stringify(portText)} is not a port number`,
          portVar?.origin ?? h.origin,
        );
      }
      port = Number(portText);
    }
    const user = connection(['ansible_user', 'ansible_ssh_user', 'ansible_ssh_user_name']);
    const keyVar = get('ansible_ssh_private_key_file', 'ansible_private_key_file');
    const keyPath = connection(['ansible_ssh_private_key_file', 'ansible_private_key_file'], true);
    const identityFiles: IdentityRef[] = keyPath
      ? [{ path: keyPath, from: 'inventory', ...(keyVar?.origin ?? {}) }]
      : [];
    const jump =
      jumpFromArgs(text(get('ansible_ssh_common_args'))) ?? jumpFromArgs(text(get('ansible_ssh_extra_args')));
    const versionVar = get(...VERSION_VARS);
    const version = versionVar?.numberText ?? text(versionVar);
    const intended = text(get(...ADDRESS_VARS)) ?? (LOOPBACK.test(address) ? undefined : address);
    const endpoint = text(get(...ENDPOINT_VARS));
    const roles = rolesFromGroups(groups, hasControlPlane);
    targets.push({
      name: h.name,
      host: address,
      ...(port === undefined ? {} : { port }),
      ...(user === undefined ? {} : { user }),
      identityFiles,
      ...(jump === undefined ? {} : { jump }),
      groups: groups.filter((g) => g !== 'all'),
      ...(roles === undefined ? {} : { roles }),
      ...(text(get('ansible_connection')) === 'local' ? { local: true } : {}),
      ...(intended === undefined ? {} : { intendedAddress: intended }),
      ...(version === undefined
        ? {}
        : {
            k8sVersion: {
              value: version.replace(/^v/, ''),
              origin: versionVar?.origin ?? {},
              yamlNumber: versionVar?.numberText !== undefined,
            },
          }),
      ...(endpoint === undefined ? {} : { controlPlaneEndpoint: endpoint }),
      kind: 'inventory',
      origin: h.origin,
    });
  }
  return targets;
}
