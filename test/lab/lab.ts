/**
 * The lab driver: `up(spec)` builds the namespaces, links, iptables rules, node trees and sshd
 * processes a LabSpec describes; `down(id)` removes every one of them (idempotent, synchronous so it
 * can run from exit handlers); `status()` lists whatever of the lab's still exists on the machine.
 *
 * Process model: each node is `ip netns exec <ns> unshare --mount --uts --pid --fork --kill-child
 * --mount-proc sh init.sh`. The init shell mounts the node's trees, starts its daemons and execs sshd,
 * which becomes PID 1 of the node's PID namespace: when the tracked `unshare` dies, its child gets
 * SIGKILL and the kernel kills everything else in that PID namespace, and the mount namespace (with
 * every mount the node made) goes with its last process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type ClientFiles, writeClientFiles } from './client.ts';
import {
  assertLabAddress,
  BRIDGE,
  checkLabId,
  HUB_IP,
  hubNs,
  LAB_ROOT,
  labDir,
  nodeNs,
  PREFIX,
  PRIVATE_CIDR,
} from './config.ts';
import { NODE_BIN, NODE_LIB } from './daemons.ts';
import { apiServerPki, clientKeys, hostKeys } from './keys.ts';
import { MOUNTS, type NodeDirs, nodeDirs } from './layout.ts';
import { materialize, vagrantAccount } from './nodefs.ts';
import { attempt, bash, isRoot, q, sleep } from './sh.ts';
import type { LabSpec, NodeSpec } from './spec.ts';

const STD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface LabNode {
  spec: NodeSpec;
  ns: string;
  dirs: NodeDirs;
  /** Host pid of the node's `unshare` (undefined for a node that is down). */
  pid: number | undefined;
}

export interface Lab {
  spec: LabSpec;
  id: string;
  dir: string;
  hub: string;
  nodes: LabNode[];
  client: ClientFiles;
}

interface StateFile {
  id: string;
  scenario: string;
  createdAt: string;
  ownerPid: number;
  namespaces: string[];
  pids: number[];
}

const statePath = (id: string): string => join(labDir(id), 'state.json');

function readState(id: string): StateFile | undefined {
  try {
    return JSON.parse(readFileSync(statePath(id), 'utf8')) as StateFile;
  } catch {
    return undefined;
  }
}

function writeState(state: StateFile): void {
  writeFileSync(statePath(state.id), `${JSON.stringify(state, null, 2)}\n`);
}

/** Labs this process brought up and has not taken down: torn down from exit and signal handlers. */
const live = new Set<string>();
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const id of live) {
      try {
        down(id);
      } catch (error) {
        process.stderr.write(`k8sdiag lab: teardown of ${id} failed: ${String(error)}\n`);
      }
    }
  });
  let exiting = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Stays installed: a second signal during teardown must not kill the process half-way through it.
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      // process.exit runs the 'exit' handler above.
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

export interface UpOptions {
  log?: (line: string) => void;
  /** Keep the lab after this process exits (the `lab up` command); tests leave it false. */
  persist?: boolean;
}

export async function up(spec: LabSpec, options: UpOptions = {}): Promise<Lab> {
  const log = options.log ?? (() => {});
  if (!isRoot()) throw new Error('the lab needs root (network namespaces, mounts, sshd)');
  const id = checkLabId(spec.id);
  validate(spec);
  down(id);
  const dir = labDir(id);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const hub = hubNs(id);
  const running = spec.nodes.filter((n) => n.ssh !== 'down');
  const state: StateFile = {
    id,
    scenario: spec.scenario,
    createdAt: new Date().toISOString(),
    ownerPid: process.pid,
    namespaces: [hub, ...running.map((n) => nodeNs(id, n.name))],
    pids: [],
  };
  writeState(state);
  if (!options.persist) {
    live.add(id);
    installExitHandlers();
  }
  try {
    const started = performance.now();
    const clientDir = join(dir, 'client');
    mkdirSync(clientDir, { recursive: true, mode: 0o700 });
    const keys = clientKeys(clientDir);
    const cp = spec.nodes.find((n) => n.role === 'control-plane');
    apiServerPki(join(dir, 'pki'), [cp?.privateIp ?? HUB_IP, ...new Set(spec.nodes.map((n) => n.natIp))]);
    const account = vagrantAccount();
    const nodes: LabNode[] = spec.nodes.map((node) => ({
      spec: node,
      ns: nodeNs(id, node.name),
      dirs: nodeDirs(dir, node.name),
      pid: undefined,
    }));
    const pkiDir = join(dir, 'pki');
    const render = { pki: (name: string): string => readFileSync(join(pkiDir, name), 'utf8') };
    const keyPaths = nodes.map((n) =>
      materialize({
        node: n.spec,
        dirs: n.dirs,
        account,
        clientPub: keys.clientPub,
        intruderPub: keys.intruderPub,
        render,
      }),
    );
    hostKeys(keyPaths);
    log(`lab ${id}: ${nodes.length} node trees in ${Math.round(performance.now() - started)} ms`);

    bash(networkScript(id, nodes));
    log(`lab ${id}: network up (${Math.round(performance.now() - started)} ms)`);

    for (const node of nodes) {
      if (node.spec.ssh === 'down') continue;
      node.pid = startNode(node);
      state.pids.push(node.pid);
    }
    writeState(state);
    await waitListening(nodes, 20_000 + nodes.length * 200);
    log(`lab ${id}: ${running.length} sshd up (${Math.round(performance.now() - started)} ms)`);
    const client = writeClientFiles({ spec, dir: clientDir, keys, hostKeyPubs: keyPaths.map((p) => `${p}.pub`) });
    return { spec, id, dir, hub, nodes, client };
  } catch (error) {
    down(id);
    throw error;
  }
}

