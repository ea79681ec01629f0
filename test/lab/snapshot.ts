/**
 * The read-only proof's instrument: a node's state as text, taken from outside the node (so that
 * taking it changes nothing the node could see twice):
 * - kernel state read inside the node's namespaces via nsenter: iptables-save of both backends,
 *   addresses, links, routes of every table, policy rules, and the per-namespace sysctls;
 * - every file of the node's own trees (see ./layout.ts), with mode, owner, size, mtime and SHA-256,
 *   read from the host side, which includes every overlay copy-up a write would have caused;
 * - the listing of the node's private /tmp.
 * Left out, and why: /var/log (sshd records each login in wtmp/btmp: a property of SSH, not of the
 * probes) and /run (sshd's and sudo's runtime files).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab, LabNode } from './lab.ts';
import { STATE_TREES } from './layout.ts';
import { must } from './sh.ts';

const KERNEL_STATE = [
  // Without the timestamp comments and the packet counters of the chains (traffic, not configuration).
  'echo "## iptables-nft"; iptables-nft-save | grep -v "^#" | sed "s/ \\[[0-9]*:[0-9]*\\]$//"',
  'echo "## iptables-legacy"; iptables-legacy-save | grep -v "^#" | sed "s/ \\[[0-9]*:[0-9]*\\]$//"',
  'echo "## addr"; ip -o addr show',
  'echo "## link"; ip -o link show',
  'echo "## route"; ip route show table all',
  'echo "## rule"; ip rule show',
  'echo "## sysctl"; for k in ipv4/ip_forward bridge/bridge-nf-call-iptables bridge/bridge-nf-call-ip6tables ipv4/conf/all/rp_filter; do echo "$k $(cat /proc/sys/net/$k)"; done',
  'echo "## tmp"; find /tmp -xdev -printf "%p %m %U:%G %s\\n" | sort',
  'echo "## hostname"; hostname',
].join('\n');

/** The pid of the node's init (sshd, PID 1 of the node): the child of the tracked `unshare`. */
function initPid(node: LabNode): number {
  if (node.pid === undefined) throw new Error(`${node.spec.name} is not running`);
  const children = readFileSync(`/proc/${node.pid}/task/${node.pid}/children`, 'utf8').trim().split(/\s+/);
  const pid = Number(children[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${node.spec.name}: no init process under ${node.pid}`);
  return pid;
}

function walk(root: string, out: string[]): void {
  const entries = readdirSync(root).sort();
  for (const entry of entries) {
    const path = join(root, entry);
    const st = lstatSync(path);
    const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.mtimeMs}`;
    if (st.isDirectory()) {
      out.push(`d ${path} ${meta}`);
      walk(path, out);
    } else if (st.isSymbolicLink()) {
      out.push(`l ${path} ${meta} -> ${readlinkSync(path)}`);
    } else if (st.isFile()) {
      const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
      out.push(`f ${path} ${meta} ${st.size} ${sha}`);
    } else {
      out.push(`? ${path} ${meta} rdev=${st.rdev}`);
    }
  }
}

export interface NodeSnapshot {
  kernel: string;
  files: string[];
}

export function snapshotNode(node: LabNode): NodeSnapshot {
  const pid = initPid(node);
  const kernel = must('nsenter', ['-t', String(pid), '-m', '-n', '-u', '--', 'sh', '-c', KERNEL_STATE]);
  const files: string[] = [];
  for (const tree of STATE_TREES) {
    walk(join(node.dirs.tree, tree), files);
  }
  return { kernel, files };
}

/** Every running node's snapshot, keyed by node name. */
export function snapshotLab(lab: Lab): Map<string, NodeSnapshot> {
  const out = new Map<string, NodeSnapshot>();
  for (const node of lab.nodes) if (node.pid !== undefined) out.set(node.spec.name, snapshotNode(node));
  return out;
}
