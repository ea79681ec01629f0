/**
 * One Kubernetes node as a NodeSpec: the shape every scenario starts from. Options name the field
 * log's faults; the defaults are a healthy kubeadm node as Vagrant + Ansible would leave it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { aptKeyring, foreignElf, REPO_ROOT } from '../assets.ts';
import { NAT_GATEWAY, NAT_IP } from '../config.ts';
import { apiServerSource, NODE_BIN, NODE_LIB } from '../daemons.ts';
import { nodeRules } from '../iptables.ts';
import type { FileSpec, NodeRole, NodeSpec } from '../spec.ts';
import * as standin from '../standins.ts';
import * as kf from './kube-files.ts';

export type AptSource = 'pkgs-signed' | 'pkgs-unsigned' | 'legacy';

export interface KubeNodeOptions {
  name: string;
  role: NodeRole;
  privateIp: string;
  /** All nodes, for /etc/hosts. */
  cluster: ReadonlyArray<{ name: string; privateIp: string }>;
  /** The control plane's private address (the API server endpoint workers join). */
  controlPlaneIp: string;
  /** Installed Kubernetes version (kubeadm, kubelet, kubectl, kube-proxy), e.g. v1.33.0. */
  version: string;
  /** --advertise-address in the API server manifest (control plane only). */
  advertiseAddress?: string;
  /** --node-ip in /etc/default/kubelet. */
  nodeIp: string;
  /** Add the private network's gateway as a second default route (and gateway4 in netplan). */
  secondDefaultRoute?: boolean;
  /** INPUT/FORWARD policy DROP and KUBE-* chains emptied, as the field log's reset script left them. */
  iptablesReset?: boolean;
  /** Extra filter rules (the control plane dropping one worker's 6443). */
  extraFilter?: string[];
  apt?: AptSource;
  /** apt lists last updated this long ago (days); fresh lists keep the real times of this machine's last update. */
  aptListsAgeDays?: number;
  /** Copy only the InRelease files (the benchmark fleet: 200 copies of 19 MB would be wasteful). */
  aptListsSmall?: boolean;
  /** kubeconfig for root (/root/.kube/config) and for the vagrant user (~/.kube/config). */
  kubeconfig?: { root: boolean; vagrant: boolean };
  /** Replace /usr/local/bin/<name> with a real aarch64 ELF. */
  foreignBinary?: string;
}

const read = (path: string): string => readFileSync(path, 'utf8');

/** Kubernetes tools a node gets only from its scenario: the host's own copies are hidden on nodes. */
const K8S_TOOLS = ['kubeadm', 'kubelet', 'kubectl', 'containerd', 'containerd-shim-runc-v2', 'runc', 'crictl', 'ctr'];
const K8S_PACKAGES = new Set(['kubeadm', 'kubelet', 'kubectl', 'kubernetes-cni', 'cri-tools']);

/**
 * This machine's image carries Google Cloud SDK's `kubectl` package (/usr/bin/kubectl, dpkg version
 * 1:528.0.0-0). A node must not inherit it: it gets an overlay whiteout for the binary and a copy of
 * the dpkg database without Kubernetes packages.
 */
function hostLeaks(): { usrBin: string[]; dpkgStatus: string } {
  const usrBin = K8S_TOOLS.filter((tool) => existsSync(`/usr/bin/${tool}`));
  const dpkgStatus = `${read('/var/lib/dpkg/status')
    .split(/\n\n+/)
    .filter((stanza) => !K8S_PACKAGES.has(/^Package: (\S+)$/m.exec(stanza)?.[1] ?? ''))
    .join('\n\n')
    .trimEnd()}\n`;
  return { usrBin, dpkgStatus };
}

/** /etc/passwd, /etc/shadow, /etc/group: the host's, plus Vagrant's user (only inside the node). */
export function accountFiles(uid: number): FileSpec[] {
  return [
    {
      path: '/etc/passwd',
      content: `${read('/etc/passwd')}vagrant:x:${uid}:${uid}:vagrant,,,:/home/vagrant:/bin/bash\n`,
    },
    // '*' = no password (not locked): key login works, sudo with a password cannot.
    { path: '/etc/shadow', content: `${read('/etc/shadow')}vagrant:*:20000:0:99999:7:::\n`, mode: 0o640 },
    { path: '/etc/group', content: `${read('/etc/group')}vagrant:x:${uid}:\n` },
  ];
}

