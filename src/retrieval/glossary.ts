/**
 * The one glossary of k8sdiag: English ↔ Korean terms with the other ways people type them.
 *
 * Two readers, one list, so the pages and the search never drift apart:
 * - the retrieval core (search dialog, paste box, `k8sdiag explain`) expands a user's words to the
 *   canonical terms of an entry, so 맥북, M1, 애플 실리콘 and Apple Silicon meet on one term;
 * - the Korean style test holds every Korean page to `ko` (the term kubernetes.io/ko uses) and
 *   refuses the words listed in `avoid`.
 *
 * Browser-safe: plain data, no imports. Keep entries short; one concept per entry.
 */

export interface GlossaryEntry {
  /** Stable key, kebab-case. */
  readonly id: string;
  /** The English term as the English pages write it. */
  readonly en: string;
  /**
   * The Korean term as the Korean pages write it (kubernetes.io/ko usage). Where Korean pages keep
   * the English word (kubectl, kubeconfig, iptables), `ko` is that word.
   */
  readonly ko: string;
  /**
   * Other ways users type the same concept: transliterations, common misspellings, spacing variants,
   * everyday synonyms, in either language. Search treats them as the canonical terms.
   */
  readonly variants: readonly string[];
  /** Words Korean pages must not use for this concept (they may still be searched for). */
  readonly avoid?: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { id: 'kubernetes', en: 'Kubernetes', ko: '쿠버네티스', variants: ['k8s', '쿠베', '쿠버', 'kube'] },
  { id: 'pod', en: 'Pod', ko: '파드', variants: ['pod', 'pods', '포드'], avoid: ['포드'] },
  { id: 'node', en: 'node', ko: '노드', variants: ['nodes', 'VM', '가상머신', '가상 머신'] },
  {
    id: 'control-plane',
    en: 'control plane',
    ko: '컨트롤 플레인',
    variants: ['master', 'master node', '마스터', '마스터 노드', '컨트롤플레인', 'control-plane'],
    avoid: ['컨트롤플레인', '제어 평면', '마스터 노드'],
  },
  { id: 'worker', en: 'worker node', ko: '워커 노드', variants: ['worker', '워커', '워커노드'] },
  { id: 'error', en: 'error', ko: '오류', variants: ['에러', 'err', 'failure', '실패'] },
  {
    id: 'apple-silicon',
    en: 'Apple Silicon',
    ko: 'Apple Silicon',
    variants: ['애플 실리콘', '애플실리콘', '맥북', 'macbook', 'm1', 'm2', 'm3', 'm4', 'arm mac', '맥'],
  },
  { id: 'ansible', en: 'Ansible', ko: 'Ansible', variants: ['앤서블', '엔서블', 'ansible-playbook', '플레이북'] },
  { id: 'vagrant', en: 'Vagrant', ko: 'Vagrant', variants: ['베이그런트', '베이그란트', '배그런트', 'vagrantfile'] },
  { id: 'virtualbox', en: 'VirtualBox', ko: 'VirtualBox', variants: ['버추얼박스', '버츄얼박스', 'vbox'] },
  { id: 'firewall', en: 'iptables', ko: 'iptables', variants: ['방화벽', 'firewall', '아이피테이블', '방화벽 규칙'] },
  {
    id: 'architecture',
    en: 'architecture',
    ko: '아키텍처',
    variants: ['아키텍쳐', '아키택처', 'arch', 'cpu 아키텍처', 'arm64', 'amd64', 'aarch64', 'x86_64'],
    avoid: ['아키텍쳐'],
  },
  { id: 'type-conversion', en: 'type conversion', ko: '형 변환', variants: ['형변환', '타입 변환', 'casting'] },
  { id: 'box', en: 'box', ko: '박스', variants: ['box', 'vagrant box', '베이그런트 박스'] },
  { id: 'provider', en: 'provider', ko: '프로바이더', variants: ['provider', '제공자'], avoid: ['제공자'] },
  { id: 'drop-in', en: 'drop-in', ko: '드롭인', variants: ['drop-in', 'dropin', '드롭 인'] },
  { id: 'discovery', en: 'discovery', ko: '디스커버리', variants: ['discovery', '탐색'] },
  {
    id: 'advertise-address',
    en: 'advertise address',
    ko: 'advertise 주소',
    variants: ['advertise-address', 'apiserver-advertise-address', '광고 주소', '어드버타이즈 주소'],
    avoid: ['광고 주소'],
  },
  {
    id: 'deprecated',
    en: 'deprecated',
    ko: '사용 중단',
    variants: ['deprecated', 'deprecation', '더 이상 사용되지 않는', '더 이상 권장되지 않는', '지원 종료'],
    avoid: ['더 이상 권장되지 않는'],
  },
  {
    id: 'default-gateway',
    en: 'default gateway',
    ko: '기본 게이트웨이',
    variants: ['default route', '기본 경로', '디폴트 게이트웨이', '디폴트 라우트', 'gateway4'],
  },
  {
    id: 'kubeconfig',
    en: 'kubeconfig',
    ko: 'kubeconfig',
    variants: ['admin.conf', 'kube config', '.kube/config', '큐브컨피그'],
  },
  {
    id: 'package-cache',
    en: 'package cache',
    ko: '패키지 캐시',
    variants: ['apt cache', 'apt 캐시', 'apt update', 'apt-get update'],
  },
  { id: 'repository', en: 'repository', ko: '저장소', variants: ['repo', '레포', '리포', '리포지토리', '레포지토리'] },
  { id: 'join', en: 'join', ko: '조인', variants: ['kubeadm join', '합류', '참여'] },
  {
    id: 'hang',
    en: 'hangs',
    ko: '멈춘다',
    variants: ['hang', 'stuck', 'freezes', '멈춤', '안 끝남', '무한 대기', '행'],
  },
  {
    id: 'cni',
    en: 'CNI',
    ko: 'CNI',
    variants: [
      'cni plugin',
      'CNI 플러그인',
      'network plugin',
      '네트워크 플러그인',
      'pod network add-on',
      '파드 네트워크 애드온',
      'flannel',
      '플라넬',
      'calico',
      '칼리코',
      'cilium',
      '실리움',
    ],
  },
  {
    id: 'pod-network-cidr',
    en: 'pod network CIDR',
    ko: '파드 네트워크 CIDR',
    variants: [
      'pod CIDR',
      '파드 CIDR',
      'pod-network-cidr',
      'podSubnet',
      'cluster-cidr',
      'IP pool',
      'IP 풀',
      'CALICO_IPV4POOL_CIDR',
    ],
  },
  {
    id: 'cgroup-driver',
    en: 'cgroup driver',
    ko: 'cgroup 드라이버',
    variants: [
      'cgroupDriver',
      'SystemdCgroup',
      'cgroupfs',
      'systemd cgroup',
      '씨그룹 드라이버',
      'cgroup 드라이버 불일치',
    ],
  },
  {
    id: 'container-runtime',
    en: 'container runtime',
    ko: '컨테이너 런타임',
    variants: ['containerd', '컨테이너디', 'CRI', 'cri plugin', 'CRI 플러그인', '런타임'],
  },
  {
    id: 'host-only-network',
    en: 'host-only network',
    ko: 'host-only 네트워크',
    variants: ['host-only', 'hostonly', '호스트 전용 네트워크', 'private_network', 'vboxnet0', 'networks.conf'],
  },
];