function validate(spec: LabSpec): void {
  const names = new Set<string>();
  const ips = new Set<string>();
  for (const node of spec.nodes) {
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(node.name)) throw new Error(`bad node name ${node.name}`);
    if (names.has(node.name)) throw new Error(`duplicate node name ${node.name}`);
    if (ips.has(node.privateIp)) throw new Error(`duplicate private address ${node.privateIp}`);
    names.add(node.name);
    ips.add(node.privateIp);
    assertLabAddress(node.privateIp);
    assertLabAddress(node.natIp);
    for (const route of node.routes) {
      assertLabAddress(route.via);
      if (route.to !== 'default') assertLabAddress(route.to);
    }
  }
}

/** One bash script for the whole network: the hub, its bridge, and every node's two links. */
function networkScript(id: string, nodes: readonly LabNode[]): string {
  const hub = hubNs(id);
  const lines = [
    `ip netns add ${hub}`,
    `ip -n ${hub} link set lo up`,
    `ip -n ${hub} link add ${BRIDGE} type bridge`,
    `ip -n ${hub} addr add ${assertLabAddress(`${HUB_IP}/${PRIVATE_CIDR}`)} dev ${BRIDGE}`,
    `ip -n ${hub} link set ${BRIDGE} up`,
  ];
  nodes.forEach((node, index) => {
    const n = node.spec;
    if (n.ssh === 'down') return;
    const ns = node.ns;
    const rules = join(node.dirs.root, 'iptables.rules');
    writeFileSync(rules, n.iptables);
    const batch = [
      'link set lo up',
      'link set eth0 up',
      'link set eth1 up',
      `addr add ${n.natIp}/24 dev eth0`,
      `addr add ${n.privateIp}/${PRIVATE_CIDR} dev eth1`,
      ...n.routes.map(
        (r) =>
          `route add ${r.to} via ${r.via} dev ${r.dev}${r.proto ? ` proto ${r.proto}` : ''}${r.dev === 'eth0' ? ` src ${n.natIp}` : ''}${r.metric === undefined ? '' : ` metric ${r.metric}`}`,
      ),
      ...(n.vxlan === undefined
        ? []
        : [
            `link add ${n.vxlan.name} type vxlan id 1 local ${n.vxlan.dev === 'eth0' ? n.natIp : n.privateIp} dev ${n.vxlan.dev} dstport ${n.vxlan.port} nolearning`,
            `link set ${n.vxlan.name} up`,
          ]),
    ];
    // Sysctls first: IPv6 duplicate address detection off for the links about to appear, so that
    // link-local addresses are final at once (a snapshot must not see "tentative" turn into nothing).
    const sysctls = ['net.ipv6.conf.default.accept_dad=0', ...Object.entries(n.sysctls).map(([k, v]) => `${k}=${v}`)];
    lines.push(
      `ip netns add ${ns}`,
      `ip netns exec ${ns} sysctl -q -w ${sysctls.map(q).join(' ')}`,
      // The private link: the node's eth1 on the hub's bridge.
      `ip -n ${hub} link add v${index}p type veth peer name eth1 netns ${ns}`,
      `ip -n ${hub} link set v${index}p master ${BRIDGE} up`,
      // The NAT-like link: the node's eth0 with 203.0.113.15, alone on its own link (the hub end has no address).
      `ip -n ${hub} link add v${index}n type veth peer name eth0 netns ${ns}`,
      `ip -n ${hub} link set v${index}n up`,
      `ip -n ${ns} -b - <<'EOF'\n${batch.join('\n')}\nEOF`,
    );
    lines.push(`ip netns exec ${ns} iptables-restore < ${q(rules)}`);
    if (n.iptablesLegacy !== undefined) {
      const legacy = join(node.dirs.root, 'iptables-legacy.rules');
      writeFileSync(legacy, n.iptablesLegacy);
      lines.push(`ip netns exec ${ns} iptables-legacy-restore < ${q(legacy)}`);
    }
  });
  return lines.join('\n');
}