function aptFiles(source: AptSource, version: string, listsAgeDays: number | undefined, small: boolean): FileSpec[] {
  const minor = version.replace(/^v(\d+\.\d+)\..*$/, 'v$1');
  const line = {
    'pkgs-signed': `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/${minor}/deb/ /`,
    'pkgs-unsigned': `deb https://pkgs.k8s.io/core:/stable:/${minor}/deb/ /`,
    legacy: 'deb https://apt.kubernetes.io/ kubernetes-xenial main',
  }[source];
  const files: FileSpec[] = [{ path: '/etc/apt/sources.list.d/kubernetes.list', content: `${line}\n` }];
  if (source === 'pkgs-signed') {
    files.push({ path: '/etc/apt/keyrings/kubernetes-apt-keyring.gpg', content: { copyFrom: aptKeyring() } });
  }
  // The lists: copies of this machine's real apt lists (from its last `apt-get update`), with their
  // real relative times, moved so that the newest is two hours old (fresh) or `listsAgeDays` old (stale).
  const lists = '/var/lib/apt/lists';
  const entries = readdirSync(lists)
    .map((entry) => ({ entry, source: join(lists, entry), st: statSync(join(lists, entry)) }))
    .filter(({ entry, st }) => st.isFile() && entry !== 'lock' && (!small || entry.endsWith('_InRelease')));
  const newest = Math.max(0, ...entries.filter((e) => e.entry.endsWith('_InRelease')).map((e) => e.st.mtimeMs));
  const target = Date.now() - (listsAgeDays === undefined ? 7_200_000 : listsAgeDays * 86_400_000);
  const shift = (ms: number): Date => new Date(ms - newest + target);
  for (const { entry, source, st } of entries) {
    files.push({ path: join(lists, entry), content: { copyFrom: source }, mtime: shift(st.mtimeMs) });
  }
  files.push(
    { path: `${lists}/lock`, content: '', mode: 0o640 },
    { path: `${lists}/partial`, content: { directory: true }, mode: 0o700, mtime: new Date(target) },
    { path: lists, content: { directory: true }, mode: 0o755, mtime: new Date(target) },
  );
  return files;
}

