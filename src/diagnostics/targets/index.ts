/**
 * Gathers the nodes a run is about from every source the user named (inventories, Vagrant,
 * an ssh config, --host, --local), then applies --limit. Sources can be combined; a node named
 * twice is kept once (first source wins).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { K8sdiagError } from '../errors';
import { parseHostSpec } from './host-spec';
import { type InventoryParser, loadInventory } from './inventory/index';
import { computeHost, concreteHosts, type SshConfigSource } from './ssh-config';
import type { Target } from './types';
import { loadVagrant } from './vagrant';

export interface TargetOptions {
  inventories: readonly string[];
  inventoryParser: InventoryParser;
  vagrant?: string | undefined;
  /** --ssh-config: with no other source, its concrete Host aliases are the targets. */
  sshConfigFile?: string | undefined;
  hosts: readonly string[];
  local: boolean;
  limit?: string | undefined;
}

export interface CollectedTargets {
  targets: Target[];
  warnings: string[];
  /** For the report: where the targets came from. */
  from: string[];
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
}

/** Ansible-like --limit: patterns separated by `,` or `:`; `!pattern` excludes; names or groups. */
export function applyLimit(targets: readonly Target[], limit: string | undefined): Target[] {
  if (limit === undefined || limit.trim() === '') return [...targets];
  const patterns = limit
    .split(/[,:]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const matches = (target: Target, pattern: string): boolean => {
    // Ansible's implicit group: `all` (and `*`) is every host.
    if (pattern === 'all') return true;
    const re = globToRegExp(pattern);
    return re.test(target.name) || re.test(target.host) || target.groups.some((g) => re.test(g));
  };
  for (const pattern of [...include, ...exclude]) {
    if (!targets.some((t) => matches(t, pattern))) {
      throw new K8sdiagError(
        'E_USAGE',
        `--limit ${pattern}: matches no host or group (hosts: ${targets
          .map((t) => t.name)
          .slice(0, 20)
          .join(', ')})`,
      );
    }
  }
  return targets.filter(
    (t) => (include.length === 0 || include.some((p) => matches(t, p))) && !exclude.some((p) => matches(t, p)),
  );
}

/** A --host single-label name with no ssh config entry that does not resolve is an unknown alias. */
export async function checkAliases(targets: readonly Target[], config: SshConfigSource): Promise<void> {
  const candidates = targets.filter(
    (t) => t.kind === 'host' && isIP(t.host) === 0 && !t.host.includes('.') && t.host !== 'localhost',
  );
  await Promise.all(
    candidates.map(async (t) => {
      if (computeHost(config, t.host).matchedBlock) return;
      try {
        await lookup(t.host);
      } catch {
        const where = config.files[0] ?? '~/.ssh/config';
        throw new K8sdiagError(
          'E_HOST_ALIAS',
          `unknown host alias "${t.host}": no Host entry in ${config.files.length > 0 ? config.files.join(', ') : 'any ssh config'}, and the name does not resolve`,
          t.origin.file !== undefined
            ? { file: t.origin.file, ...(t.origin.line === undefined ? {} : { line: t.origin.line }) }
            : { file: where },
        );
      }
    }),
  );
}

export async function collectTargets(
  options: TargetOptions,
  sshConfig: () => SshConfigSource,
): Promise<CollectedTargets> {
  const targets: Target[] = [];
  const warnings: string[] = [];
  const from: string[] = [];
  for (const inventory of options.inventories) {
    const loaded = await loadInventory(inventory, options.inventoryParser);
    targets.push(...loaded.targets);
    warnings.push(...loaded.warnings);
    from.push(`inventory ${inventory} (${loaded.via})`);
  }
  if (options.vagrant !== undefined) {
    const loaded = await loadVagrant(options.vagrant);
    targets.push(...loaded.targets);
    warnings.push(...loaded.warnings);
    from.push(`vagrant ${options.vagrant}`);
  }
  for (const spec of options.hosts) {
    const parsed = parseHostSpec(spec);
    targets.push({
      name: spec,
      host: parsed.host,
      ...(parsed.port === undefined ? {} : { port: parsed.port }),
      ...(parsed.user === undefined ? {} : { user: parsed.user }),
      identityFiles: [],
      groups: [],
      ...(isIP(parsed.host) !== 0 && !/^(127\.|::1$)/.test(parsed.host) ? { intendedAddress: parsed.host } : {}),
      kind: 'host',
      origin: {},
    });
    from.push(`--host ${spec}`);
  }
  if (options.sshConfigFile !== undefined && targets.length === 0 && !options.local) {
    const config = sshConfig();
    for (const { alias, file, line } of concreteHosts(config)) {
      targets.push({
        name: alias,
        host: alias,
        identityFiles: [],
        groups: [],
        kind: 'ssh-config',
        origin: { file, line },
      });
    }
    if (targets.length === 0)
      throw new K8sdiagError('E_SSH_CONFIG', 'no concrete Host alias to run on', { file: options.sshConfigFile });
    from.push(`ssh config ${options.sshConfigFile}`);
  }
  if (options.local) {
    targets.push({
      name: hostname(),
      host: 'localhost',
      identityFiles: [],
      groups: [],
      local: true,
      kind: 'local',
      origin: {},
    });
    from.push('--local');
  }
  if (targets.length === 0) {
    throw new K8sdiagError(
      'E_USAGE',
      'no nodes to diagnose: use -i INVENTORY, --vagrant [DIR|FILE], --ssh-config FILE, --host user@addr[:port] or --local',
    );
  }
  const seen = new Set<string>();
  const unique: Target[] = [];
  for (const target of targets) {
    if (seen.has(target.name)) {
      warnings.push(`${target.name} is named twice; the first definition is used`);
      continue;
    }
    seen.add(target.name);
    unique.push(target);
  }
  const limited = applyLimit(unique, options.limit);
  return { targets: limited, warnings, from };
}
