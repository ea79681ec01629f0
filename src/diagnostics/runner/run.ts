/**
 * `k8sdiag run` from parsed options to exit code. I/O comes in through `Io` (the command wires
 * process streams, environment and the terminal prompt), so the whole flow runs in tests.
 *
 * Order matters: every input is validated (targets, ssh config, keys, --ignore, probe plans)
 * before the first connection, so bad input exits 2 without touching a node.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { K8sdiagError, terminalLine, terminalText } from '../errors';
import { docsUrlOf, formatOf, langOf, reportColor } from '../options/common';
import { flag, list, listRaw, type ParsedValues, positiveInt, seconds, str } from '../options/table';
import { newNonce } from '../probe/nonce';
import { buildReport } from '../report/build';
import { FORMATS, reporters } from '../report/reporters/index';
import { prepareOutput } from '../report/writer';
import { checkAliases, collectTargets } from '../targets/index';
import { loadSshConfig, parseSshConfig, type SshConfigSource } from '../targets/ssh-config';
import type { Target } from '../targets/types';
import { type ConnectionSpec, resolveConnection } from '../transport/connection';
import { HostKeyStore } from '../transport/host-key-store';
import { defaultIdentityRefs, type KeyRef, KeyRing } from '../transport/keys';
import { collectLocally } from '../transport/local';
import { collectOverSsh, JumpPool, type SshContext } from '../transport/ssh';
import { withoutIgnored } from './catalog';
import { diagnose } from './diagnose';
import { hostKeyPolicyOf, inventoryParserOf, k8sVersionOf } from './options';
import { createProgress } from './progress';
import { checkMeta, knownIds, type RegistryCatalog } from './registry-catalog';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Passphrase prompt; undefined when there is no terminal. */
  prompt?: ((question: string) => Promise<string>) | undefined;
  version: string;
}

const MAX_NODE_OUTPUT = 32 * 1024 * 1024;
const MAX_CONCURRENCY = 256;

/** Applies --ignore to node, cluster and host checks; an unknown id is a usage error. */
export function ignoring(catalog: RegistryCatalog, ignore: readonly string[]): RegistryCatalog {
  const known = new Set(knownIds(catalog));
  const unknown = ignore.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new K8sdiagError(
      'E_USAGE',
      `--ignore ${unknown.join(', ')}: no such check (known: ${[...known].join(', ')})`,
    );
  const nodeAndCluster = new Set([...catalog.nodeChecks, ...catalog.clusterChecks].map((c) => c.meta.id));
  const base = withoutIgnored(
    catalog,
    ignore.filter((id) => nodeAndCluster.has(id)),
  );
  return { ...base, hostChecks: catalog.hostChecks.filter((c) => !ignore.includes(c.meta.id)) };
}

/** Where host checks run: the Vagrant directory (or the saved file's), else the working directory if it has a Vagrantfile. */
function vagrantHostDir(vagrant: string | undefined, cwd: string): string | undefined {
  if (vagrant !== undefined) {
    const path = resolve(cwd, vagrant);
    return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  }
  return existsSync(join(cwd, 'Vagrantfile')) ? cwd : undefined;
}

const EMPTY_CONFIG = (): SshConfigSource => parseSshConfig('', '(none)');