export function kubeNode(o: KubeNodeOptions, uid: number): NodeSpec {
  const cp = o.role === 'control-plane';
  const server = `https://${o.controlPlaneIp}:6443`;
  const kubeconfig = o.kubeconfig ?? { root: cp, vagrant: cp };
  const leaks = hostLeaks();
  const files: FileSpec[] = [
    ...accountFiles(uid),
    { path: '/var/lib/dpkg/status', content: leaks.dpkgStatus },
    { path: '/etc/hostname', content: `${o.name}\n` },
    {
      path: '/etc/hosts',
      content: [
        '127.0.0.1\tlocalhost',
        `127.0.1.1\t${o.name}`,
        ...o.cluster.map((n) => `${n.privateIp}\t${n.name}`),
        '',
      ].join('\n'),
    },
    { path: '/home/vagrant', content: { directory: true }, owner: 'vagrant', mode: 0o755 },
    { path: '/home/vagrant/.profile', content: read('/etc/skel/.profile'), owner: 'vagrant' },
    { path: '/home/vagrant/.bashrc', content: read('/etc/skel/.bashrc'), owner: 'vagrant' },
    { path: '/root/.profile', content: read('/etc/skel/.profile') },
    { path: '/root/.bashrc', content: read('/etc/skel/.bashrc') },
    { path: '/etc/netplan/01-netcfg.yaml', content: kf.NAT_NETPLAN, mode: 0o600 },
    {
      path: '/etc/netplan/50-vagrant.yaml',
      content: kf.vagrantNetplan(o.privateIp, o.secondDefaultRoute ? '198.51.100.1' : undefined),
      mode: 0o600,
    },
    { path: '/etc/modules-load.d/k8s.conf', content: kf.K8S_MODULES },
    { path: '/etc/sysctl.d/k8s.conf', content: kf.K8S_SYSCTL },
    { path: '/etc/default/kubelet', content: kf.defaultKubelet(o.nodeIp) },
    { path: '/var/lib/kubelet/config.yaml', content: kf.KUBELET_CONFIG },
    { path: '/var/lib/kubelet/kubeadm-flags.env', content: kf.KUBEADM_FLAGS },
    { path: '/etc/kubernetes/kubelet.conf', content: { render: kf.kubeletKubeconfig(server, o.name) }, mode: 0o600 },
    { path: '/etc/kubernetes/manifests', content: { directory: true }, mode: 0o755 },
    { path: '/usr/local/bin/kubeadm', content: standin.kubeadm(o.version), mode: 0o755 },
    { path: '/usr/local/bin/kubelet', content: standin.kubelet(o.version), mode: 0o755 },
    { path: '/usr/local/bin/kubectl', content: standin.kubectl(o.version), mode: 0o755 },
    { path: `${NODE_LIB}/bin/kube-proxy`, content: standin.kubeProxy(o.version), mode: 0o755 },
    ...aptFiles(o.apt ?? 'pkgs-signed', o.version, o.aptListsAgeDays, o.aptListsSmall ?? false),
  ];
  // A real native (x86-64) ELF where containerd would be; the field log's fault swaps in an aarch64 one.
  const nativeElf = join(REPO_ROOT, 'node_modules/@esbuild/linux-x64/bin/esbuild');
  files.push({ path: '/usr/local/bin/containerd', content: { copyFrom: nativeElf }, mode: 0o755 });
  // The runtime config and the pod network a working node has (Flannel on the private NIC, see vxlan below).
  files.push(
    { path: '/etc/containerd/config.toml', content: kf.CONTAINERD_CONFIG },
    { path: '/etc/cni/net.d/10-flannel.conflist', content: kf.FLANNEL_CONFLIST },
  );
  if (o.foreignBinary !== undefined) {
    const path = `/usr/local/bin/${o.foreignBinary}`;
    const index = files.findIndex((f) => f.path === path);
    const foreign: FileSpec = { path, content: { copyFrom: foreignElf() }, mode: 0o755 };
    if (index >= 0) files[index] = foreign;
    else files.push(foreign);
  }
  if (cp) {
    const advertise = o.advertiseAddress ?? o.privateIp;
    files.push(
      {
        path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
        content: kf.apiServerManifest(advertise, o.version),
        mode: 0o600,
      },
      {
        path: '/etc/kubernetes/admin.conf',
        content: { render: kf.adminKubeconfig(`https://${advertise}:6443`) },
        mode: 0o600,
      },
      { path: '/etc/kubernetes/pki/apiserver.crt', content: { render: (lab) => lab.pki('apiserver.crt') } },
      {
        path: '/etc/kubernetes/pki/apiserver.key',
        content: { render: (lab) => lab.pki('apiserver.key') },
        mode: 0o600,
      },
      { path: '/etc/kubernetes/pki/ca.key', content: { render: (lab) => lab.pki('ca.key') }, mode: 0o600 },
      { path: `${NODE_LIB}/kube-apiserver.mjs`, content: apiServerSource(o.version) },
      {
        path: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
        content: kf.controllerManagerManifest('10.244.0.0/16', o.version),
        mode: 0o600,
      },
    );
  }
  files.push({ path: '/etc/kubernetes/pki/ca.crt', content: { render: (lab) => lab.pki('ca.crt') } });
  const adminAt = `https://${o.advertiseAddress ?? o.controlPlaneIp}:6443`;
  if (kubeconfig.root) {
    files.push({ path: '/root/.kube/config', content: { render: kf.adminKubeconfig(adminAt) }, mode: 0o600 });
  }
  if (kubeconfig.vagrant) {
    files.push(
      { path: '/home/vagrant/.kube', content: { directory: true }, owner: 'vagrant', mode: 0o755 },
      {
        path: '/home/vagrant/.kube/config',
        content: { render: kf.adminKubeconfig(adminAt) },
        owner: 'vagrant',
        mode: 0o600,
      },
    );
  }

  const routes: NodeSpec['routes'] = [{ to: 'default', via: NAT_GATEWAY, dev: 'eth0', proto: 'dhcp', metric: 100 }];
  if (o.secondDefaultRoute) routes.unshift({ to: 'default', via: '198.51.100.1', dev: 'eth1', proto: 'static' });

  const kubeletArgs = [
    '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
    '--kubeconfig=/etc/kubernetes/kubelet.conf',
    '--config=/var/lib/kubelet/config.yaml',
    '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
    '--pod-infra-container-image=registry.k8s.io/pause:3.10',
    `--node-ip=${o.nodeIp}`,
  ];
  const daemons: NodeSpec['daemons'] = [
    { name: 'kubelet', command: `/usr/local/bin/kubelet ${kubeletArgs.join(' ')}` },
    {
      name: 'kube-proxy',
      command: `${NODE_LIB}/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=${o.name}`,
    },
  ];
  if (cp)
    daemons.push({
      name: 'kube-apiserver',
      command: `${NODE_BIN} ${NODE_LIB}/kube-apiserver.mjs`,
    });

  return {
    name: o.name,
    role: o.role,
    privateIp: o.privateIp,
    natIp: NAT_IP,
    routes,
    vxlan: { name: 'flannel.1', dev: 'eth1', port: 8472 },
    iptables: nodeRules({
      apiServer: o.controlPlaneIp,
      policy: o.iptablesReset ? 'DROP' : 'ACCEPT',
      kubeChainsFlushed: o.iptablesReset ?? false,
      ...(o.extraFilter ? { extraFilter: o.extraFilter } : {}),
    }),
    sysctls: {
      'net.ipv4.ip_forward': '1',
      'net.bridge.bridge-nf-call-iptables': '1',
      'net.bridge.bridge-nf-call-ip6tables': '1',
    },
    files,
    missingFromUsrBin: leaks.usrBin,
    binSh: 'dash',
    sudo: 'nopasswd',
    authorizedKey: 'lab',
    knownHost: 'match',
    ssh: 'sshd',
    sshdExtra: [],
    daemons,
  };
}
