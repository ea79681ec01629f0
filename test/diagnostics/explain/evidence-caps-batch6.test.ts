/**
 * Evidence in the runbooks' frontmatter from the batch 6 misses and false alarms: what keeps a deciding
 * line from deciding, and what points a weak answer the right way. The texts are minimal reproductions
 * written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: batch 6 causes of confident false alarms', () => {
  it.each([
    [
      'cgroup-driver-mismatch',
      'failed to run Kubelet: misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"',
      [
        // The same driver on both sides, one of them quoted twice: a quoting bug, not a mismatch.
        `failed to run Kubelet: misconfiguration: kubelet cgroup driver: "'cgroupfs'" is different from docker cgroup driver: "cgroupfs"`,
      ],
    ],
    [
      'cni-not-installed',
      'Ready False KubeletNotReady runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
      [
        // A CNI manifest was applied: the add-on is there but does not come up on this node.
        '$ kubectl apply -f calico.yaml\nReady False KubeletNotReady runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
        // A Windows node: its CNI is set up apart from the Linux DaemonSets.
        'OS Image: Windows Server 2022 Datacenter\nReady False KubeletNotReady runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
      ],
    ],
    [
      'kubectl-localhost-8080',
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
      [
        // admin.conf was never written: kubeadm init failed first, the kubeconfig is not what is missing.
        "cp: cannot stat '/etc/kubernetes/admin.conf': No such file or directory\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?",
      ],
    ],
    [
      'containerd-cri-disabled',
      'FATA[0000] validate service connection: CRI v1 runtime API is not implemented for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService',
      [
        // The user reports a client/runtime version mismatch: an old containerd answers the same.
        'FATA[0000] validate service connection: CRI v1 runtime API is not implemented for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService\nlooks like a version mismatch between crictl and the node',
      ],
    ],
  ])('%s: decides alone, not with the evidence that leaves it open', (id, decides, capped) => {
    expect(answer(decides)).toEqual({ id, confident: true });
    for (const text of capped) expect(answer(text), text).toEqual({ id, confident: false });
  });

  it('rules the cgroup runbook out only when both drivers are the same', () => {
    const same = `kubelet cgroup driver: "'systemd'" is different from docker cgroup driver: "systemd"`;
    expect(answer(same).id === 'cgroup-driver-mismatch' && answer(same).confident).toBe(false);
    const differ = `kubelet cgroup driver: "'systemd'" is different from docker cgroup driver: "cgroupfs"`;
    expect(answer(differ)).toEqual({ id: 'cgroup-driver-mismatch', confident: true });
  });
});

describe('explain: batch 6 evidence that was missing', () => {
  it.each([
    ['apt-stale-cache', 'the apt task has cache_valid_time: 3600 and still installs from a stale cache'],
    ['iptables-flush-lockout', 'the hardening role applied DROP policies and I lost access to the server'],
    ['yaml-version-float', 'the image tag 2.10 only works with quotes; without them it runs 2.1'],
  ])('points a weak answer to %s', (id, text) => {
    expect(answer(text).id, text).toBe(id);
  });
});
