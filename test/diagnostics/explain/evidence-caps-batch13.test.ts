/**
 * Evidence from batch 13: Calico's quickstart CIDR on a kubeadm command line that no node address or
 * routing trouble backs, and the texts near the fix that must keep their runbook confident. The texts are minimal
 * reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: batch 13, --pod-network-cidr=192.168.0.0/16 without an overlap to show', () => {
  it.each([
    [
      '$ sudo kubeadm init --pod-network-cidr=192.168.0.0/16',
      '$ kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.26.1/manifests/calico.yaml',
      '$ kubectl get pods -n kube-system',
      'calico-node-x7k2p                          0/1     Init:0/3   0          40m',
      'coredns-5d78c9869d-2m9qv                   0/1     Pending    0          41m',
    ].join('\n'),
    'kubeadm init --pod-network-cidr=192.168.0.0/16 went fine, but calico-kube-controllers stays Pending forever',
  ])('is only "possibly related" to pod-cidr-overlap: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: false });
  });

  it.each([
    [
      'sudo kubeadm init --apiserver-advertise-address=192.168.56.10 --pod-network-cidr=192.168.0.0/16',
      'calico-node-4hd8s   0/1   CrashLoopBackOff   5   9m   192.168.56.11   worker1',
    ].join('\n'),
    'kubeadm init --pod-network-cidr=192.168.0.0/16 on VMs at 192.168.50.11 and .12; pods on the other node get no reply',
    'I used --pod-network-cidr=192.168.0.0/16 from the Calico docs and now the nodes cannot reach each other',
    'The pod network cidr 192.168.0.0/16 conflicts with the node network here',
  ])('keeps an overlap that the text shows a confident pod-cidr-overlap: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: true });
  });
});
