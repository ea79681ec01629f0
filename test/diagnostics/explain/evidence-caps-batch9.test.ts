/**
 * Evidence from the batch 9 misses and confident out-of-scope answers: what a user's text carries
 * that the runbooks did not know, which generic line decided wrongly, and the lines near each fix
 * that must keep (or must not get) their runbook. The texts are minimal reproductions written
 * here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { errorHosts } from '../../../src/retrieval/pattern-lines';
import { answer } from './answer';

describe('explain: batch 9, apt progress lines name repositories that answered', () => {
  it('reads no host from "Hit:" and "Get:" lines', () => {
    const lines = [
      'Hit:1 https://pkgs.k8s.io/core:/stable:/v1.30/deb  InRelease',
      'Get:2 https://download.docker.com/linux/ubuntu jammy InRelease [48.8 kB]',
      'Err:3 https://repo.example.org/apt stable InRelease',
    ];
    expect(errorHosts(lines)).toEqual(['repo.example.org']);
  });

  it("gives no confident kubernetes-apt-repo-moved for another vendor's NO_PUBKEY beside a healthy Google repository", () => {
    const text = [
      '$ sudo apt-get update',
      'Hit:1 https://packages.cloud.google.com/apt cloud-sdk InRelease',
      'Err:2 https://repo.example-gpu.com/linux/ubuntu2204/x86_64  InRelease',
      "  The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 1234ABCD5678EF90",
      'E: The repository \x27https://repo.example-gpu.com/linux/ubuntu2204/x86_64  InRelease\x27 is not signed.',
    ].join('\n');
    const found = answer(text);
    expect(found.id === 'kubernetes-apt-repo-moved' && found.confident).toBe(false);
  });

  it.each([
    // The legacy repository's own key error: still decides.
    [
      'Err:4 https://apt.kubernetes.io kubernetes-xenial InRelease',
      "  The following signatures couldn't be verified because the public key is not available: NO_PUBKEY B53DC80D13EDEF05",
      'W: GPG error: https://apt.kubernetes.io kubernetes-xenial InRelease: NO_PUBKEY B53DC80D13EDEF05',
    ].join('\n'),
    // The same error after Hit: lines of other repositories.
    [
      'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease',
      'Get:2 https://download.docker.com/linux/ubuntu jammy InRelease [48.8 kB]',
      'Err:3 https://packages.cloud.google.com/apt kubernetes-xenial InRelease',
      "  The following signatures couldn't be verified because the public key is not available: NO_PUBKEY B53DC80D13EDEF05",
    ].join('\n'),
  ])('keeps a Kubernetes repository NO_PUBKEY a confident kubernetes-apt-repo-moved: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: true });
  });
});

describe('explain: batch 9, the kubeconfig fix told instead of the 8080 error', () => {
  it.each([
    // A troubleshooting note whose error was a screenshot: only the fix is text (more than 8 lines).
    [
      '# kubectl refused',
      '## Setup',
      'Kubernetes 1.28, Ubuntu 22.04',
      '## Problem',
      '`kubectl get nodes` does not work: [image]',
      '## Solution',
      '$ export KUBECONFIG=/etc/kubernetes/admin.conf',
      'or copy admin.conf to your home directory',
      '## Works now',
    ].join('\n'),
    // A script comment in another language, then the fix.
    '# 解决 kubectl get nodes 报 8080 的问题\ncp /etc/kubernetes/admin.conf $HOME/\nexport KUBECONFIG=$HOME/admin.conf',
  ])('points to kubectl-localhost-8080, as a weak answer (a fix is no error line): %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: false });
  });

  it('keeps the 8080 error itself a confident kubectl-localhost-8080', () => {
    const text =
      'vagrant@k8s-master:~$ kubectl get nodes\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?';
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: true });
  });

  it("gives no confident answer for a successful kubeadm init's kubeconfig hint", () => {
    const text = [
      'Your Kubernetes control-plane has initialized successfully!',
      'To start using your cluster, you need to run the following as a regular user:',
      '  mkdir -p $HOME/.kube',
      '  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config',
      'Alternatively, if you are the root user, you can run:',
      '  export KUBECONFIG=/etc/kubernetes/admin.conf',
    ].join('\n');
    expect(answer(text).confident).toBe(false);
  });

  it('keeps an API server down on 6443 out of kubectl-localhost-8080 even with the kubeconfig exported', () => {
    const text =
      'export KUBECONFIG=/etc/kubernetes/admin.conf\nThe connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?';
    const found = answer(text);
    expect(found.id === 'kubectl-localhost-8080' && found.confident).toBe(false);
  });
});

describe('explain: batch 9, containerd 1.x spells the cgroup setting systemd_cgroup', () => {
  it('points to cgroup-driver-mismatch, weakly, for the CRI plugin key set to false', () => {
    const text = [
      'kubeadm with containerd 1.4: is the kubelet config applied?',
      'kind: KubeletConfiguration',
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'cgroupDriver: systemd',
      'and /etc/containerd/config.toml has',
      '[plugins."io.containerd.grpc.v1.cri"]',
      '  sandbox_image = "k8s.gcr.io/pause:3.2"',
      '  systemd_cgroup = false',
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
      '  runtime_type = "io.containerd.runc.v2"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: false });
  });

  it('keeps a CRI-disabled containerd a confident containerd-cri-disabled', () => {
    const text = [
      '[ERROR CRI]: container runtime is not running: output: time="2024-01-02T10:00:00Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
      'disabled_plugins = ["cri"]',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: true });
  });
});

describe('explain: batch 9, "No package matching" is Ansible apt for any missing version', () => {
  it('points an unquoted version that lost its zero (1.30 set, 1.3 looked for) to yaml-version-float', () => {
    expect(
      answer('kube_version: 1.30 in group_vars, the install task looks for 1.3 and fails with No package matching').id,
    ).toBe('yaml-version-float');
  });

  it('gives no confident yaml-version-float when apt misses a version that kept its zero', () => {
    const text =
      'fatal: [worker1]: FAILED! => {"changed": false, "msg": "No package matching \x27kubeadm=1.30.99-1.1\x27 is available"}';
    const found = answer(text);
    expect(found.id === 'yaml-version-float' && found.confident).toBe(false);
  });

  it('keeps a stale index (a .deb 404 beside "No package matching") a confident apt-stale-cache', () => {
    const text = [
      'fatal: [node1]: FAILED! => {"changed": false, "msg": "No package matching \x27containerd\x27 is available"}',
      'E: Failed to fetch http://archive.ubuntu.com/ubuntu/pool/main/r/runc/runc_1.1.7-0ubuntu1_amd64.deb  404  Not Found [IP: 91.189.91.39 80]',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'apt-stale-cache', confident: true });
  });

  it('still points a bare "No package matching" for a pinned package to apt-stale-cache, weakly', () => {
    const text =
      'fatal: [node1]: FAILED! => {"changed": false, "msg": "No package matching \x27containerd.io=1.6.21-1\x27 is available"}';
    expect(answer(text)).toEqual({ id: 'apt-stale-cache', confident: false });
  });
});

describe('explain: batch 9, Calico BGP peering with the NAT address', () => {
  it.each([
    'calico-node 0/1 Running on every node, BIRD says BGP not established with 10.0.2.15',
    'calico-node 파드가 Ready가 안 되고 bird 로그에 peer 10.0.2.15와 BGP가 안 붙는다고 나와요',
  ])('points to cni-nat-interface: %s', (text) => {
    expect(answer(text).id).toBe('cni-nat-interface');
  });

  it('gives no confident answer for BGP down with a real node address (a firewall on port 179)', () => {
    const text =
      'Readiness probe failed: calico/node is not ready: BIRD is not ready: BGP not established with 192.168.56.11\nthe firewall on node2 drops tcp 179';
    expect(answer(text).confident).toBe(false);
  });

  it('keeps a BGP session flap without the NAT address a low "possibly related" at most', () => {
    const found = explain({
      text: 'bird: BGP session to 192.168.56.12 went down, hold timer expired, peer restarted',
      lang: 'en',
      entries: runbookEntries,
      url: (id) => id,
    });
    for (const candidate of found) expect(candidate.confidence, candidate.id).toBeLessThan(0.3);
  });
});
