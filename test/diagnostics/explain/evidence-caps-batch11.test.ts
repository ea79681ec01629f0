/**
 * Evidence from batch 11's confident out-of-scope answers: a generic line that decided alone
 * (kubeadm's `[ERROR CRI]` preflight line, the kubelet health check, systemd refusing a unit file,
 * `cni plugin not initialized` next to a CNI that runs, a pod CIDR named without a node inside it),
 * and the lines near each fix that must keep their runbook confident. The texts are minimal
 * reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

const CRI_DOWN = '[ERROR CRI]: container runtime is not running: output: time="2024-03-01T08:00:00Z" level=fatal msg=';

describe('explain: batch 11, [ERROR CRI] where the runtime is down or is not containerd', () => {
  it.each([
    // The socket is there but nothing answers (containerd stopped or restarting).
    `[preflight] Running pre-flight checks\n${CRI_DOWN}"failed to connect: failed to connect, make sure you are running as root and the runtime has been started: context deadline exceeded"`,
    // The socket does not exist.
    `${CRI_DOWN}"unable to determine runtime API version: rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""`,
    // The preflight line alone: it has several causes.
    'error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR CRI]: container runtime is not running',
    // Unimplemented, but on another runtime's socket (a CRI shim).
    'validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/cri-shim.sock": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService',
  ])('gives containerd-cri-disabled only as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: false });
  });

  it.each([
    `${CRI_DOWN}"validate service connection: CRI v1 runtime API is not implemented for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"`,
    'validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService',
    '$ grep -n disabled_plugins /etc/containerd/config.toml\n15:disabled_plugins = ["cri"]',
  ])("keeps a disabled CRI on containerd's socket a confident containerd-cri-disabled: %s", (text) => {
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: true });
  });
});

describe('explain: batch 11, the local kubelet is not healthy during a join', () => {
  it('is only "possibly related" to kubeadm-join-hangs: discovery worked', () => {
    const text = [
      '[preflight] Reading configuration from the cluster...',
      '[kubelet-start] Starting the kubelet',
      '[kubelet-check] It seems like the kubelet isn\x27t running or healthy.',
      '[kubelet-check] The HTTP call equal to \x27curl -sSL http://localhost:10248/healthz\x27 failed with error: Get "http://localhost:10248/healthz": dial tcp 127.0.0.1:10248: connect: connection refused.',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubeadm-join-hangs', confident: false });
  });

  it('keeps a discovery that cannot reach the API server a confident kubeadm-join-hangs', () => {
    const text = [
      '[preflight] Running pre-flight checks',
      '[discovery] Failed to request cluster info, will try again: Get "https://192.168.56.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info": dial tcp 192.168.56.10:6443: i/o timeout',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubeadm-join-hangs', confident: true });
  });
});

describe('explain: batch 11, systemd refusing a unit file with "Exec format error"', () => {
  it('is only "possibly related" to exec-format-error: the binary never ran', () => {
    expect(answer('systemctl start kubelet\nUnit kubelet.service is not loaded properly: Exec format error.')).toEqual({
      id: 'exec-format-error',
      confident: false,
    });
  });

  it('keeps a foreign-architecture binary a confident exec-format-error', () => {
    const text =
      'vagrant@node1:~$ sudo kubeadm version\n-bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error';
    expect(answer(text)).toEqual({ id: 'exec-format-error', confident: true });
  });
});

describe('explain: batch 11, "cni plugin not initialized" next to a CNI that is deployed', () => {
  it('is only "possibly related" to cni-not-installed when the CNI\'s own pods are listed', () => {
    const text = [
      'kube-system   cilium-operator-6d8c9b7f4-q2x7k   0/1   Pending   0   5m',
      'kube-system   cilium-8kq2z                      0/1   Init:0/6  0   5m',
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: false });
  });

  it('keeps a cluster without any network add-on a confident cni-not-installed', () => {
    const text = [
      'kube-system   coredns-5dd5756b68-7xk2p   0/1   Pending   0   9m',
      'Ready False KubeletNotReady container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: true });
  });
});

describe('explain: batch 11, a pod CIDR of 192.168.0.0/16 named without a node inside it', () => {
  it('is only "possibly related" to pod-cidr-overlap when the nodes are on 10.x', () => {
    const text = [
      'controlPlaneEndpoint: "10.20.0.5:6443"',
      'nodes are 10.20.0.5 and 10.20.0.6',
      'I passed pod-network-cidr to 192.168.0.0/16, still calico-node cannot reach 10.96.0.1',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: false });
  });

  it.each([
    'sudo kubeadm init --apiserver-advertise-address=192.168.56.10 --pod-network-cidr=192.168.0.0/16',
    'master 192.168.1.20, worker 192.168.1.21\nkubeadm init --pod-network-cidr=192.168.0.0/16\npods on the other node do not answer',
  ])('keeps node addresses inside the pod CIDR a confident pod-cidr-overlap: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: true });
  });
});

describe('explain: batch 11, a role version read as a float by ansible-galaxy', () => {
  it('points to yaml-version-float, weakly (the error names no version)', () => {
    const text = [
      '$ ansible-galaxy install -r requirements.yml',
      'ERROR! Unexpected Exception: execv() arg 2 must contain only strings',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'yaml-version-float', confident: false });
  });
});

describe('explain: batch 11, every Vagrant machine on the same 10.0.2.15, in words', () => {
  it('points to ansible-default-ipv4-nat, weakly', () => {
    const text =
      'Set up five VMs with Vagrant and a shell script; every one of them reports the same hard-coded IP 10.0.2.15, so the services do not route between the nodes.';
    expect(answer(text)).toEqual({ id: 'ansible-default-ipv4-nat', confident: false });
  });
});
