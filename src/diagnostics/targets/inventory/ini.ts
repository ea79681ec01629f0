/**
 * Ansible's INI inventory format, with the errors Ansible gives (same wording where it has one),
 * each with file and line:
 * - `[group]`, `[group:vars]` (values are strings: the rest of the line), `[group:children]`;
 * - host lines `name[:port] key=value ...` (inline values are Python literals: `1.30` is a float);
 * - host ranges, comments (`#`, `;`), quoted values.
 */
import { K8sdiagError } from '../../errors';
import { emptyInventory, expandHostPattern, group, host, type Inventory, type VarValue } from './model';

type SectionKind = 'hosts' | 'vars' | 'children';

/** shlex-like split: quotes group, `#` starts a comment outside quotes. */
function splitWords(line: string, origin: { file: string; line: number }): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '#') {
      break;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new K8sdiagError('E_INVENTORY', 'No closing quotation', origin);
  if (inWord) words.push(current);
  return words;
}

/** Python-literal reading of an inline host value, as far as it matters here. */
function literal(raw: string, origin: { file: string; line: number }): VarValue {
  if (/^-?[0-9]+$/.test(raw)) return { value: Number(raw), origin, numberText: raw };
  if (/^-?[0-9]*\.[0-9]+$|^-?[0-9]+\.$/.test(raw)) return { value: Number(raw), origin, numberText: raw };
  if (raw === 'True' || raw === 'False') return { value: raw === 'True', origin };
  return { value: raw, origin };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** `host:port` (Ansible INI shorthand) unless it is an IPv6 address. */
function splitHostPort(token: string, origin: { file: string; line: number }): { name: string; port?: number } {
  const bracket = /^\[([^\]]+)\]:([0-9]+)$/.exec(token);
  if (bracket) return { name: bracket[1] as string, port: Number(bracket[2]) };
  const colons = (token.match(/:/g) ?? []).length;
  if (colons === 1 && !token.includes('[')) {
    const [name = '', port = ''] = token.split(':');
    if (!/^[0-9]+$/.test(port))
      throw new K8sdiagError('E_INVENTORY', `invalid port "${port}" in host "${token}"`, origin);
    return { name, port: Number(port) };
  }
  return { name: token };
}

export function parseIniInventory(text: string, file: string): Inventory {
  const inv = emptyInventory(file);
  let sectionGroup = 'ungrouped';
  let kind: SectionKind = 'hosts';
  /** Groups referenced by :vars or :children before (or without) being declared. */
  const pending = new Map<string, { kind: 'vars' | 'children'; line: number; parent: string }>();
  const declared = new Set<string>(['all', 'ungrouped']);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const origin = { file, line: i + 1 };
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const m = /^\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
      if (!m)
        throw new K8sdiagError(
          'E_INVENTORY',
          `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters`,
          origin,
        );
      const [name = '', suffix, extra] = (m[1] as string).split(':');
      if (extra !== undefined || name === '')
        throw new K8sdiagError('E_INVENTORY', `Invalid section entry: '${line}'`, origin);
      if (suffix !== undefined && suffix !== 'vars' && suffix !== 'children' && suffix !== 'hosts') {
        throw new K8sdiagError('E_INVENTORY', `Section [${name}:${suffix}] has unknown type: ${suffix}`, origin);
      }
      if (/[^A-Za-z0-9_.-]/.test(name)) {
        inv.warnings.push(`${file}:${i + 1}: group name "${name}" has characters Ansible replaces`);
      }
      sectionGroup = name;
      kind = suffix === 'vars' ? 'vars' : suffix === 'children' ? 'children' : 'hosts';
      if (kind === 'hosts') {
        declared.add(name);
        pending.delete(name);
        group(inv, name, origin);
      } else if (!declared.has(name)) {
        if (kind === 'children') {
          declared.add(name);
          pending.delete(name);
          group(inv, name, origin);
        } else if (!pending.has(name)) {
          pending.set(name, { kind: 'vars', line: i + 1, parent: name });
        }
      }
      continue;
    }
    if (kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0) throw new K8sdiagError('E_INVENTORY', `Expected key=value, got: ${line}`, origin);
      const key = line.slice(0, eq).trim();
      group(inv, sectionGroup, origin).vars.set(key, { value: unquote(line.slice(eq + 1)), origin });
      continue;
    }
    const words = splitWords(line, origin);
    if (words.length === 0) continue;
    if (kind === 'children') {
      const child = words[0] as string;
      group(inv, sectionGroup, origin).children.add(child);
      if (!declared.has(child) && !pending.has(child))
        pending.set(child, { kind: 'children', line: i + 1, parent: sectionGroup });
      continue;
    }
    const [pattern = '', ...assignments] = words;
    const { name, port } = splitHostPort(pattern, origin);
    const vars = new Map<string, VarValue>();
    for (const word of assignments) {
      const eq = word.indexOf('=');
      if (eq <= 0)
        throw new K8sdiagError('E_INVENTORY', `Expected key=value host variable assignment, got: ${word}`, origin);
      vars.set(word.slice(0, eq), literal(word.slice(eq + 1), origin));
    }
    if (port !== undefined) vars.set('ansible_port', { value: port, origin });
    for (const hostName of expandHostPattern(name, origin)) {
      const h = host(inv, hostName, origin);
      for (const [k, v] of vars) h.vars.set(k, v);
      group(inv, sectionGroup, origin).hosts.add(hostName);
    }
  }
  for (const [name, decl] of pending) {
    if (declared.has(name)) continue;
    const where = { file, line: decl.line };
    if (decl.kind === 'vars')
      throw new K8sdiagError('E_INVENTORY', `Section [${name}:vars] not valid for undefined group: ${name}`, where);
    throw new K8sdiagError('E_INVENTORY', `Section [${decl.parent}:children] includes undefined group: ${name}`, where);
  }
  // Hosts only in `ungrouped` stay there; hosts in another group leave it (Ansible does the same).
  const ungrouped = inv.groups.get('ungrouped');
  if (ungrouped) {
    for (const h of [...ungrouped.hosts]) {
      if ([...inv.groups.values()].some((g) => g.name !== 'ungrouped' && g.name !== 'all' && g.hosts.has(h)))
        ungrouped.hosts.delete(h);
    }
  }
  for (const g of inv.groups.values())
    if (g.name !== 'all' && g.name !== 'ungrouped') inv.groups.get('all')?.children.add(g.name);
  return inv;
}
