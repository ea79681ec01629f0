/**
 * What a lab is made of, as data. Scenarios build a LabSpec; ./up.ts turns it into namespaces,
 * interfaces, iptables rules, files and sshd processes. Fault-matrix tests change a spec before `up`.
 */
export type NodeRole = 'control-plane' | 'worker';

/** Owner of a file inside the node. */
export type Owner = 'root' | 'vagrant';

export interface FileSpec {
  /** Absolute path as the node sees it. Must be under one of the node's own trees (see ./layout.ts). */
  path: string;
  /** Text, bytes, `{ copyFrom }` a file on the host (e.g. the foreign-architecture ELF), or a directory. */
  content:
    | string
    | Uint8Array
    | { copyFrom: string }
    | { directory: true }
    | { render: (lab: RenderContext) => string };
  mode?: number;
  owner?: Owner;
  /** Modification time (stale apt lists); for a directory it is applied after its content is written. */
  mtime?: Date;
}

/** What `render` contents can use: artefacts made when the lab comes up (certificates). */
export interface RenderContext {
  /** PEM text of files in the lab's pki directory: ca.crt, apiserver.crt, admin.crt, admin.key ... */
  pki(name: string): string;
}

export interface RouteSpec {
  /** Destination; 'default' for a default route. */
  to: string;
  via: string;
  dev: 'eth0' | 'eth1';
  metric?: number;
  proto?: 'static' | 'dhcp' | 'boot';
}

/** How the node answers on port 22. */
export type SshMode =
  /** Debian's OpenSSH server. */
  | 'sshd'
  /** A TCP listener that accepts and never says a word (no SSH banner). */
  | 'silent'
  /** The node exists in the inventory but is not there: no namespace, nothing answers. */
  | 'down';

export interface DaemonSpec {
  /** Process name (what `pgrep -x` and `ps -o comm` see). */
  name: string;
  /** Command line run in the background by the node's init shell, inside the node's namespaces. */
  command: string;
}

export interface NodeSpec {
  /** Hostname, also the node's directory and namespace suffix: k8s-master, k8s-worker1 ... */
  name: string;
  role: NodeRole;
  /** 198.51.100.x on eth1 (the private network). */
  privateIp: string;
  /** 203.0.113.15 on eth0 (NAT-like; the same on every node). */
  natIp: string;
  routes: RouteSpec[];
  /** The pod network's VXLAN device (as Flannel creates flannel.1), bound to this NIC's address. */
  vxlan?: { name: string; dev: 'eth0' | 'eth1'; port: number };
  /** iptables-restore input for the nft backend (`iptables`), applied in the node's namespace. */
  iptables: string;
  /** iptables-restore input for the legacy backend, when the node has rules there too. */
  iptablesLegacy?: string;
  /** Per-namespace sysctls (net.*), e.g. net.ipv4.ip_forward. */
  sysctls: Record<string, string>;
  files: FileSpec[];
  /** Files in /usr/bin that this node does not have (an overlay whiteout), e.g. ['file']. */
  missingFromUsrBin: string[];
  /** What /bin/sh is: Debian's dash (the default, as on Ubuntu too) or BusyBox sh. */
  binSh: 'dash' | 'busybox';
  /** sudo for the vagrant user: NOPASSWD (Vagrant's default) or password required. */
  sudo: 'nopasswd' | 'password';
  /** Whether the lab's client key is in vagrant's authorized_keys ('other' = an unrelated key). */
  authorizedKey: 'lab' | 'other';
  /** 'changed' writes a different key for this node into the client's known_hosts. */
  knownHost: 'match' | 'changed';
  ssh: SshMode;
  /** Extra sshd_config lines. */
  sshdExtra: string[];
  daemons: DaemonSpec[];
}

export interface LabSpec {
  /** Lab id: part of every namespace name (k8sdiag-lab-<id>-...). */
  id: string;
  scenario: string;
  /** Kubernetes version the inventory intends (passed to k8sdiag as --k8s-version). */
  k8sVersion: string;
  nodes: NodeSpec[];
}
