/**
 * Evidence from batch 13: Calico's quickstart CIDR on a kubeadm command line that no node address or
 * routing trouble backs, a "no Release file" for apt.kubernetes.io while the old repository still hands out
 * packages, a minor version that apt does not offer during an upgrade (the per-minor repositories), and the
 * texts near each fix that must keep their runbook confident or first. The texts are minimal
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
    'kubeadm init --pod-network-cidr=192.168.0.0/16 으로 만들고 calico 적용했는데 calico-node가 Init:0/3에서 멈춰 있어요',
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
    'kubeadm init --pod-network-cidr=192.168.0.0/16 으로 만들었는데 노드 대역과 겹치는 것 같아요. 다른 노드 파드와 통신이 안 됨',
  ])('keeps an overlap that the text shows a confident pod-cidr-overlap: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: true });
  });

  it('reads the whole paste for the node address: one far from the flag still shows the overlap', () => {
    const text = [
      'Vagrantfile:',
      '  config.vm.define "master" do |m|',
      '    m.vm.box = "ubuntu/jammy64"',
      '    m.vm.network "private_network", ip: "192.168.56.10"',
      '    m.vm.provider "virtualbox" do |vb|',
      '      vb.memory = 4096',
      '      vb.cpus = 2',
      '    end',
      '  end',
      'provision.sh:',
      '  apt-get install -y kubelet kubeadm kubectl',
      '  systemctl enable --now kubelet',
      '  kubeadm init --pod-network-cidr=192.168.0.0/16',
      '  kubectl apply -f calico.yaml',
      'calico-node-8f2kq   0/1   CrashLoopBackOff   7   20m',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: true });
  });
});

describe('explain: batch 13, apt.kubernetes.io without a Release file while the old repository still serves', () => {
  it('is only "possibly related" to kubernetes-apt-repo-moved when a package still comes from kubernetes-xenial', () => {
    const text = [
      '$ sudo apt-get update',
      "E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.",
      'Pointing the source at https://packages.cloud.google.com/apt instead works:',
      '$ sudo apt-get install -y kubeadm',
      'Get:1 https://packages.cloud.google.com/apt kubernetes-xenial/main amd64 kubeadm amd64 1.22.4-00 [8716 kB]',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: false });
  });

  it.each([
    [
      '$ sudo apt-get update',
      'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease',
      'Ign:2 https://packages.cloud.google.com/apt kubernetes-xenial InRelease',
      'Err:3 https://packages.cloud.google.com/apt kubernetes-xenial Release',
      '  404  Not Found [IP: 142.250.74.46 443]',
      "E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.",
    ].join('\n'),
    [
      'TASK [kubernetes : install packages] ****',
      'fatal: [node1]: FAILED! => {"msg": "E: The repository \'https://apt.kubernetes.io kubernetes-xenial Release\' does not have a Release file."}',
    ].join('\n'),
  ])('keeps the removed repository a confident kubernetes-apt-repo-moved: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: true });
  });
});

describe('explain: batch 13, the next minor version that apt does not offer during an upgrade', () => {
  it.each([
    'The upgrade guide from 1.30 to 1.31 does not work on Ubuntu: sudo apt update, then sudo apt-cache madison kubeadm shows no 1.31 at all',
    'kubeadm 1.31로 업그레이드하려는데 sudo apt update 뒤에도 apt-cache madison kubeadm에 1.31이 안 보여요',
    'upgrading to 1.29 but apt only offers 1.28.x packages, kubeadm upgrade plan says 1.29 is available',
  ])('names kubernetes-apt-repo-moved first, as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: false });
  });

  it.each([
    'apt install of kubelet fails with 404 Not Found on one node but works on the other; running apt-get update by hand fixes it',
    'playbook에서 apt로 설치하는데 어떤 노드는 404 Not Found가 나고 apt-get update를 직접 하면 됨',
  ])('keeps a stale package index apt-stale-cache: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'apt-stale-cache', confident: false });
  });
});