function initScript(node: LabNode): string {
  const { tree, work } = node.dirs;
  const n = node.spec;
  const lines = [
    '#!/bin/sh',
    `# k8sdiag lab: init of node ${n.name}; runs in the node's own network, mount, UTS and PID namespaces.`,
    'set -eu',
  ];
  for (const mount of MOUNTS) {
    const upper = join(tree, mount.tree);
    if (mount.kind === 'overlay') {
      if (mount.target === '/usr/bin' && n.missingFromUsrBin.length === 0) continue;
      lines.push(
        `mount -t overlay ${PREFIX}-${mount.tree} -o ${q(`lowerdir=${mount.target},upperdir=${upper},workdir=${join(work, mount.tree)}`)} ${mount.target}`,
      );
    }
  }
  // Bind mounts after the overlays they sit in (/etc/apt in /etc, /var/lib/apt/lists in /var/lib).
  for (const mount of MOUNTS) {
    if (mount.kind === 'bind') lines.push(`mount --bind ${q(join(tree, mount.tree))} ${mount.target}`);
  }
  // /bin/sh -> dash on Debian; BusyBox sh for this node means mounting busybox over dash itself.
  if (n.binSh === 'busybox') lines.push('mount --bind /usr/bin/busybox "$(readlink -f /bin/sh)"');
  lines.push(
    `mount -t tmpfs -o mode=0755,size=16m ${PREFIX}-run /run`,
    'mkdir -m 0755 /run/sshd',
    `: > ${NODE_BIN}`,
    `mount --bind ${q(process.execPath)} ${NODE_BIN}`,
    // The node's own /tmp; it also hides the lab directory (and the client's private key) from the node.
    `mount -t tmpfs -o mode=1777,size=64m ${PREFIX}-tmp /tmp`,
    `hostname ${n.name}`,
    'cd /',
  );
  for (const daemon of n.daemons) lines.push(`${daemon.command} </dev/null >/dev/null 2>&1 &`);
  if (n.ssh === 'silent') {
    lines.push(`exec ${NODE_BIN} ${NODE_LIB}/silent-listener.mjs`);
  } else {
    lines.push('exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config');
  }
  return `${lines.join('\n')}\n`;
}

