/**
 * What kind of file a path is, from the path alone (YAML files may be refined by their content
 * after parsing: a top-level list of plays is a playbook, a `network:` map is netplan).
 */
import type { FileKind } from './types';

export type PathKind = FileKind | 'yaml-unknown' | 'maybe-shell';

const SHELL_EXT = /\.(sh|bash)$/;
const YAML_EXT = /\.ya?ml$/;

/** Files that never hold anything lint reads, whatever their extension. */
const SKIP_NAMES = new Set([
  '.k8sdiag-lint.yaml',
  '.k8sdiag-lint.yml',
  '.yamllint',
  '.ansible-lint',
  'galaxy.yml',
  'requirements.yml',
]);

export function roleOf(path: string): { role: string; area: string } | undefined {
  const parts = path.split('/');
  for (let i = parts.length - 3; i >= 0; i--) {
    if (parts[i] === 'roles' && parts[i + 1] !== undefined && parts[i + 2] !== undefined) {
      return { role: parts[i + 1] as string, area: parts[i + 2] as string };
    }
  }
  return undefined;
}

export function classifyPath(path: string): PathKind | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  const dirs = parts.slice(0, -1);
  if (SKIP_NAMES.has(base)) return undefined;
  if (/^Vagrantfile(\.[A-Za-z0-9_-]+)?$/.test(base) && !base.endsWith('.j2')) return 'vagrantfile';
  if (base === 'ansible.cfg') return 'ansible-cfg';
  if (base.endsWith('.j2') || base.endsWith('.jinja2') || base.endsWith('.jinja')) return 'template';
  if (SHELL_EXT.test(base)) return 'shell';
  // containerd's config.toml (read as plain text, like a template without Jinja).
  if (base.endsWith('.toml') && (base === 'config.toml' || /containerd/.test(path))) return 'template';
  // A yum/dnf repository file (copied to /etc/yum.repos.d), read as plain text like a template.
  if (base.endsWith('.repo')) return 'template';
  const role = roleOf(path);
  const inVarsDir = dirs.includes('group_vars') || dirs.includes('host_vars');
  const inInventoryDir = dirs.some((d) => d === 'inventory' || d === 'inventories');
  if (YAML_EXT.test(base)) {
    if (role !== undefined) {
      if (role.area === 'tasks' || role.area === 'handlers') return 'tasks';
      if (role.area === 'defaults' || role.area === 'vars') return 'vars';
      if (role.area === 'meta' || role.area === 'molecule' || role.area === 'tests') return undefined;
    }
    if (inVarsDir) return 'vars';
    if (dirs.includes('netplan')) return 'netplan';
    if (inInventoryDir || /^(hosts|inventory)\.ya?ml$/.test(base)) return 'inventory';
    return 'yaml-unknown';
  }
  if (base.includes('.')) {
    if (base.endsWith('.ini') && (inInventoryDir || /^(hosts|inventory)/.test(base))) return 'inventory';
    if (base.endsWith('.ini')) return 'inventory';
    return undefined;
  }
  // No extension.
  if (inVarsDir) return 'vars';
  if (base === 'hosts' || base === 'inventory' || inInventoryDir) return 'inventory';
  if (
    ['LICENSE', 'Makefile', 'README', 'AUTHORS', 'CHANGELOG', 'NOTICE', 'Dockerfile', 'Containerfile'].includes(base)
  ) {
    return undefined;
  }
  return 'maybe-shell';
}

/** A shebang naming a POSIX shell. */
export function hasShellShebang(text: string): boolean {
  return /^#![^\n]*\b(?:ba|da|k|z)?sh\b/.test(text);
}
