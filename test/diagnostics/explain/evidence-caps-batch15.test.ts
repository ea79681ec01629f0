/**
 * Evidence from batch 15: a kubeadm/kubelet/kubectl pin with the legacy repository's `-00` revision that apt
 * cannot install, kubectl's localhost:8080 inside a pod, the kubelet's fallback to its own cgroup driver when
 * the runtime does not answer RuntimeConfig, scattered words that partly cover a signature, Calico's IP
 * autodetection on Vagrant in a few words, a pod CIDR over the host CIDR said in words, and the texts near each
 * fix that must stay confident or first (English and Korean). The texts are minimal reproductions written
 * here, not corpus texts: every "names ... first" / "is only possibly related" case fails on 21d8d9d (the
 * matcher batch 15 was scored on), every "keeps" case passes there and after.
 */
import { describe, expect, it } from 'vitest';
import { answer, REFUSED } from './answer';

describe('explain: batch 15, a pin with the legacy -00 revision that apt cannot install', () => {
  it.each([
    [
      'TASK [kubernetes : install kubeadm] ********',
      'fatal: [worker2]: FAILED! => {"changed": false, "msg": "no available installation candidate for kubeadm=1.26.3-00"}',
    ].join('\n'),
    [
      '$ sudo apt-get install -y kubectl=1.27.4-00',
      'Reading package lists... Done',
      "E: Version '1.27.4-00' for 'kubectl' was not found",
    ].join('\n'),
    '패커로 노드 이미지를 굽는데 어제부터 no available installation candidate for kubelet=1.25.9-00 에러로 멈춰요',
  ])('names kubernetes-apt-repo-moved first, as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: false });
  });

  it.each([
    "E: Version '1.3' for 'kubeadm' was not found",
    ['k8s_version: 1.20 in group_vars/all.yml', "E: Version '1.2' for 'kubeadm' was not found"].join('\n'),
  ])('keeps a float-erased version a confident yaml-version-float: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'yaml-version-float', confident: true });
  });

  it('keeps the removed repository a confident kubernetes-apt-repo-moved', () => {
    const text = [
      'Err:5 https://packages.cloud.google.com/apt kubernetes-xenial Release',
      '  404  Not Found [IP: 142.250.74.110 443]',
      "E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.",
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: true });
  });
});

describe('explain: batch 15, kubectl inside a pod falls back to localhost:8080', () => {
  it.each([
    [
      '$ kubectl -n ci exec -it runner-7d9f -- /bin/sh',
      '/ $ kubectl get secrets',
      'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:ci:runner" cannot list resource "secrets" in API group "" in the namespace "ci"',
      '/ $ kubectl get secrets --as=system:admin',
      REFUSED,
    ].join('\n'),
    [
      '젠킨스 에이전트 파드 안에서 kubectl을 돌리면 이렇게 나옵니다 (env에 KUBERNETES_SERVICE_HOST=10.96.0.1 있음)',
      REFUSED,
    ].join('\n'),
  ])('is only "possibly related" to kubectl-localhost-8080: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: false });
  });

  it.each([
    REFUSED,
    ['vagrant@worker1:~$ kubectl get pods -A', REFUSED].join('\n'),
    ['$ kubectl exec -it nginx-5d8c -- bash', REFUSED].join('\n'),
    ['워커 노드에서 kubectl get nodes 하면 이래요', REFUSED].join('\n'),
  ])('keeps kubectl on a node confident: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'kubectl-localhost-8080', confident: true });
  });
});

describe('explain: batch 15, the kubelet falls back to its own cgroup driver (the runtime has no RuntimeConfig)', () => {
  const FALLBACK =
    'I1104 09:12:44.120331    8812 kubelet.go:1410] "CRI implementation should be updated to support RuntimeConfig when KubeletCgroupDriverFromCRI feature gate has been enabled. Falling back to using cgroupDriver from kubelet config."';

  it.each([
    [
      '[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s',
      '[control-plane-check] kube-apiserver is not healthy after 4m0.00s',
      'E1104 09:12:44.120100    8812 log.go:32] "RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented desc = unknown method RuntimeConfig"',
      FALLBACK,
    ].join('\n'),
    [
      'kubeadm init 하면 control plane 헬스 체크에서 4분 기다리다 실패합니다. kubelet 로그:',
      'E1104 09:12:44.120100    8812 log.go:32] "RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented desc = unknown method RuntimeConfig"',
      FALLBACK,
    ].join('\n'),
  ])('names cgroup-driver-mismatch first, as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: false });
  });

  it("keeps the kubelet's misconfiguration line a confident cgroup-driver-mismatch", () => {
    const text =
      'failed to run Kubelet: misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"';
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: true });
  });

  it('keeps a disabled CRI plugin a confident containerd-cri-disabled', () => {
    const text = [
      '[preflight] Running pre-flight checks',
      'error execution phase preflight: [preflight] Some fatal errors occurred:',
      '\t[ERROR CRI]: container runtime is not running: output: E0307 10:00:00.000000    1201 remote_runtime.go:616] "Status from runtime service failed" err="rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'containerd-cri-disabled', confident: true });
  });
});

