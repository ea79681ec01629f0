/**
 * Scenarios: healthy (every check passes), field-log (the field log's failures on one control plane
 * and two workers), bench (N healthy nodes for the benchmark). Each returns a LabSpec; the expected
 * findings of field-log are data here too (FIELD_LOG_EXPECTED), read by the end-to-end tests.
 */
import { NAT_IP, privateIp } from '../config.ts';
import { CONTROL_PLANE_FAULTS, NEXT_FAILURE_FAULTS, withFault } from '../faults.ts';
import { vagrantAccount } from '../nodefs.ts';
import type { LabSpec } from '../spec.ts';
import { type KubeNodeOptions, kubeNode } from './base.ts';

export const SCENARIOS = ['healthy', 'field-log', 'next-failures', 'bench'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const K8S_VERSION = 'v1.33.0';
export const SKEWED_VERSION = 'v1.32.4';

function names(count: number): Array<{ name: string; privateIp: string }> {
  return Array.from({ length: count }, (_, i) => ({
    name: i === 0 ? 'k8s-master' : `k8s-worker${i}`,
    privateIp: privateIp(i),
  }));
}

function base(i: number, cluster: ReadonlyArray<{ name: string; privateIp: string }>): KubeNodeOptions {
  const self = cluster[i];
  const cp = cluster[0];
  if (!self || !cp) throw new Error('empty cluster');
  return {
    name: self.name,
    role: i === 0 ? 'control-plane' : 'worker',
    privateIp: self.privateIp,
    cluster,
    controlPlaneIp: cp.privateIp,
    version: K8S_VERSION,
    nodeIp: self.privateIp,
  };
}

export function healthy(id: string, nodes = 3): LabSpec {
  const uid = vagrantAccount().uid;
  const cluster = names(nodes);
  return {
    id,
    scenario: 'healthy',
    k8sVersion: K8S_VERSION.slice(1),
    nodes: cluster.map((_, i) => kubeNode(base(i, cluster), uid)),
  };
}

/** The benchmark fleet: healthy nodes with only the small apt list files. */
export function bench(id: string, nodes: number): LabSpec {
  const uid = vagrantAccount().uid;
  const cluster = names(nodes);
  return {
    id,
    scenario: 'bench',
    k8sVersion: K8S_VERSION.slice(1),
    nodes: cluster.map((_, i) => kubeNode({ ...base(i, cluster), aptListsSmall: true }, uid)),
  };
}

/**
 * The field log, built for real on three nodes. Which node carries which fault:
 * - k8s-master: the API server advertises the NAT address every node shares (203.0.113.15) [8];
 *   its kubelet uses that address too [8]; its firewall drops k8s-worker1's packets to 6443 [9].
 * - k8s-worker1: a second default route via the private network's gateway [7]; Kubernetes v1.32.4
 *   against the intended v1.33.0 [2]; a pkgs.k8s.io source without signed-by [4]; cannot reach the
 *   API server on 6443 [9]; a kubeconfig only root has [10]; kubelet on the NAT address [8].
 * - k8s-worker2: INPUT/FORWARD policy DROP with the KUBE-* chains flushed while kube-proxy runs [6]
 *   (SSH from the hub, 198.51.100.1, stays accepted so the lab client can still get in; 6443 and
 *   10250 are dropped by the policy); apt lists 120 days old [3]; the dead apt.kubernetes.io source
 *   [4]; an aarch64 ELF as /usr/local/bin/containerd on this x86-64 machine [5]; kubelet on the NAT address [8].
 */
export function fieldLog(id: string): LabSpec {
  const uid = vagrantAccount().uid;
  const cluster = names(3);
  const [m, w1, w2] = [base(0, cluster), base(1, cluster), base(2, cluster)];
  return {
    id,
    scenario: 'field-log',
    k8sVersion: K8S_VERSION.slice(1),
    nodes: [
      kubeNode(
        {
          ...m,
          advertiseAddress: NAT_IP,
          nodeIp: NAT_IP,
          extraFilter: [`-A INPUT -s ${w1.privateIp}/32 -p tcp -m tcp --dport 6443 -j DROP`],
        },
        uid,
      ),
      kubeNode(
        {
          ...w1,
          nodeIp: NAT_IP,
          secondDefaultRoute: true,
          version: SKEWED_VERSION,
          apt: 'pkgs-unsigned',
          kubeconfig: { root: true, vagrant: false },
        },
        uid,
      ),
      kubeNode(
        {
          ...w2,
          nodeIp: NAT_IP,
          iptablesReset: true,
          aptListsAgeDays: 120,
          apt: 'legacy',
          foreignBinary: 'containerd',
        },
        uid,
      ),
    ],
  };
}

/**
 * The fault matrix's cluster: a healthy control plane and worker, plus one node per fault, named
 * k8s-<fault> (the faults themselves are applied by ../faults.ts): a worker, or a second control
 * plane for a fault only a control plane can carry (CONTROL_PLANE_FAULTS).
 */
export function faultCluster(id: string, faults: readonly string[]): LabSpec {
  const uid = vagrantAccount().uid;
  const cluster = [
    { name: 'k8s-master', privateIp: privateIp(0) },
    { name: 'k8s-worker1', privateIp: privateIp(1) },
    ...faults.map((fault, i) => ({ name: `k8s-${fault}`, privateIp: privateIp(2 + i) })),
  ];
  const roleOf = (i: number): KubeNodeOptions['role'] =>
    i >= 2 && CONTROL_PLANE_FAULTS.has(faults[i - 2] ?? '') ? 'control-plane' : base(i, cluster).role;
  return {
    id,
    scenario: 'fault-matrix',
    k8sVersion: K8S_VERSION.slice(1),
    nodes: cluster.map((_, i) => kubeNode({ ...base(i, cluster), role: roleOf(i) }, uid)),
  };
}

/**
 * The failures right after the field log, one node each (named after its fault), next to a healthy
 * control plane and worker: k8s-cri-disabled (Docker's containerd config.toml), k8s-cgroup-mismatch
 * (SystemdCgroup = false), k8s-cni-missing (empty /etc/cni/net.d), k8s-cni-on-nat (flannel.1 on the
 * NAT NIC), k8s-pod-cidr-overlap (a second control plane whose pod CIDR covers the private network).
 * The sixth, VirtualBox's host-only range, is the Vagrant host's: see ../vagrant-host.ts.
 */
export function nextFailures(id: string): LabSpec {
  const spec = faultCluster(id, NEXT_FAILURE_FAULTS);
  for (const fault of NEXT_FAILURE_FAULTS) withFault(spec, `k8s-${fault}`, fault);
  return { ...spec, scenario: 'next-failures' };
}

export function scenario(name: ScenarioName, id: string, nodes?: number): LabSpec {
  switch (name) {
    case 'healthy':
      return healthy(id, nodes ?? 3);
    case 'field-log':
      if (nodes !== undefined && nodes !== 3) throw new Error('the field-log scenario has exactly 3 nodes');
      return fieldLog(id);
    case 'next-failures':
      if (nodes !== undefined && nodes !== 2 + NEXT_FAILURE_FAULTS.length)
        throw new Error(`the next-failures scenario has exactly ${2 + NEXT_FAILURE_FAULTS.length} nodes`);
      return nextFailures(id);
    case 'bench':
      return bench(id, nodes ?? 10);
  }
}

/**
 * What `k8sdiag run` must find on the field-log lab: for each node, every check that does not pass
 * (with its runbook); for the cluster, every cluster check that does not pass (with the nodes it names).
 * Every other check must pass (kubelet-inactive skips: no systemd in a namespace node).
 */
export const FIELD_LOG_EXPECTED = {
  nodes: {
    'k8s-master': {
      'advertise-address-mismatch': 'ansible-default-ipv4-nat',
      'kubelet-node-ip-mismatch': 'ansible-default-ipv4-nat',
    },
    'k8s-worker1': {
      'kubelet-node-ip-mismatch': 'ansible-default-ipv4-nat',
      'duplicate-default-route': 'duplicate-default-route',
      'k8s-version-mismatch': 'yaml-version-float',
      'apt-signed-by-missing': 'kubernetes-apt-repo-moved',
      'api-server-unreachable': 'kubeadm-join-hangs',
      'user-kubeconfig-missing': 'kubectl-localhost-8080',
    },
    'k8s-worker2': {
      'kubelet-node-ip-mismatch': 'ansible-default-ipv4-nat',
      'iptables-policy-drop': 'iptables-flush-lockout',
      'iptables-kube-chains-flushed': 'iptables-flush-lockout',
      'apt-lists-stale': 'apt-stale-cache',
      'apt-legacy-k8s-repo': 'kubernetes-apt-repo-moved',
      'node-binary-arch': 'exec-format-error',
    },
  },
  cluster: {
    'duplicate-node-ip': { runbook: 'ansible-default-ipv4-nat', hosts: ['k8s-master', 'k8s-worker1', 'k8s-worker2'] },
    'k8s-version-skew': { runbook: 'yaml-version-float', hosts: ['k8s-worker1'] },
  },
} as const;
