/**
 * The fault matrix, as changes to a node's spec before `up`. Each one is real: a node that is not
 * there, a listener without SSH behind it, a stand-in that sleeps, a key that is not authorised, a
 * host key that changed, a sudo rule that wants a password, a missing `file` command (overlay
 * whiteout), BusyBox as /bin/sh, a firewall big enough that iptables-save prints over 1 MiB, and
 * hostile text in a version string, a file name and a kubeconfig.
 */
import { NODE_LIB, SILENT_LISTENER } from './daemons.ts';
import * as kf from './scenarios/kube-files.ts';
import type { FileSpec, LabSpec, NodeSpec } from './spec.ts';
import * as standin from './standins.ts';

export type Fault =
  | 'down'
  | 'silent'
  | 'hang'
  | 'auth-failure'
  | 'host-key-changed'
  | 'sudo-password'
  | 'no-file'
  | 'busybox-sh'
  | 'flood'
  | 'hostile'
  // Node states that the field log does not show but checks look for, built for real:
  | 'ip-forward-off'
  | 'bridge-nf-off'
  | 'backend-split'
  | 'kubeconfig-localhost'
  // The next failures after the field log (runtime and pod network):
  | 'cri-disabled'
  | 'cgroup-mismatch'
  | 'cni-missing'
  | 'cni-on-nat'
  | 'pod-cidr-overlap';

/** The failures after the field log that a node can show (the sixth, host-only-range, is the Vagrant host's). */
export const NEXT_FAILURE_FAULTS: readonly Fault[] = [
  'cri-disabled',
  'cgroup-mismatch',
  'cni-missing',
  'cni-on-nat',
  'pod-cidr-overlap',
];

/**
 * Faults that only a control plane can carry: their node is built as one (a second kubeadm control
 * plane, with its own API server and controller manager manifests) before the fault is applied.
 */
export const CONTROL_PLANE_FAULTS: ReadonlySet<string> = new Set<Fault>(['pod-cidr-overlap']);

/**
 * The pod CIDR of the pod-cidr-overlap fault: 198.51.100.0/23 contains the private network
 * 198.51.100.0/24 every node sits on, as Calico's default 192.168.0.0/16 contains VirtualBox's
 * host-only 192.168.56.0/24 (the lab may use no other range).
 */
export const OVERLAPPING_POD_CIDR = '198.51.100.0/23';

function setFile(node: NodeSpec, file: FileSpec): void {
  const index = node.files.findIndex((f) => f.path === file.path);
  if (index >= 0) node.files[index] = file;
  else node.files.push(file);
}

function versionOf(node: NodeSpec): string {
  const kubeadm = node.files.find((f) => f.path === '/usr/local/bin/kubeadm');
  const match = typeof kubeadm?.content === 'string' ? /stand-in for kubeadm (v\S+):/.exec(kubeadm.content) : null;
  if (!match?.[1]) throw new Error(`${node.name} has no kubeadm stand-in`);
  return match[1];
}

/** ESC, BEL, HTML, Markdown and a k8sdiag marker line with a made-up nonce, all in one name. */
export const HOSTILE_TEXT =
  '\u001b[2J\u001b]0;pwned\u0007<script>alert(1)</script><img src=x onerror=alert(2)>|x|[y](javascript:alert(3))';
const HOSTILE_NAME = '\u001b[2J\u001b]0;pwned\u0007<img src=x onerror=alert(2)>|x|[y](javascript:alert(3))';
const FAKE_MARKER = '@@K8SDIAG 00000000000000000000000000000000 E 1';

