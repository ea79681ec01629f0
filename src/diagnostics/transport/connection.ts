/**
 * Resolves a target into connection parameters, the way OpenSSH would: explicit values (--host
 * user@addr:port, inventory variables, CLI options) first, then the ssh config for that host
 * (a Vagrant block for Vagrant targets, else ~/.ssh/config and /etc/ssh/ssh_config or --ssh-config),
 * then defaults. Nothing here does network I/O.
 */
import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { K8sdiagError } from '../errors';
import { parseHostSpec } from '../targets/host-spec';
import { all, computeHost, first, type SshConfigSource } from '../targets/ssh-config';
import type { Target } from '../targets/types';
import type { HostKeyPolicy, KnownHostsFiles } from './host-key-store';
import type { KeyRef } from './keys';

export interface ConnectionSpec {
  /** The name the user knows (for messages). */
  label: string;
  host: string;
  port: number;
  user: string;
  identities: KeyRef[];
  /** Offer ssh-agent keys (path to the agent socket). */
  agent: string | undefined;
  /** Jump hosts, outermost first. */
  jumps: ConnectionSpec[];
  hostKeyAlias: string | undefined;
  policy: HostKeyPolicy;
  policyFrom: 'cli' | 'ssh-config' | 'default';
  knownHosts: KnownHostsFiles;
  hashKnownHosts: boolean;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** Set when the host needs something k8sdiag does not do (ProxyCommand): the node is reported as an error. */
  unsupported: string | undefined;
}

export interface ConnectionDefaults {
  user?: string | undefined;
  identities: readonly string[];
  jump?: string | undefined;
  /** Explicit --host-key-policy; wins over the ssh config. */
  policy?: HostKeyPolicy | undefined;
  /** Explicit --known-hosts files: replace UserKnownHostsFile and GlobalKnownHostsFile. */
  knownHosts?: readonly string[] | undefined;
  connectTimeoutMs?: number | undefined;
  sshAuthSock?: string | undefined;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_USER_KNOWN_HOSTS = ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];

function expandTokens(path: string, ctx: { host: string; user: string; port: number; alias: string }): string {
  let out = path.replace(/%([%dhrupnCil])/g, (_, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return homedir();
      case 'h':
        return ctx.host;
      case 'r':
        return ctx.user;
      case 'u':
        return userInfo().username;
      case 'p':
        return String(ctx.port);
      case 'n':
        return ctx.alias;
      default:
        return `%${token}`;
    }
  });
  if (out === '~' || out.startsWith('~/')) out = join(homedir(), out.slice(1));
  return out;
}

function policyFromConfig(value: string | undefined): HostKeyPolicy | undefined {
  switch (value?.toLowerCase()) {
    case 'yes':
    case 'ask':
      return 'strict';
    case 'accept-new':
      return 'accept-new';
    case 'no':
    case 'off':
      return 'off';
    default:
      return undefined;
  }
}

function seconds(value: string | undefined): number | undefined {
  return value !== undefined && /^[0-9]+$/.test(value) ? Number(value) * 1000 : undefined;
}