export async function executeRun(values: ParsedValues, catalogIn: RegistryCatalog, io: Io): Promise<number> {
  const startedAt = new Date();
  const format = formatOf(values, FORMATS);
  const lang = langOf(values);
  const docsUrl = docsUrlOf(values, io.env);
  const ignore = list(values, 'ignore');
  const catalog = ignoring(catalogIn, ignore);
  const expectedK8sVersion = k8sVersionOf(values);
  const policy = hostKeyPolicyOf(values);
  const connectTimeoutMs = seconds(values, 'connect-timeout', 10) * 1000;
  const handshakeTimeoutMs = seconds(values, 'handshake-timeout', 15) * 1000;
  const probeTimeoutSeconds = Math.ceil(seconds(values, 'probe-timeout', 10));
  const nodeTimeoutMs = seconds(values, 'node-timeout', 120) * 1000;
  const runTimeoutMs = seconds(values, 'run-timeout', 300) * 1000;
  const concurrencyOption = positiveInt(values, 'concurrency');
  const output = str(values, 'output');
  const vagrant = str(values, 'vagrant');
  const sshConfigFile = str(values, 'ssh-config');
  const local = flag(values, 'local');
  // Before any work: a bad --output must not cost a run its results, nor overwrite an input.
  const inputs = [
    ...listRaw(values, 'inventory'),
    ...listRaw(values, 'known-hosts'),
    ...listRaw(values, 'identity'),
    ...(vagrant === undefined ? [] : [vagrant]),
    ...(sshConfigFile === undefined ? [] : [sshConfigFile]),
  ];
  const sink = prepareOutput(output, io.cwd, { inputs, inputDirs: inputs });

  let sshConfigCache: SshConfigSource | undefined;
  const sshConfig = (): SshConfigSource => {
    sshConfigCache ??= loadSshConfig(sshConfigFile);
    return sshConfigCache;
  };

  const collected = await collectTargets(
    {
      inventories: listRaw(values, 'inventory'),
      inventoryParser: inventoryParserOf(values),
      vagrant,
      sshConfigFile,
      hosts: listRaw(values, 'host'),
      local,
      limit: str(values, 'limit'),
    },
    sshConfig,
  );
  const warnings = [...collected.warnings];
  const targets: Target[] = [...collected.targets];
  const hostDir = local ? undefined : vagrantHostDir(vagrant, io.cwd);
  if (hostDir !== undefined && catalog.hostChecks.length > 0) {
    targets.push({
      name: 'localhost',
      host: 'localhost',
      identityFiles: [],
      groups: [],
      local: true,
      checks: catalog.hostChecks,
      cwd: hostDir,
      kind: 'vagrant-host',
      origin: { file: hostDir },
    });
  }

  // Connection parameters for every SSH node, before any connection.
  const sshTargets = targets.filter((t) => !t.local);
  if (sshTargets.length > 0) {
    warnings.push(...sshConfig().warnings);
    await checkAliases(sshTargets, sshConfig());
  }
  const defaults = {
    user: str(values, 'user'),
    identities: listRaw(values, 'identity'),
    jump: str(values, 'jump'),
    policy,
    knownHosts: listRaw(values, 'known-hosts'),
    connectTimeoutMs,
    sshAuthSock: io.env['SSH_AUTH_SOCK'] || undefined,
  };
  const specs = new Map<Target, ConnectionSpec>();
  /** Nodes with host key checking off, by why (one warning per reason, not one per node). */
  const unchecked = new Map<string, string[]>();
  for (const target of sshTargets) {
    const spec = resolveConnection(target, target.sshOptions ? EMPTY_CONFIG() : sshConfig(), defaults);
    // OpenSSH tries ~/.ssh/id_* only when no identity is configured.
    if (spec.identities.length === 0) spec.identities.push(...defaultIdentityRefs());
    for (const hop of spec.jumps) if (hop.identities.length === 0) hop.identities.push(...defaultIdentityRefs());
    specs.set(target, spec);
    let why: string | undefined;
    if (spec.policy === 'off') {
      why =
        spec.policyFrom === 'ssh-config'
          ? `its ssh config says StrictHostKeyChecking no${target.kind === 'vagrant' ? ' (Vagrant writes that)' : ''}; use --host-key-policy accept-new to check keys against ~/.ssh/known_hosts`
          : '--host-key-policy off (a changed key is still refused)';
    } else if (spec.policy === 'accept-new' && spec.knownHosts.user.every((f) => f === '/dev/null')) {
      why = 'UserKnownHostsFile is /dev/null, so accept-new records no key and checks nothing; use --known-hosts FILE';
    }
    if (why !== undefined) unchecked.set(why, [...(unchecked.get(why) ?? []), target.name]);
  }
  for (const [why, names] of unchecked) {
    const list = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
    warnings.push(`host key checking is OFF for ${list}: ${why}`);
  }

  // Keys: read (and decrypt, prompting once per key) before the fan-out; a bad key exits 2 here.
  const keys = new KeyRing({
    env: io.env['K8SDIAG_SSH_PASSPHRASE'],
    prompt: io.prompt,
    agentAvailable: defaults.sshAuthSock !== undefined,
  });
  const refs = new Map<string, KeyRef>();
  for (const spec of specs.values())
    for (const ref of [...spec.identities, ...spec.jumps.flatMap((j) => j.identities)])
      if (!refs.has(ref.path)) refs.set(ref.path, ref);
  for (const ref of refs.values()) await keys.load(ref);
  warnings.push(...keys.warnings);
  for (const warning of warnings) io.err(`k8sdiag: warning: ${terminalLine(warning)}\n`);

  const hostKeys = new HostKeyStore();
  const ctx: SshContext = {
    hostKeys,
    keys,
    handshakeTimeoutMs,
    onBanner: (text) => io.err(`${text.split('\n').map(terminalText).join('\n')}\n`),
    maxOutputBytes: MAX_NODE_OUTPUT,
  };
  const jumps = new JumpPool(ctx);
  const controller = new AbortController();
  const runDeadline = Date.now() + runTimeoutMs;
  const timer = setTimeout(() => controller.abort('run timeout'), runTimeoutMs);
  timer.unref?.();
  const progress = io.stderrIsTTY ? createProgress(io.err, targets.length) : undefined;
  let diagnosis: Awaited<ReturnType<typeof diagnose>>;
  try {
    diagnosis = await diagnose(targets, {
      catalog,
      nonce: newNonce(),
      concurrency: Math.min(concurrencyOption ?? MAX_CONCURRENCY, MAX_CONCURRENCY),
      nodeTimeoutMs,
      runDeadline,
      signal: controller.signal,
      probeTimeoutSeconds,
      expectedK8sVersion,
      keepSections: flag(values, 'raw'),
      collect: (target, script, options) => {
        if (target.local)
          return collectLocally(script, { ...options, maxOutputBytes: MAX_NODE_OUTPUT, cwd: target.cwd });
        const spec = specs.get(target);
        if (spec === undefined) throw new K8sdiagError('E_INTERNAL', `no connection for ${target.name}`);
        return collectOverSsh(spec, script, ctx, jumps, options);
      },
      transportOf: (target) => (target.local ? 'local' : 'ssh'),
      ...(progress ? { onNodeDone: progress.update } : {}),
    });
  } finally {
    clearTimeout(timer);
    jumps.close();
    progress?.done();
  }

  const report = buildReport({
    version: io.version,
    runId: newNonce().slice(0, 12),
    startedAt,
    finishedAt: new Date(),
    collector: targets.every((t) => t.local) ? 'local' : 'ssh',
    docsUrl,
    lang,
    expectedK8sVersion,
    strict: flag(values, 'strict'),
    ignored: ignore,
    targetsFrom: collected.from,
    nodes: diagnosis.nodes,
    cluster: diagnosis.cluster,
    meta: checkMeta(catalogIn),
    warnings: [...warnings, ...hostKeys.notes()],
  });
  const text = reporters[format](report, {
    color: reportColor(format, output !== undefined, io.stdoutIsTTY, io.env),
    verbose: flag(values, 'verbose'),
  });
  if (sink !== undefined) sink.write(text);
  else io.out(text);
  return report.summary.exitCode;
}