describe('explain: batch 15, scattered words that partly cover a signature are no evidence', () => {
  it.each([
    [
      '## Summary',
      'Our chart has `appVersion: 2.10` unquoted. The templating engine reads it as a float, so the image tag',
      'becomes 2.1 once we format it back to a string.',
      '## Expected result',
      'The version should stay a string.',
    ].join('\n'),
    [
      '## 현상',
      'values.yaml의 version: 2.10 을 따옴표 없이 두었더니 float로 읽혀서 문자열로 format 하면 2.1이 됩니다.',
      '## Expected',
      '버전은 문자열 그대로 남아야 합니다.',
    ].join('\n'),
  ])('names yaml-version-float first, not cgroup-driver-mismatch: %s', (text) => {
    expect(answer(text)).toEqual({ id: 'yaml-version-float', confident: false });
  });

  it('keeps the runc cgroupsPath error a confident cgroup-driver-mismatch', () => {
    const text =
      'Error: failed to create containerd container: OCI runtime create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "/kubepods/burstable/pod1234" instead';
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: true });
  });
});

describe("explain: batch 15, Calico's IP autodetection on Vagrant in a few words", () => {
  it.each([
    'Vagrant + Calico: 노드 IP 자동 감지가 틀려서 감지 방법을 설정해야 함',
    'vagrant calico cluster: wrong IP autodetection after join, need to set the autodetection method',
  ])('names cni-nat-interface first, as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'cni-nat-interface', confident: false });
  });

  it('keeps calico-node on the NAT address a confident cni-nat-interface', () => {
    const text = 'calico-node: Using autodetected IPv4 address on interface eth0: 10.0.2.15/24';
    expect(answer(text)).toEqual({ id: 'cni-nat-interface', confident: true });
  });
});

describe('explain: batch 15, a pod CIDR over the host CIDR, said in words', () => {
  it.each([
    [
      'Pods cannot reach the API server: curl https://10.96.0.1:443/version hangs until it times out.',
      'Our pod CIDR overlapped the host CIDR (podSubnet 172.20.0.0/16, nodes on 172.20.5.0/24); we cannot change it.',
      'kubeadm config:',
      'networking:',
      '  podSubnet: "172.20.0.0/16"',
      '  serviceSubnet: "10.96.0.0/12"',
      '  dnsDomain: "cluster.local"',
      'controlPlaneEndpoint: "172.20.5.10:6443"',
      'ping works, only TCP from pods to the API times out.',
    ].join('\n'),
    [
      '파드 안에서 API 서버로 curl 하면 항상 타임아웃입니다. ping은 됩니다.',
      '우리 환경은 파드 CIDR가 호스트 CIDR와 겹치는데, 제약 때문에 바꿀 수 없습니다.',
      '$ curl -k https://10.96.0.1:443/version',
      'curl: (28) Failed to connect to 10.96.0.1 port 443: Connection timed out',
      'kubeadm 설정:',
      'networking:',
      '  podSubnet: "172.20.0.0/16"',
      '  serviceSubnet: "10.96.0.0/12"',
      'controlPlaneEndpoint: "172.20.5.10:6443"',
    ].join('\n'),
  ])('names pod-cidr-overlap first, as "possibly related": %s', (text) => {
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: false });
  });

  it('keeps an overlap described in a few Korean words pod-cidr-overlap', () => {
    const text = '파드 CIDR가 호스트 CIDR랑 겹쳐서 파드에서 API 서버로 가는 요청이 전부 타임아웃돼요';
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: false });
  });

  it("keeps Calico's quickstart CIDR around 192.168.56.x a confident pod-cidr-overlap", () => {
    const text = [
      '$ sudo kubeadm init --apiserver-advertise-address=192.168.56.10 --pod-network-cidr=192.168.0.0/16',
      'worker1 (192.168.56.11) cannot reach the API server any more after Calico started',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'pod-cidr-overlap', confident: true });
  });
});