export function resolveConnection(
  target: Pick<Target, 'name' | 'host' | 'port' | 'user' | 'identityFiles' | 'jump' | 'sshOptions' | 'kind'>,
  config: SshConfigSource,
  defaults: ConnectionDefaults,
  depth = 0,
): ConnectionSpec {
  const computed =
    target.sshOptions === undefined ? computeHost(config, target.host, target.user ?? defaults.user) : undefined;
  const values = target.sshOptions ?? computed?.values ?? {};
  const alias = target.host;
  const rawHost = first(values['hostname']) ?? target.host;
  const port = target.port ?? (first(values['port']) === undefined ? 22 : Number(first(values['port'])));
  const user = target.user ?? defaults.user ?? first(values['user']) ?? userInfo().username;
  const host = rawHost.replace(/%h/g, alias);
  const ctx = { host, user, port, alias };

  const identities: KeyRef[] = [];
  const seen = new Set<string>();
  const add = (ref: KeyRef): void => {
    const path = expandTokens(ref.path, ctx);
    const resolved = isAbsolute(path) ? path : join(process.cwd(), path);
    if (seen.has(resolved)) return;
    seen.add(resolved);
    identities.push({ ...ref, path: resolved });
  };
  for (const path of defaults.identities) add({ path, from: 'cli' });
  for (const ref of target.identityFiles) add(ref);
  if (target.sshOptions === undefined) {
    const at = computed?.lineOf('identityfile');
    for (const path of all(values['identityfile'])) add({ path, from: 'ssh-config', ...(at ?? {}) });
  }

  const identityAgent = first(values['identityagent']);
  const identitiesOnly = first(values['identitiesonly'])?.toLowerCase() === 'yes';
  let agent: string | undefined = defaults.sshAuthSock;
  if (identityAgent !== undefined) {
    agent =
      identityAgent.toLowerCase() === 'none'
        ? undefined
        : identityAgent === 'SSH_AUTH_SOCK'
          ? defaults.sshAuthSock
          : expandTokens(identityAgent, ctx);
  }
  if (identitiesOnly && identities.length > 0) agent = undefined;

  const configPolicy = policyFromConfig(first(values['stricthostkeychecking']));
  const policy: HostKeyPolicy = defaults.policy ?? configPolicy ?? 'strict';
  const policyFrom = defaults.policy !== undefined ? 'cli' : configPolicy !== undefined ? 'ssh-config' : 'default';

  const userFiles = all(values['userknownhostsfile'])
    .flatMap((f) => f.split(/\s+/))
    .filter(Boolean);
  const globalFiles = all(values['globalknownhostsfile'])
    .flatMap((f) => f.split(/\s+/))
    .filter(Boolean);
  // Vagrant pairs `StrictHostKeyChecking no` with `UserKnownHostsFile /dev/null`. When the user asks
  // for checking (strict or accept-new), keys must be checked against and recorded in a real
  // file: the user's own known_hosts, as OpenSSH would use without Vagrant's line.
  const vagrantDevNull =
    target.kind === 'vagrant' && policy !== 'off' && userFiles.length > 0 && userFiles.every((f) => f === '/dev/null');
  const knownHosts: KnownHostsFiles =
    defaults.knownHosts !== undefined && defaults.knownHosts.length > 0
      ? { user: defaults.knownHosts.map((f) => expandTokens(f, ctx)), global: [] }
      : {
          user: (userFiles.length > 0 && !vagrantDevNull ? userFiles : DEFAULT_USER_KNOWN_HOSTS).map((f) =>
            expandTokens(f, ctx),
          ),
          global:
            globalFiles.length > 0
              ? globalFiles.map((f) => expandTokens(f, ctx))
              : ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
        };

  const jumpSpec = defaults.jump ?? target.jump ?? first(values['proxyjump']);
  const jumps: ConnectionSpec[] = [];
  if (jumpSpec !== undefined && jumpSpec.toLowerCase() !== 'none') {
    if (depth > 0)
      throw new K8sdiagError(
        'E_USAGE',
        `jump host ${target.name} has its own ProxyJump; chain them in one spec (a,b) instead`,
      );
    for (const hop of jumpSpec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const parsed = parseHostSpec(hop, 'ProxyJump');
      jumps.push(
        resolveConnection(
          {
            name: hop,
            host: parsed.host,
            ...(parsed.port === undefined ? {} : { port: parsed.port }),
            ...(parsed.user === undefined ? {} : { user: parsed.user }),
            identityFiles: [],
            kind: 'host',
          },
          config,
          { ...defaults, jump: undefined, user: undefined },
          depth + 1,
        ),
      );
    }
  }

  const proxyCommand = first(values['proxycommand']);
  const unsupported =
    proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none' && jumps.length === 0
      ? `ProxyCommand is not supported (k8sdiag runs no local commands); use ProxyJump or --jump`
      : undefined;

  return {
    label: target.name,
    host,
    port,
    user,
    identities,
    agent,
    jumps,
    // OpenSSH lowercases HostKeyAlias; its characters are validated where the ssh config is read.
    hostKeyAlias: first(values['hostkeyalias'])?.toLowerCase(),
    policy,
    policyFrom,
    knownHosts,
    hashKnownHosts: first(values['hashknownhosts'])?.toLowerCase() === 'yes',
    connectTimeoutMs:
      defaults.connectTimeoutMs ?? seconds(first(values['connecttimeout'])) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveIntervalMs: seconds(first(values['serveraliveinterval'])) || 15_000,
    keepaliveCountMax: Number(first(values['serveralivecountmax']) ?? 3) || 3,
    unsupported,
  };
}