function startNode(node: LabNode): number {
  const init = join(node.dirs.root, 'init.sh');
  writeFileSync(init, initScript(node), { mode: 0o755 });
  const logFd = openSync(node.dirs.log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      'ip',
      [
        'netns',
        'exec',
        node.ns,
        'unshare',
        '--mount',
        '--propagation',
        'private',
        '--uts',
        '--pid',
        '--fork',
        '--kill-child',
        '--mount-proc',
        'sh',
        init,
      ],
      { stdio: ['ignore', logFd, logFd], detached: true, env: { PATH: STD_PATH, LANG: 'C.UTF-8' } },
    );
  } finally {
    closeSync(logFd);
  }
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start node ${node.spec.name}`);
  return child.pid;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}

/** Reads the node's TCP table through /proc/<pid>/net/tcp (the pid is in the node's netns): no connection made. */
function listeningOn22(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
      .split('\n')
      .some((line) => /^\s*\d+: 00000000:0016 00000000:0000 0A /.test(line));
  } catch {
    return false;
  }
}

async function waitListening(nodes: readonly LabNode[], deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  const pending = new Set(nodes.filter((n) => n.pid !== undefined));
  while (pending.size > 0) {
    for (const node of pending) {
      const pid = node.pid as number;
      if (!alive(pid)) {
        const tail = readFileSync(node.dirs.log, 'utf8').trim().split('\n').slice(-6).join('\n');
        throw new Error(`node ${node.spec.name} exited during start:\n${tail}`);
      }
      if (listeningOn22(pid)) pending.delete(node);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`not listening on :22 after ${deadlineMs} ms: ${[...pending].map((n) => n.spec.name).join(' ')}`);
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------
// Teardown and status

function netnsList(): string[] {
  const r = attempt('ip', ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`${PREFIX}-`));
}

function netnsPids(ns: string): number[] {
  return attempt('ip', ['netns', 'pids', ns])
    .stdout.split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

function waitGone(pids: readonly number[], ms: number): number[] {
  const until = Date.now() + ms;
  let left = pids.filter(alive);
  while (left.length > 0 && Date.now() < until) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    left = left.filter(alive);
  }
  return left;
}

function signal(pids: readonly number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone already
    }
  }
}

/** rm -rf with a few retries (a process that was just killed may still be closing files in it). */
function removeDir(dir: string): void {
  for (let attemptNo = 1; ; attemptNo += 1) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      if (!existsSync(dir)) return;
    } catch (error) {
      if (attemptNo >= 5) throw new Error(`could not remove ${dir}: ${String(error)}`);
    }
    if (attemptNo >= 5) throw new Error(`could not remove ${dir}: it keeps coming back`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

export interface DownReport {
  namespaces: string[];
  killed: number[];
}

/** Removes lab `id` completely. Idempotent; synchronous (safe in exit handlers). Throws if anything is left. */
export function down(id: string): DownReport {
  checkLabId(id);
  const mine = (ns: string): boolean => ns.startsWith(`${PREFIX}-${id}-`);
  const namespaces = netnsList().filter(mine);
  const state = readState(id);
  const pids = new Set<number>(state?.pids ?? []);
  for (const ns of namespaces) for (const pid of netnsPids(ns)) pids.add(pid);
  for (const pid of processesMentioning(`${labDir(id)}/`)) pids.add(pid);
  pids.delete(process.pid);
  const targets = [...pids].filter(alive);
  signal(targets, 'SIGTERM');
  const stubborn = waitGone(targets, 3000);
  signal(stubborn, 'SIGKILL');
  const left = waitGone(stubborn, 3000);
  for (const ns of namespaces) attempt('ip', ['netns', 'del', ns]);
  removeDir(labDir(id));
  live.delete(id);
  const remaining = netnsList().filter(mine);
  if (left.length > 0 || remaining.length > 0) {
    throw new Error(`lab ${id} teardown left processes [${left.join(' ')}] and namespaces [${remaining.join(' ')}]`);
  }
  return { namespaces, killed: targets };
}

/** Every lab this machine has (by namespace or directory), taken down. */
export function downAll(): DownReport[] {
  const ids = new Set<string>();
  for (const ns of netnsList()) {
    const match = new RegExp(`^${PREFIX}-([a-z0-9-]+)-[^-]+$`).exec(ns);
    // Node names contain dashes too, so also try every prefix that is a known lab directory.
    if (match?.[1]) ids.add(match[1]);
  }
  if (existsSync(LAB_ROOT)) for (const entry of readdirSync(LAB_ROOT)) ids.add(entry);
  const reports: DownReport[] = [];
  for (const id of [...ids].sort((a, b) => b.length - a.length)) {
    try {
      checkLabId(id);
    } catch {
      continue;
    }
    reports.push(down(id));
  }
  // Namespaces whose id could not be told apart (node names with dashes): delete what is left.
  for (const ns of netnsList()) {
    signal(netnsPids(ns), 'SIGKILL');
    waitGone(netnsPids(ns), 2000);
    attempt('ip', ['netns', 'del', ns]);
  }
  if (existsSync(LAB_ROOT) && readdirSync(LAB_ROOT).length === 0) rmSync(LAB_ROOT, { recursive: true, force: true });
  return reports;
}

function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(needle)) found.push(Number(entry));
    } catch {
      // exited
    }
  }
  return found;
}

export interface LabStatus {
  namespaces: string[];
  processes: Array<{ pid: number; ns: string; command: string }>;
  directories: string[];
  clean: boolean;
}

/**
 * What of any lab exists on this machine: namespaces, processes in them or naming them, directories.
 * With `id`, only what belongs to that lab: several labs (K8SDIAG_LAB_SUFFIX) may exist side by side.
 */
export function status(id?: string): LabStatus {
  const mine = (name: string): boolean => id === undefined || name.startsWith(`${PREFIX}-${id}-`);
  const namespaces = netnsList().filter(mine);
  const inodes = new Map<number, string>();
  for (const ns of namespaces) {
    try {
      inodes.set(statSync(`/run/netns/${ns}`).ino, ns);
    } catch {
      // raced with a delete
    }
  }
  const processes: LabStatus['processes'] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || !alive(pid)) continue;
    try {
      const link = readlinkSync(`/proc/${entry}/ns/net`);
      const inode = Number(/\[(\d+)\]/.exec(link)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const ns = inodes.get(inode);
      const named = id === undefined ? cmdline.includes(LAB_ROOT) : cmdline.includes(`${labDir(id)}/`);
      if (ns !== undefined || named) {
        processes.push({ pid, ns: ns ?? '(host)', command: cmdline.slice(0, 160) });
      }
    } catch {
      // exited or not ours to read
    }
  }
  const directories = existsSync(LAB_ROOT)
    ? readdirSync(LAB_ROOT)
        .filter((d) => id === undefined || d === id)
        .map((d) => join(LAB_ROOT, d))
    : [];
  return {
    namespaces,
    processes,
    directories,
    clean: namespaces.length === 0 && processes.length === 0 && directories.length === 0,
  };
}