/** Applies `fault` to node `name` of `spec` (in place) and returns the spec. */
export function withFault(spec: LabSpec, name: string, fault: Fault): LabSpec {
  const node = spec.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name} in ${spec.id}`);
  switch (fault) {
    case 'down':
      node.ssh = 'down';
      break;
    case 'silent':
      node.ssh = 'silent';
      setFile(node, { path: `${NODE_LIB}/silent-listener.mjs`, content: SILENT_LISTENER });
      break;
    case 'hang':
      setFile(node, { path: '/usr/local/bin/kubeadm', content: standin.kubeadm(versionOf(node), 'hang'), mode: 0o755 });
      break;
    case 'auth-failure':
      node.authorizedKey = 'other';
      break;
    case 'host-key-changed':
      node.knownHost = 'changed';
      break;
    case 'sudo-password':
      node.sudo = 'password';
      break;
    case 'no-file':
      node.missingFromUsrBin = [...node.missingFromUsrBin, 'file'];
      break;
    case 'busybox-sh':
      node.binSh = 'busybox';
      break;
    case 'flood':
      node.iptables = withManyServices(node.iptables, 8000);
      break;
    case 'hostile':
      setFile(node, {
        path: '/usr/local/bin/kubeadm',
        content: standin.kubeadm(versionOf(node), 'hostile'),
        mode: 0o755,
      });
      // A file name with a newline, a fake marker line, escapes and HTML (no '/': it is one name),
      // printed raw by a probe's glob.
      // A line of three backticks would close a Markdown code fence if a reporter quoted it bare.
      setFile(node, {
        path: `/var/lib/apt/lists/evil\n${FAKE_MARKER}\n\`\`\`\n${HOSTILE_NAME}_InRelease`,
        content: 'x',
      });
      setFile(node, { path: '/home/vagrant/.kube', content: { directory: true }, owner: 'vagrant', mode: 0o755 });
      setFile(node, {
        path: '/home/vagrant/.kube/config',
        content: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${node.privateIp}:6443${HOSTILE_TEXT}\n  name: x\ncurrent-context: ${HOSTILE_TEXT}\nkind: Config\n`,
        owner: 'vagrant',
        mode: 0o600,
      });
      break;
    case 'ip-forward-off':
      node.sysctls['net.ipv4.ip_forward'] = '0';
      setFile(node, { path: '/etc/sysctl.d/k8s.conf', content: 'net.bridge.bridge-nf-call-iptables  = 1\n' });
      break;
    case 'bridge-nf-off':
      node.sysctls['net.bridge.bridge-nf-call-iptables'] = '0';
      node.sysctls['net.bridge.bridge-nf-call-ip6tables'] = '0';
      setFile(node, { path: '/etc/sysctl.d/k8s.conf', content: 'net.ipv4.ip_forward                 = 1\n' });
      setFile(node, { path: '/etc/modules-load.d/k8s.conf', content: 'overlay\n' });
      break;
    case 'backend-split':
      // An old script that called iptables-legacy directly: its rules live in the other backend.
      node.iptablesLegacy = [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp -m tcp --dport 8080 -j ACCEPT',
        '-A FORWARD -s 203.0.113.0/24 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n');
      break;
    case 'cri-disabled':
      setFile(node, { path: '/etc/containerd/config.toml', content: kf.DOCKER_CE_CONTAINERD_CONFIG });
      break;
    case 'cgroup-mismatch':
      setFile(node, {
        path: '/etc/containerd/config.toml',
        content: kf.CONTAINERD_CONFIG.replace('SystemdCgroup = true', 'SystemdCgroup = false'),
      });
      break;
    case 'cni-missing':
      node.files = node.files.filter((f) => !f.path.startsWith('/etc/cni/net.d/'));
      setFile(node, { path: '/etc/cni/net.d', content: { directory: true }, mode: 0o755 });
      break;
    case 'cni-on-nat':
      node.vxlan = { name: 'flannel.1', dev: 'eth0', port: 8472 };
      break;
    case 'pod-cidr-overlap': {
      // kubeadm init --pod-network-cidr=<the overlapping range> writes it as the controller manager's --cluster-cidr.
      if (node.role !== 'control-plane') throw new Error(`${name}: pod-cidr-overlap needs a control plane`);
      const manifest = '/etc/kubernetes/manifests/kube-controller-manager.yaml';
      setFile(node, {
        path: manifest,
        content: kf.controllerManagerManifest(OVERLAPPING_POD_CIDR, versionOf(node)),
        mode: 0o600,
      });
      break;
    }
    case 'kubeconfig-localhost':
      setFile(node, { path: '/home/vagrant/.kube', content: { directory: true }, owner: 'vagrant', mode: 0o755 });
      setFile(node, {
        path: '/home/vagrant/.kube/config',
        content: [
          'apiVersion: v1',
          'clusters:',
          '- cluster:',
          '    server: http://localhost:8080',
          '  name: local',
          'contexts:',
          '- context:',
          '    cluster: local',
          '    user: vagrant',
          '  name: local',
          'current-context: local',
          'kind: Config',
          'preferences: {}',
          'users:',
          '- name: vagrant',
          '  user: {}',
          '',
        ].join('\n'),
        owner: 'vagrant',
        mode: 0o600,
      });
      break;
  }
  return spec;
}

/**
 * Adds `count` Service rules to the nat table's KUBE-SERVICES chain, as kube-proxy writes for a
 * cluster with that many Services (about 150 bytes each in iptables-save, so 8000 is over 1 MiB).
 */
function withManyServices(rules: string, count: number): string {
  const extra: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const ip = `203.0.113.${130 + (i % 120)}`;
    const ns = `team-${String(i % 97).padStart(2, '0')}`;
    extra.push(
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "${ns}/service-${String(i).padStart(5, '0')}:http cluster IP" -m tcp --dport ${10000 + i} -j KUBE-MARK-MASQ`,
    );
  }
  const marker = '\n*nat\n';
  const at = rules.indexOf(marker);
  if (at < 0) throw new Error('no nat table to add Services to');
  const commit = rules.indexOf('\nCOMMIT', at + marker.length);
  return `${rules.slice(0, commit)}\n${extra.join('\n')}${rules.slice(commit)}`;
}
