/**
 * Evidence from the batch 8 misses: what a user's text carries that the runbooks did not know, and
 * the lines near each fix that must not get the runbook confidently. The texts are minimal
 * reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { answer } from './answer';

const ids = (text: string): string[] =>
  explain({ text, lang: 'en', entries: runbookEntries, url: (id) => id }).map((found) => found.id);

describe('explain: batch 8, the discovery error quoted without its log tag', () => {
  it.each([
    // A title or a summary keeps the core of "[discovery] Failed to request cluster info, will try again".
    'worker1: bash /vagrant/join.sh\nworker1: the join script stops with Failed to request cluster info',
    // The newer kubeadm's wording of the same discovery failure, without "couldn't validate the identity".
    'error: failed to request the cluster-info ConfigMap: Get "https://192.168.56.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 192.168.56.10:6443: i/o timeout',
  ])('decides kubeadm-join-hangs: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubeadm-join-hangs', confident: true });
  });

  it("does not read kubectl's cluster-info command as the cluster-info ConfigMap", () => {
    const healthy = [
      '$ kubectl cluster-info',
      'Kubernetes control plane is running at https://192.168.56.10:6443',
      'CoreDNS is running at https://192.168.56.10:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy',
      '',
      "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    ].join('\n');
    expect(answer(healthy).confident).toBe(false);
    expect(ids(healthy)).not.toContain('kubeadm-join-hangs');
  });

  it.each([
    // kubectl's hint under an unrelated error, beside "request failed".
    "E1204 08:00:01.000000 1 memcache.go:265] request failed: the server could not find the requested resource\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    // init, not join: the runbook's context rules it out.
    '[init] Using Kubernetes version: v1.29.0\nerror execution phase bootstrap-token: failed to request the cluster-info ConfigMap',
    // Scattered generic words (INFO, failed, cluster) in a CNI log.
    '[INFO][88] felix/health.go 12: Health of component changed\nReadiness probe failed: calico/node is not ready\nmy cluster has two nodes',
  ])('gives no confident kubeadm-join-hangs for %s', (text) => {
    const found = answer(text);
    expect(found.id === 'kubeadm-join-hangs' && found.confident).toBe(false);
  });
});

describe('explain: batch 8, the cgroup driver fix told instead of the broken setting', () => {
  it.each([
    'the control plane restarted every few minutes until I set SystemdCgroup = true in /etc/containerd/config.toml',
    'Fixed it on Debian 12 by editing /etc/containerd/config.toml:\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\nno more restarts since then',
  ])('points to cgroup-driver-mismatch, as a weak answer (a fix is no error line): %s', (text) => {
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: false });
  });

  it('keeps a CRI-disabled config that also sets SystemdCgroup = true a confident containerd-cri-disabled', () => {
    const text = [
      '[ERROR CRI]: container runtime is not running: output: time="2024-01-02T10:00:00Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
      '$ cat /etc/containerd/config.toml',
      'disabled_plugins = ["cri"]',
      '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
      '  SystemdCgroup = true',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: true });
  });

  it('gives no confident answer to a provisioning script that sets SystemdCgroup = true', () => {
    const text =
      'containerd config default | sudo tee /etc/containerd/config.toml\nsudo sed -i "s/SystemdCgroup = false/SystemdCgroup = true/" /etc/containerd/config.toml\nsudo systemctl restart containerd';
    expect(answer(text).confident).toBe(false);
  });
});

describe('explain: batch 8, flannel bound to the wrong Vagrant interface, told as its fix', () => {
  it.each([
    'flannel on my vagrant cluster gave every VM the same ip, binding it to eth1 fixed it',
    // Only the fix names the interface (k3s spells it --flannel-iface); was vbox-hostonly-range first.
    'same problem here: flannel ignores --node-ip, I had to pass --flannel-iface. Vagrantfile: node.vm.network "private_network", ip: "192.168.56.11"',
  ])('points to cni-nat-interface: %s', (text) => {
    expect(answer(text).id).toBe('cni-nat-interface');
  });

  it.each([
    'all three nodes show the same ansible_default_ipv4 address 10.0.2.15 and kubeadm advertised it',
    '세 노드 다 ansible 팩트 찍으면 아이피가 10.0.2.15 로 똑같음',
  ])('leaves the same NAT address in Ansible facts to ansible-default-ipv4-nat: %s', (text) => {
    expect(answer(text).id).toBe('ansible-default-ipv4-nat');
  });
});
