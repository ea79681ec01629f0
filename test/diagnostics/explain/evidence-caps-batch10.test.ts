/**
 * Evidence from the batch 10 misses and confident out-of-scope answers: the same mechanism in a
 * neighbouring setting (a join that discovers the NAT address outside Ansible, kubespray's join task,
 * YAML outside Ansible, Vagrant's own default-route template and provisioners, `k3s kubectl`), and
 * the lines near each fix that must keep (or must not get) their runbook. The texts are minimal
 * reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/retrieval/normalize';
import { tokenize } from '../../../src/retrieval/tokenize';
import { answer } from './answer';

describe('explain: batch 10, a join that discovers the API server at the NAT address', () => {
  it.each([
    // A Windows worker joined by a script: connectex instead of "connect: connection refused".
    [
      'w2: error execution phase preflight: couldn\x27t validate the identity of the API Server: Get "https://10.0.2.15:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 10.0.2.15:6443: connectex: No connection could be made because the target machine actively refused it.',
      'w2: To see the stack trace of this error execute with --v=5 or higher',
    ].join('\n'),
    // A Linux worker that times out against it.
    [
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: couldn\x27t validate the identity of the API Server: Get "https://10.0.2.15:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    ].join('\n'),
  ])('answers ansible-default-ipv4-nat, confidently, before kubeadm-join-hangs: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'ansible-default-ipv4-nat', confident: true });
  });

  it('keeps a join against a private address a confident kubeadm-join-hangs', () => {
    const text = [
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: couldn\x27t validate the identity of the API Server: Get "https://192.168.56.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 192.168.56.10:6443: connect: connection refused',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubeadm-join-hangs', confident: true });
  });

  it('gives no confident answer for 10.0.2.15 on a healthy route listing', () => {
    const found = answer('default via 10.0.2.2 dev eth0 proto dhcp src 10.0.2.15 metric 100');
    expect(found.confident).toBe(false);
  });
});

describe("explain: batch 10, kubespray's join task that does not go on", () => {
  it('points to kubeadm-join-hangs as a weak answer (a task name is no error line)', () => {
    const text = 'TASK [kubernetes/kubeadm : Join to cluster if needed] ****\nstays here\n\n-- firewalld is on';
    expect(answer(text)).toEqual({ id: 'kubeadm-join-hangs', confident: false });
  });

  it('does not answer kubeadm-join-hangs for a story about a Kubernetes cluster join', () => {
    const text =
      'I bootstrap a Kubernetes cluster with Vagrant and an Ansible role; joining the nodes to the master hung until I stopped advertising the API on the NAT network.';
    expect(answer(text).id).not.toBe('kubeadm-join-hangs');
  });
});

describe('explain: batch 10, `k3s kubectl` falling back to localhost:8080', () => {
  it('is only "possibly related" to kubectl-localhost-8080: the k3s server never came up', () => {
    const text =
      'fatal: [pi-m2]: FAILED! => {"cmd": ["k3s", "kubectl", "get", "nodes"], "rc": 1, "stderr": "The connection to the server localhost:8080 was refused - did you specify the right host or port?"}';
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: false });
  });

  it.each([
    'pi@worker1:~$ kubectl get pods\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
    'W0101 10:00:00.000000 1 loader.go:222] Config not found: /etc/rancher/k3s/k3s.yaml\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
  ])('keeps plain kubectl without a kubeconfig (also on a k3s node) a confident kubectl-localhost-8080: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: true });
  });
});

describe('explain: batch 10, a YAML float outside Ansible', () => {
  it('points to yaml-version-float, weakly', () => {
    expect(answer('yaml interprets 3.10 as 3.1 in our CI matrix')).toEqual({
      id: 'yaml-version-float',
      confident: false,
    });
  });
});

describe("explain: batch 10, Vagrant's own network and provisioning steps", () => {
  it("points to duplicate-default-route for Vagrant's template deleting eth0's route on an enp0s3 box", () => {
    const text = [
      'auto enp0s3',
      'iface enp0s3 inet dhcp',
      '#VAGRANT-BEGIN',
      'auto enp0s8',
      'iface enp0s8 inet dhcp',
      '    post-up route del default dev eth0 || true',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'duplicate-default-route', confident: false });
  });

  it('points to apt-stale-cache when an apt-get update provisioner before the others is the fix', () => {
    // A log of more than 8 lines (not read as a description in words); the error line is not quoted.
    const text = [
      'putting this first fixed it:',
      'config.vm.provision :shell, inline: "sudo apt-get update"',
      '',
      '==> default: Running provisioner: docker...',
      '    default: Installing Docker onto machine...',
      'The following SSH command responded with a non-zero exit status.',
      'Vagrant assumes that this means the command failed!',
      '',
      'apt-get install -y docker-ce',
      '',
      'Stdout from the command:',
      '',
      'Reading package lists...',
      'Building dependency tree...',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'apt-stale-cache', confident: false });
  });

  it('gives no confident apt-stale-cache for a Vagrantfile that refreshes apt and then fails on VT-x', () => {
    const text = [
      'config.vm.provision :shell, inline: "sudo apt-get update"',
      'Stderr: VBoxManage: error: VT-x is not available (VERR_VMX_NO_VMX)',
    ].join('\n');
    const found = answer(text);
    expect(found.id === 'apt-stale-cache' && found.confident).toBe(false);
  });
});

describe('tokenize: Chinese and Japanese glued to Latin words', () => {
  it('reads the Latin words on their own', () => {
    const tokens = tokenize(normalize('cgroup不匹配启动kubelet报错'));
    expect(tokens).toContain('cgroup');
    expect(tokens).toContain('kubelet');
  });

  it("keeps katakana's long vowel mark with its word, not with the Latin word after it", () => {
    const tokens = tokenize(normalize('エラーkubeadmです'));
    expect(tokens).toContain('kubeadm');
    expect(tokens).not.toContain('ーkubeadm');
  });

  it('keeps Korean particles with their word as before', () => {
    expect(tokenize(normalize('kubectl이 안 된다'))).toContain('kubectl');
  });
});
