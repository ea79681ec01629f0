/**
 * The files kubeadm, the kubelet packaging, Vagrant and Ansible leave on a node, as text. Contents
 * follow what kubeadm 1.33 writes (manifests, kubeconfigs, kubelet flags) and what Vagrant's Ubuntu
 * boxes carry (netplan). Service and pod ranges are inside 203.0.113.0/24 because the lab may use no
 * other range; on a real cluster they would be 10.96.0.0/12 and a pod CIDR.
 */
import type { RenderContext } from '../spec.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

export function apiServerManifest(advertise: string, version: string): string {
  const flags = [
    `--advertise-address=${advertise}`,
    '--allow-privileged=true',
    '--authorization-mode=Node,RBAC',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    '--enable-admission-plugins=NodeRestriction',
    '--enable-bootstrap-token-auth=true',
    '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
    '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
    '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    '--etcd-servers=https://127.0.0.1:2379',
    '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
    '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    '--secure-port=6443',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
    '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
    '--service-cluster-ip-range=203.0.113.128/25',
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
    '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  ];
  const probe = (path: string, delay: number, failure: number): string[] => [
    `      failureThreshold: ${failure}`,
    '      httpGet:',
    `        host: ${advertise}`,
    `        path: ${path}`,
    '        port: probe-port',
    '        scheme: HTTPS',
    `      initialDelaySeconds: ${delay}`,
    '      periodSeconds: 10',
    '      timeoutSeconds: 15',
  ];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  annotations:',
    `    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${advertise}:6443`,
    '  labels:',
    '    component: kube-apiserver',
    '    tier: control-plane',
    '  name: kube-apiserver',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    '    - kube-apiserver',
    ...flags.map((f) => `    - ${f}`),
    `    image: registry.k8s.io/kube-apiserver:${version}`,
    '    imagePullPolicy: IfNotPresent',
    '    livenessProbe:',
    ...probe('/livez', 10, 8),
    '    name: kube-apiserver',
    '    ports:',
    '    - containerPort: 6443',
    '      name: probe-port',
    '      protocol: TCP',
    '    readinessProbe:',
    ...probe('/readyz', 0, 3),
    '    resources:',
    '      requests:',
    '        cpu: 250m',
    '  hostNetwork: true',
    '  priority: 2000001000',
    '  priorityClassName: system-node-critical',
    'status: {}',
    '',
  ].join('\n');
}

/** A kubeconfig with one cluster, one user and one context, in kubeadm's layout. */
function kubeconfig(server: string, user: string, credentials: readonly string[], lab: RenderContext): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(lab.pki('ca.crt'))}`,
    `    server: ${server}`,
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    `    user: ${user}`,
    `  name: ${user}@kubernetes`,
    `current-context: ${user}@kubernetes`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${user}`,
    '  user:',
    ...credentials.map((line) => `    ${line}`),
    '',
  ].join('\n');
}

/** kubeadm's admin.conf (also what Ansible copies to ~/.kube/config). */
export function adminKubeconfig(server: string): (lab: RenderContext) => string {
  return (lab) =>
    kubeconfig(
      server,
      'kubernetes-admin',
      [`client-certificate-data: ${b64(lab.pki('admin.crt'))}`, `client-key-data: ${b64(lab.pki('admin.key'))}`],
      lab,
    );
}

/** /etc/kubernetes/kubelet.conf: the kubelet's own kubeconfig, pointing at the API server. */
export function kubeletKubeconfig(server: string, node: string): (lab: RenderContext) => string {
  const pem = '/var/lib/kubelet/pki/kubelet-client-current.pem';
  return (lab) => kubeconfig(server, `system:node:${node}`, [`client-certificate: ${pem}`, `client-key: ${pem}`], lab);
}

export const KUBELET_CONFIG = [
  'apiVersion: kubelet.config.k8s.io/v1beta1',
  'authentication:',
  '  anonymous:',
  '    enabled: false',
  '  webhook:',
  '    cacheTTL: 0s',
  '    enabled: true',
  '  x509:',
  '    clientCAFile: /etc/kubernetes/pki/ca.crt',
  'authorization:',
  '  mode: Webhook',
  'cgroupDriver: systemd',
  'clusterDNS:',
  '- 203.0.113.138',
  'clusterDomain: cluster.local',
  'containerRuntimeEndpoint: ""',
  'healthzBindAddress: 127.0.0.1',
  'healthzPort: 10248',
  'kind: KubeletConfiguration',
  'rotateCertificates: true',
  'staticPodPath: /etc/kubernetes/manifests',
  '',
].join('\n');

export const KUBEADM_FLAGS =
  'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

/** /etc/default/kubelet as the field log's playbook wrote it: KUBELET_EXTRA_ARGS=--node-ip=<address>. */
export function defaultKubelet(nodeIp: string): string {
  return `KUBELET_EXTRA_ARGS=--node-ip=${nodeIp}\n`;
}

/** Vagrant's netplan file for the private network; `gateway` adds the field log's second gateway. */
export function vagrantNetplan(address: string, gateway?: string): string {
  return [
    '---',
    'network:',
    '  version: 2',
    '  renderer: networkd',
    '  ethernets:',
    '    eth1:',
    '      addresses:',
    `      - ${address}/24`,
    ...(gateway ? [`      gateway4: ${gateway}`] : []),
    '',
  ].join('\n');
}

export const NAT_NETPLAN = ['network:', '  version: 2', '  ethernets:', '    eth0:', '      dhcp4: true', ''].join(
  '\n',
);

export const K8S_MODULES = 'overlay\nbr_netfilter\n';
export const K8S_SYSCTL = [
  'net.bridge.bridge-nf-call-iptables  = 1',
  'net.bridge.bridge-nf-call-ip6tables = 1',
  'net.ipv4.ip_forward                 = 1',
  '',
].join('\n');

/** containerd's config as the onboarding writes it: CRI on, runc with the systemd cgroup driver. */
export const CONTAINERD_CONFIG = [
  'version = 2',
  '',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
  '  runtime_type = "io.containerd.runc.v2"',
  '',
  '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
  '  SystemdCgroup = true',
  '',
].join('\n');

/** The config.toml of Docker's containerd.io package (license header left out): the CRI plugin off. */
export const DOCKER_CE_CONTAINERD_CONFIG = ['disabled_plugins = ["cri"]', '', '#root = "/var/lib/containerd"', ''].join(
  '\n',
);

/** Flannel's CNI config, as its DaemonSet writes it into /etc/cni/net.d (kube-flannel.yml, cni-conf.json). */
export const FLANNEL_CONFLIST = `${JSON.stringify(
  {
    name: 'cbr0',
    cniVersion: '0.3.1',
    plugins: [
      { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  },
  null,
  2,
)}\n`;

/** kube-controller-manager's static Pod as kubeadm writes it (the flags around the pod CIDR). */
export function controllerManagerManifest(clusterCidr: string, version: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: kube-controller-manager',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    '    - kube-controller-manager',
    '    - --allocate-node-cidrs=true',
    `    - --cluster-cidr=${clusterCidr}`,
    '    - --kubeconfig=/etc/kubernetes/controller-manager.conf',
    `    image: registry.k8s.io/kube-controller-manager:${version}`,
    '    name: kube-controller-manager',
    '',
  ].join('\n');
}
