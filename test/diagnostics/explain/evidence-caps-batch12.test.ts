/**
 * Evidence from batch 12: a long note or issue thread read as a description in words when none of
 * its lines is an error line a runbook knows (and only then), a container's entrypoint built for
 * another CPU, `cni plugin not initialized` after a CNI add-on was applied, and the lines near each
 * fix that must keep their runbook confident. The texts are minimal reproductions written here, not
 * corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: batch 12, a long input is read as a description only where no line found anything', () => {
  it('answers a long note without any known error line from its words, weakly', () => {
    const text = [
      'values.yaml:',
      '  app:',
      '    image:',
      '      repository: registry.example.com/tools/migrate',
      '      tag: 2.20',
      '      pullPolicy: IfNotPresent',
      '...',
      '$ kubectl describe pod migrate-0',
      'Containers:',
      '  migrate:',
      '    Image:  registry.example.com/tools/migrate:2.2',
      'The YAML parser turned the unquoted tag into a float, so 2.20 lost its zero.',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'yaml-version-float', confident: false });
  });

  it('keeps the order that the error lines give when the words of a long note point elsewhere', () => {
    const text = [
      'The lab provisions every node with apt, after refreshing the package lists with apt-get update the install step breaks.',
      '    master: No apt package "kubeadm", but there is a snap with that name.',
      '    master: Try "snap install kubeadm"',
      '    master: No apt package "kubectl", but there is a snap with that name.',
      '    master: Try "snap install kubectl"',
      '    master: E: Unable to locate package kubelet',
      '    master: E: Unable to locate package kubectl',
      '    master: E: Unable to locate package kubeadm',
      '    master: E: No packages found',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: false });
  });
});

describe("explain: batch 12, a container's entrypoint built for another CPU", () => {
  it.each([
    'helm install museum ./chart\nkubectl logs museum-0\nexec /museum:exec format error',
    'kubectl logs web-0\nexec /usr/local/bin/docker-entrypoint.sh: exec format error',
    '$ kubectl logs -n tools api-7d9f\nexec /app/server: exec format error',
    'standard_init_linux.go:228: exec user process caused: exec format error',
  ])('gives exec-format-error only as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'exec-format-error', confident: false });
  });

  it.each([
    'vagrant@node1:~$ sudo kubeadm version\n-bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error',
    'kubelet.service: Failed at step EXEC spawning /usr/local/bin/kubelet: Exec format error',
    'Error: fork/exec /usr/local/bin/kubectl: exec format error',
  ])('keeps a Kubernetes binary on the node a confident exec-format-error: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'exec-format-error', confident: true });
  });
});

describe('explain: batch 12, "cni config uninitialized" that a reboot clears', () => {
  it.each([
    "After kubeadm reset and a new install the node stays NotReady: 'network plugin is not ready: cni config uninitialized'. The issue was resolved after a reboot.",
    'I wipe the cluster with kubeadm reset and run the playbook again; unless I reboot first, kubelet says network plugin is not ready: cni config uninitialized',
  ])('is only "possibly related" to cni-not-installed: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: false });
  });

  it('keeps a fresh cluster without an add-on a confident cni-not-installed', () => {
    const text = [
      '$ sudo kubeadm init --pod-network-cidr=10.244.0.0/16',
      '$ kubectl get nodes',
      'k8s-master   NotReady   control-plane   3m   v1.30.2',
      'kubelet: "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'cni-not-installed', confident: true });
  });
});
