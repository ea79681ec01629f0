/**
 * A node's own file trees and how they are mounted inside its mount namespace.
 *
 * Directories that exist on the host (/usr/local/bin, /root, /home, /etc/apt, /var/lib/apt/lists,
 * /var/log) are replaced with a bind mount of the node's own directory. /etc and /var/lib get an
 * overlay whose upper layer is the node's directory: that is how a node has /etc/kubernetes,
 * /etc/netplan, /etc/default/kubelet, /var/lib/kubelet and its own /etc/passwd, /etc/shadow,
 * /etc/group, /etc/sudoers.d and /etc/ssh without creating a single mount point (or user) on the
 * host. /usr/bin gets an overlay only when the node lacks a tool (an overlay whiteout hides it).
 * Every mount lives in the node's private mount namespace and disappears with its last process.
 */
import { join } from 'node:path';

export interface MountPlan {
  /** Where the node sees it. */
  target: string;
  /** Directory name under the node's tree/ directory. */
  tree: string;
  kind: 'bind' | 'overlay';
}

/** Longest targets first so that path lookup finds the most specific tree. */
export const MOUNTS: readonly MountPlan[] = [
  { target: '/var/lib/apt/lists', tree: 'apt-lists', kind: 'bind' },
  { target: '/usr/local/bin', tree: 'usr-local-bin', kind: 'bind' },
  { target: '/var/lib', tree: 'var-lib', kind: 'overlay' },
  { target: '/var/log', tree: 'var-log', kind: 'bind' },
  { target: '/etc/apt', tree: 'etc-apt', kind: 'bind' },
  { target: '/usr/bin', tree: 'usr-bin', kind: 'overlay' },
  { target: '/root', tree: 'root', kind: 'bind' },
  { target: '/home', tree: 'home', kind: 'bind' },
  { target: '/etc', tree: 'etc', kind: 'overlay' },
];

/** Trees whose content is the node's state for the read-only proof (var-log holds sshd's login records). */
export const STATE_TREES = MOUNTS.filter((m) => m.tree !== 'var-log').map((m) => m.tree);

export interface NodeDirs {
  root: string;
  tree: string;
  work: string;
  log: string;
}

export function nodeDirs(labDirectory: string, node: string): NodeDirs {
  const root = join(labDirectory, 'nodes', node);
  return { root, tree: join(root, 'tree'), work: join(root, 'work'), log: join(root, 'sshd.log') };
}

/** Host path of a file the node sees at `nodePath`. Throws for paths outside the node's trees. */
export function hostPathFor(dirs: NodeDirs, nodePath: string): string {
  for (const mount of MOUNTS) {
    if (nodePath === mount.target || nodePath.startsWith(`${mount.target}/`)) {
      const rest = nodePath.slice(mount.target.length);
      return join(dirs.tree, mount.tree, rest);
    }
  }
  throw new Error(`${nodePath} is not inside any of the node's own trees (${MOUNTS.map((m) => m.target).join(', ')})`);
}
