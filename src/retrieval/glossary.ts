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
  // Kubernetes and its tools
  {
    id: 'kubernetes',
    en: 'Kubernetes',
    ko: '쿠버네티스',
    variants: ['k8s', '쿠베', '쿠버', 'kube', '큐브', '쿠베네티스', '쿠버네티즈', 'kubernets', 'kuberentes'],
  },
  { id: 'pod', en: 'Pod', ko: '파드', variants: ['pod', 'pods', '포드'], avoid: ['포드'] },
  { id: 'node', en: 'node', ko: '노드', variants: ['nodes', 'VM', '가상머신', '가상 머신', '브이엠'] },
  {
    id: 'control-plane',
    en: 'control plane',
    ko: '컨트롤 플레인',
    variants: [
      'master',
      'master node',
      '마스터',
      '마스터 노드',
      '마스터노드',
      '컨트롤플레인',
      'control-plane',
      'controlplane',
    ],
    avoid: ['컨트롤플레인', '제어 평면', '마스터 노드'],
  },
  { id: 'worker', en: 'worker node', ko: '워커 노드', variants: ['worker', '워커', '워커노드', 'workers'] },
  {
    id: 'kubectl',
    en: 'kubectl',
    ko: 'kubectl',
    variants: ['큐브컨트롤', '쿠브컨트롤', '큐브시티엘', '큐브씨티엘', '쿱컨트롤', '큐브커틀', 'kubctl', 'kubeclt'],
  },
  {
    id: 'kubeadm',
    en: 'kubeadm',
    ko: 'kubeadm',
    variants: ['큐브어드민', '큐브에이디엠', '큐브adm', 'kubeadmin', 'kubadm', 'kubeamd'],
  },
  { id: 'kubelet', en: 'kubelet', ko: 'kubelet', variants: ['큐블렛', '쿠블렛', '큐브렛', 'kublet', 'kubelete'] },
  {
    id: 'kubeconfig',
    en: 'kubeconfig',
    ko: 'kubeconfig',
    variants: ['admin.conf', 'kube config', '.kube/config', '큐브컨피그', '큐브 컨피그', '쿠베컨피그', 'kubconfig'],
  },
  { id: 'join', en: 'join', ko: '조인', variants: ['kubeadm join', '합류', '참여', 'jion', 'joining', '조인이'] },
  {
    id: 'hang',
    en: 'hangs',
    ko: '멈춘다',
    variants: [
      'hang',
      'hanging',
      'stuck',
      'freezes',
      'frozen',
      '멈춤',
      '멈춰',
      '안 끝남',
      '안끝남',
      '안 끝나',
      '무한 대기',
      '무한대기',
      '행',
      '행걸림',
      '행 걸림',
      '먹통',
    ],
  },
  // The Vagrant + VirtualBox host
  {
    id: 'apple-silicon',
    en: 'Apple Silicon',
    ko: 'Apple Silicon',
    variants: [
      '애플 실리콘',
      '애플실리콘',
      '맥북',
      '맥북에어',
      '맥북프로',
      'macbook',
      'mac',
      'm1',
      'm2',
      'm3',
      'm4',
      'arm mac',
      '맥',
      '엠원',
    ],
  },
  {
    id: 'vagrant',
    en: 'Vagrant',
    ko: 'Vagrant',
    variants: [
      '베이그런트',
      '베이그란트',
      '배그런트',
      '베그런트',
      '베이그랜트',
      'vagrantfile',
      'vagrnt',
      'vagarnt',
      'vagant',
      'vargant',
    ],
  },
  {
    id: 'virtualbox',
    en: 'VirtualBox',
    ko: 'VirtualBox',
    variants: [
      '버추얼박스',
      '버츄얼박스',
      '버추얼 박스',
      '버츄얼 박스',
      'vbox',
      'virtual box',
      'virtualbx',
      'vitualbox',
    ],
  },
  { id: 'box', en: 'box', ko: '박스', variants: ['box', 'vagrant box', '베이그런트 박스', '이미지'] },
  { id: 'provider', en: 'provider', ko: '프로바이더', variants: ['provider', '제공자'], avoid: ['제공자'] },
  {
    id: 'architecture',
    en: 'architecture',
    ko: '아키텍처',
    variants: [
      '아키텍쳐',
      '아키택처',
      '아키텍처가',
      'arch',
      'cpu 아키텍처',
      'arm64',
      'amd64',
      'aarch64',
      'x86_64',
      'arm',
      'x86',
      'architechture',
      'archtecture',
    ],
    avoid: ['아키텍쳐'],
  },
  // Ansible
  {
    id: 'ansible',
    en: 'Ansible',
    ko: 'Ansible',
    variants: [
      '앤서블',
      '엔서블',
      '앤시블',
      '안시블',
      'ansible-playbook',
      '플레이북',
      'playbook',
      'ansilbe',
      'ansbile',
      'anisble',
    ],
  },
  { id: 'yaml', en: 'YAML', ko: 'YAML', variants: ['yml', '야믈', '야멜'] },
  {
    id: 'type-conversion',
    en: 'type conversion',
    ko: '형 변환',
    variants: ['형변환', '타입 변환', '타입변환', 'casting', 'cast'],
  },
  {
    id: 'float',
    en: 'float',
    ko: '실수',
    variants: ['floating point', '소수점', '소수', '부동소수점', '부동 소수점', '플로트', 'decimal'],
  },
  {
    id: 'version',
    en: 'version',
    ko: '버전',
    variants: ['버젼', 'ver', 'versoin', 'verison', 'kube_version', 'k8s_version', 'kubernetes_version'],
  },
  // Packages
  {
    id: 'package-cache',
    en: 'package cache',
    ko: '패키지 캐시',
    variants: [
      'apt cache',
      'apt 캐시',
      'apt update',
      'apt-get update',
      'update_cache',
      '캐시',
      '패키지 목록',
      '패키지 인덱스',
    ],
  },
  { id: 'apt', en: 'apt', ko: 'apt', variants: ['apt-get', '에이피티', '앱트'] },
  {
    id: 'repository',
    en: 'repository',
    ko: '저장소',
    variants: [
      'repo',
      '레포',
      '리포',
      '리포지토리',
      '레포지토리',
      '레파지토리',
      'repository',
      'repositry',
      'repostory',
    ],
  },
  {
    id: 'signing-key',
    en: 'signing key',
    ko: '서명 키',
    variants: [
      'gpg',
      'gpg key',
      'gpg키',
      'gpg 키',
      '공개 키',
      '공개키',
      '서명키',
      'apt-key',
      'pgp',
      'no_pubkey',
      'pubkey',
      'keyring',
      '키링',
    ],
  },
  {
    id: 'deprecated',
    en: 'deprecated',
    ko: '사용 중단',
    variants: [
      'deprecated',
      'deprecation',
      '더 이상 사용되지 않는',
      '더 이상 권장되지 않는',
      '지원 종료',
      'deprecate',
      '디프리케이티드',
    ],
    avoid: ['더 이상 권장되지 않는'],
  },
  {
    id: 'binary',
    en: 'binary',
    ko: '바이너리',
    variants: ['실행 파일', '실행파일', 'executable', 'binaries', '바이너리가'],
  },
  // Node network
  {
    id: 'firewall',
    en: 'iptables',
    ko: 'iptables',
    variants: ['방화벽', 'firewall', '아이피테이블', '아이피테이블즈', '방화벽 규칙', 'iptable', 'ip tables', 'ufw'],
  },
  { id: 'flush', en: 'flush', ko: '비우기', variants: ['플러시', '플러쉬', 'iptables -F', '규칙 삭제', 'flushed'] },
  {
    id: 'ip-address',
    en: 'IP address',
    ko: 'IP',
    variants: ['ip address', 'IP 주소', '아이피', 'ip주소', '아이피 주소', '아이피주소', 'adress', 'addr'],
  },
  {
    id: 'advertise-address',
    en: 'advertise address',
    ko: 'advertise 주소',
    variants: [
      'advertise-address',
      'apiserver-advertise-address',
      '광고 주소',
      '어드버타이즈 주소',
      '어드버타이즈',
      '애드버타이즈',
    ],
    avoid: ['광고 주소'],
  },
  {
    id: 'default-gateway',
    en: 'default gateway',
    ko: '기본 게이트웨이',
    variants: [
      'default route',
      '기본 경로',
      '디폴트 게이트웨이',
      '디폴트 라우트',
      'gateway4',
      'defualt route',
      '게이트웨이',
      'gateway',
      'gw',
    ],
  },
  { id: 'default', en: 'default', ko: '기본', variants: ['디폴트', 'defualt', 'deafult', 'dafault'] },
  {
    id: 'route',
    en: 'route',
    ko: '경로',
    variants: ['라우트', '라우팅', 'routing', 'routes', '라우팅 테이블', 'ip route', '루트'],
  },
  { id: 'netplan', en: 'netplan', ko: 'netplan', variants: ['넷플랜', '넷플렌', 'netpaln'] },
  {
    id: 'interface',
    en: 'interface',
    ko: '인터페이스',
    variants: ['nic', '랜카드', '네트워크 카드', 'network interface', '인터페이즈'],
  },
  { id: 'nat', en: 'NAT', ko: 'NAT', variants: ['낫', '냇', 'nat 네트워크', '10.0.2.15', 'eth0'] },
  {
    id: 'host-only',
    en: 'host-only',
    ko: '호스트 전용',
    variants: [
      'host only',
      'hostonly',
      '호스트온리',
      '호스트 온리',
      'private network',
      'private_network',
      '사설 네트워크',
      '사설 ip',
      '프라이빗 네트워크',
    ],
  },
  { id: 'ping', en: 'ping', ko: '핑', variants: ['ping'] },
  { id: 'ssh', en: 'SSH', ko: 'SSH', variants: ['에스에스에이치', '접속', 'ssh 접속', 'sshd'] },
  {
    id: 'localhost',
    en: 'localhost',
    ko: 'localhost',
    variants: ['로컬호스트', '로컬 호스트', '127.0.0.1', 'locahost', 'localhsot'],
  },
  {
    id: 'connection',
    en: 'connection',
    ko: '연결',
    variants: ['커넥션', 'connect', 'connection refused', '연결 거부', '커넥션 거부'],
  },
  { id: 'refused', en: 'refused', ko: '거부', variants: ['거절', 'refuse', 'refusing', '리퓨즈'] },
  // Words of every runbook
  { id: 'error', en: 'error', ko: '오류', variants: ['에러', '애러', 'err', 'failure', '실패', 'errror', 'eror'] },
  { id: 'drop-in', en: 'drop-in', ko: '드롭인', variants: ['drop-in', 'dropin', '드롭 인'] },
  { id: 'discovery', en: 'discovery', ko: '디스커버리', variants: ['discovery', '탐색'] },
  // Terms of the Korean style standard (docs/korean-style.md)
  {
    id: 'publish',
    en: 'publish',
    ko: '배포',
    variants: ['published', '게시'],
    avoid: ['게시'],
  },
  { id: 'pin', en: 'pin (a version)', ko: '버전 고정', variants: ['pin', 'pinning', '고정', '핀'] },
  {
    id: 'hold',
    en: 'hold (apt-mark hold)',
    ko: '보류',
    variants: ['apt-mark hold', 'hold', '홀드', '업그레이드 보류'],
  },
  {
    id: 'container-runtime',
    en: 'container runtime',
    ko: '컨테이너 런타임',
    variants: ['runtime', 'CRI', 'containerd', '런타임', '컨테이너런타임'],
  },
  {
    id: 'cgroup-driver',
    en: 'cgroup driver',
    ko: 'cgroup 드라이버',
    variants: ['SystemdCgroup', 'cgroupDriver', '씨그룹 드라이버'],
  },
  {
    id: 'pod-cidr',
    en: 'Pod CIDR',
    ko: '파드 CIDR',
    variants: ['pod-network-cidr', 'podSubnet', 'pod subnet', '파드 네트워크 대역', '포드 CIDR'],
  },
  { id: 'service', en: 'Service', ko: '서비스', variants: ['service', 'svc', 'Service IP', 'ClusterIP'] },
  {
    id: 'network-interface',
    en: 'network interface',
    ko: '네트워크 인터페이스',
    variants: ['NIC', 'nic', '랜카드'],
    avoid: ['랜카드'],
  },
  {
    id: 'reverse-path-filter',
    en: 'reverse path filtering',
    ko: '역경로 필터링',
    variants: ['rp_filter', '역방향 경로 필터'],
  },
];
