/**
 * Evidence from batch 14: kubectl's localhost:8080 after a `kubeadm init` that failed (admin.conf was never
 * written), `cni plugin not initialized` while the add-on's containers are created and stopped, a CRI
 * preflight error that is a permission problem, flannel's "Determining IP address of default interface"
 * without the NAT address, and the texts near each fix that must stay confident. The texts are minimal
 * reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer, REFUSED } from './answer';

describe('explain: batch 14, localhost:8080 after a kubeadm init that failed', () => {
  it.each([
    [
      '$ sudo kubeadm init --pod-network-cidr=10.244.0.0/16',
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2',
      '$ kubectl get nodes',
      REFUSED,
    ].join('\n'),
    [
      'kubeadm init --apiserver-advertise-address=192.168.56.10 hangs and then fails:',
      '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods',
      'Unfortunately, an error has occurred:',
      '\ttimed out waiting for the condition',
      '# kubectl version',
      'Client Version: v1.29.3',
      REFUSED,
    ].join('\n'),
    [
      'kubeadm init 하다가 실패했고 kubectl 쳐도 안 돼요',
      'error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR Port-6443]: Port 6443 is in use',
      REFUSED,
    ].join('\n'),
  ])('is only "possibly related" to kubectl-localhost-8080: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: false });
  });

  it.each([
    REFUSED,
    [
      '$ sudo kubeadm init --apiserver-advertise-address=192.168.56.10 --pod-network-cidr=10.244.0.0/16',
      'Your Kubernetes control-plane has initialized successfully!',
      'vagrant@master:~$ kubectl get nodes',
      'E0412 10:02:11.123456    4242 memcache.go:265] couldn\'t get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused',
      REFUSED,
    ].join('\n'),
    [
      'first try: error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR Swap]: running with swap on is not supported. Please disable swap',
      '$ sudo swapoff -a && sudo kubeadm init',
      'Your Kubernetes control-plane has initialized successfully!',
      'vagrant@master:~$ kubectl get pods -A',
      REFUSED,
    ].join('\n'),
    ['워커 노드에서 kubectl 치면 이렇게 나와요', REFUSED].join('\n'),
  ])('keeps kubectl after a successful init (or with no init in the text) confident: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: true });
  });
});

describe('explain: batch 14, cni plugin not initialized while the add-on runs', () => {
  it('is only "possibly related" to cni-not-installed when the add-on\'s container is created and stopped', () => {
    const text = [
      '  Normal   Created    3m (x4 over 12m)   kubelet   Created container calico-node',
      '  Normal   Killing    40s (x5 over 10m)  kubelet   Stopping container calico-node',
      'kubelet[812]: E0301 08:14:02.000000 812 kubelet.go:2855] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: false });
  });

  it('keeps a NotReady node with no add-on in the text confident', () => {
    const text = [
      '$ kubectl get nodes',
      'NAME     STATUS     ROLES           AGE   VERSION',
      'master   NotReady   control-plane   5m    v1.29.3',
      'kubelet[812]: E0301 08:14:02.000000 812 kubelet.go:2855] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: true });
  });
});

describe('explain: batch 14, [ERROR CRI] with permission denied', () => {
  it('is only "possibly related" to containerd-cri-disabled', () => {
    const text = [
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR CRI]: container runtime is not running: output: time="2024-05-02T10:00:00Z" level=fatal msg="getting status of runtime: rpc error: code = Unknown desc = stat /proc/911/ns/pid: permission denied: unknown"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: false });
  });

  it('keeps the unimplemented CRI service confident', () => {
    const text = [
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR CRI]: container runtime is not running: output: time="2024-05-02T10:00:00Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: true });
  });
});

describe('explain: batch 14, flannel reporting its interface choice', () => {
  it('does not let "Determining IP address of default interface" decide cni-nat-interface alone', () => {
    const text = [
      'I0502 09:12:01.000001       1 match.go:210] Determining IP address of default interface',
      'I0502 09:12:01.000002       1 match.go:263] Using interface with name ens3 and address 203.0.113.7',
      'E0502 09:12:01.000003       1 main.go:332] Error registering network: failed to acquire lease: node "cp1" pod cidr not assigned',
    ].join('\n');
    expect(answer(text).confident && answer(text).id === 'cni-nat-interface').toBe(false);
  });

  it.each([
    [
      'I0502 09:12:01.000001       1 main.go:475] Determining IP address of default interface',
      'I0502 09:12:01.000002       1 main.go:488] Using interface with name enp0s3 and address 10.0.2.15',
    ].join('\n'),
    [
      'pods on node2 cannot reach pods on node1',
      'flanneld[901]: I0502 09:12:01.000001 901 main.go:118] Determining IP address of default interface',
      'flanneld[901]: I0502 09:12:01.000002 901 main.go:205] Using 10.0.2.15 as external interface',
    ].join('\n'),
  ])('keeps the NAT address confident: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'cni-nat-interface', confident: true });
  });
});
