/**
 * Evidence in the runbooks' frontmatter that keeps a deciding line from deciding, from the causes of
 * the batch 4 false alarms (ruledOutBy, undecidedBy, a signature moved to supports), and supports that
 * point a weak answer the right way. The texts are minimal reproductions written here, not corpus
 * texts: each case shows the deciding line alone (confident) and with the evidence (no confident
 * answer at all).
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: batch 4 causes of confident wrong answers', () => {
  it.each([
    [
      'pod-cidr-overlap',
      // A node inside the range: since batch 13 (p837) the flag alone, with no node address in 192.168.x.y
      // and no routing trouble, is only "possibly related" (evidence-caps-batch13.test.ts).
      '$ sudo kubeadm init --pod-network-cidr=192.168.0.0/16 --apiserver-advertise-address=192.168.56.10\nthen calico-node never became ready',
      [
        // kubeadm init stopped at preflight: no cluster, no pod network, so no overlap yet.
        'sudo kubeadm init --pod-network-cidr=192.168.0.0/16\n[preflight] Some fatal errors occurred:\n\t[ERROR Port-10259]: Port 10259 is in use',
        // Two different pod CIDRs named: a pool that does not follow podSubnet, not an overlap.
        'kubeadm init --pod-network-cidr=172.20.0.0/16 but the pods still get addresses from the default pool 192.168.0.0/16',
      ],
    ],
    [
      'containerd-cri-disabled',
      'FATA[0000] listing containers: rpc error: code = Unimplemented desc = unknown service runtime.v1alpha2.RuntimeService',
      [
        // `crictl version` answered: the CRI plugin is enabled, the caller speaks an API the runtime dropped.
        'my agent logs: rpc error: code = Unimplemented desc = unknown service runtime.v1alpha2.RuntimeService\n$ crictl version\nVersion:  0.1.0\nRuntimeName:  containerd\nRuntimeApiVersion:  v1',
      ],
    ],
    [
      'kubectl-localhost-8080',
      '$ kubectl get pods\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
      [
        // A local-cluster tool's start failed: its own kubeconfig was never written; the kubeadm fix does not apply.
        '$ minikube start\nExiting due to an error\n$ kubectl get pods\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
        '$ kind create cluster\nERROR: failed to create cluster\n$ kubectl get nodes\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
      ],
    ],
  ])('%s: decides alone, not with the evidence that rules it out or leaves it open', (id, decides, capped) => {
    expect(answer(decides)).toEqual({ id, confident: true });
    for (const text of capped) expect(answer(text).confident, text).toBe(false);
  });

  it('CALICO_IPV4POOL_CIDR (any Calico set-up names it) only supports the overlap', () => {
    expect(answer('- name: CALICO_IPV4POOL_CIDR\n  value: "10.10.0.0/16"')).toEqual({
      id: 'pod-cidr-overlap',
      confident: false,
    });
  });

  it('a VMware VM that never started is not a firewall lockout inside it', () => {
    const found = answer(
      '==> default: Starting the VMware VM...\nVagrant timed out while trying to start the VMware machine. This\nerror is caused by VMware never successfully starting the machine.',
    );
    expect(found.confident).toBe(false);
    expect(found.id).not.toBe('iptables-flush-lockout');
  });

  it('the Kubernetes apt source file supports the moved repository', () => {
    expect(answer('sudo rm /etc/apt/sources.list.d/kubernetes.list fixed it for me')).toEqual({
      id: 'kubernetes-apt-repo-moved',
      confident: false,
    });
  });
});
