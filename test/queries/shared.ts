/**
 * The one query table: every query the retrieval work is judged on, with, per query, the runbook
 * the explain matcher (`k8sdiag explain`, src/retrieval/matcher.ts) must rank in its top 3 and the
 * runbook the built site search (Pagefind with src/retrieval/relax.ts) must rank in its top 3.
 * test/diagnostics/explain/*.test.ts read the matcher side, test/site/search.test.ts the site side.
 * A side left out is not asked of that engine: pasted multi-line logs are explain's input, short
 * typed words are the search box's.
 *
 * The matcher queries are real-world error text as users paste it, each with the runbook that explains it.
 * Every entry was taken from a public bug report or forum thread (the `source` URL) and keeps
 * the original wording, timestamps, addresses and paths of that paste; where only a host name,
 * address or user was changed, `note` says so. None of this text is copied from our runbooks:
 * the point is to match what users actually see against what the runbooks say.
 */
import type { RunbookId } from '../../src/content/runbook-schema';
import type { Lang } from '../../src/langs';

export type Tool =
  | 'kubectl'
  | 'kubeadm'
  | 'apt'
  | 'ansible'
  | 'virtualbox'
  | 'vagrant'
  | 'ssh'
  | 'bash'
  | 'systemd'
  | 'netplan'
  | 'iptables'
  | 'ip';

export interface SharedQuery {
  /** What a person pasted (explain) or typed (search box). */
  text: string;
  /** The language it is asked in; English when absent. */
  lang?: Lang;
  /** The runbook the explain matcher must find; null: no runbook may match (unrelated text); absent: not asked. */
  matcher?: RunbookId | null;
  /** The runbook the built site search must rank in its top 3; absent: not asked. */
  site?: RunbookId;
  /** Provenance of a pasted text (required with `matcher`). */
  name?: string;
  tool?: Tool;
  source?: string;
  note?: string;
  /**
   * Set when the runbooks do not (yet) carry the knowledge for this message: the test then
   * asserts the miss, so the gap stays visible and the flag must go when a runbook adds it.
   */
  knownGap?: string;
}

export const QUERIES: SharedQuery[] = [
  // Explain matcher: real pasted error text.
  // [1] vagrant-box-arch-mismatch
  {
    name: 'vagrant up on Apple Silicon with ubuntu/jammy64 (full Vagrant output)',
    tool: 'vagrant',
    source: 'https://github.com/ArduPilot/ardupilot_wiki/issues/6316',
    matcher: 'vagrant-box-arch-mismatch',
    text: `Bringing machine 'jammy' up with 'virtualbox' provider...
==> jammy: Checking if box 'ubuntu/jammy64' version '20240912.0.0' is up to date...
==> jammy: Clearing any previously set forwarded ports...
==> jammy: Clearing any previously set network interfaces...
==> jammy: Preparing network interfaces based on configuration...
    jammy: Adapter 1: nat
==> jammy: Forwarding ports...
    jammy: 22 (guest) => 2222 (host) (adapter 1)
==> jammy: Running 'pre-boot' VM customizations...
==> jammy: Booting VM...
There was an error while executing \`VBoxManage\`, a CLI used by Vagrant
for controlling VirtualBox. The command and stderr is shown below.

Command: ["startvm", "8ef543d5-204a-4df4-830f-d075932bdcd3", "--type", "headless"]

Stderr: VBoxManage: error: The VM session was aborted
VBoxManage: error: Details: code NS_ERROR_FAILURE (0x80004005), component SessionMachine, interface ISession`,
  },
  {
    name: 'VBoxManage stderr lines only',
    tool: 'virtualbox',
    source: 'https://github.com/hashicorp/vagrant/issues/13588',
    matcher: 'vagrant-box-arch-mismatch',
    text: `Command: ["startvm", "a42c852d-b4cf-4f62-ba97-ddc770165037", "--type", "headless"]
Stderr: VBoxManage: error: The VM session was aborted
VBoxManage: error: Details: code NS_ERROR_FAILURE (0x80004005), component SessionMachine, interface ISession`,
  },
  {
    name: 'just the result code',
    tool: 'virtualbox',
    source: 'https://github.com/monetate/ectou-export/issues/5',
    matcher: 'vagrant-box-arch-mismatch',
    text: 'NS_ERROR_FAILURE (0x80004005)',
  },
  // [2] yaml-version-float
  {
    name: 'apt cannot find the truncated version',
    tool: 'apt',
    source: 'https://github.com/ansible/ansible/issues/82763',
    note: "apt's \"Version '%s' for '%s' was not found\" with the 1.33.0 -> 1.33 truncation from the field log",
    matcher: 'yaml-version-float',
    text: "E: Version '1.33' for 'kubeadm' was not found",
  },
  {
    name: 'Ansible apt module: no installation candidate for the float version',
    tool: 'ansible',
    source: 'https://github.com/ansible/ansible/issues/82763',
    note: "package and version changed from docker-ce-cli to kubeadm=1.33 (the field log's case)",
    matcher: 'yaml-version-float',
    text: `fatal: [k8s-master]: FAILED! => {"cache_update_time": 1725634098, "cache_updated": false, "changed": false, "msg": "no available installation candidate for kubeadm=1.33"}`,
  },
  // [3] apt-stale-cache
  {
    name: 'apt-get install with a stale package list: 404 and --fix-missing',
    tool: 'apt',
    source: 'https://github.com/Elao/symfony-standard/issues/9',
    matcher: 'apt-stale-cache',
    text: `stderr: Failed to fetch http://packages.dotdeb.org/dists/wheezy-php55/php5/binary-amd64/php5-mysqlnd_5.5.14-1~dotdeb.1_amd64.deb  404  Not Found [IP: 195.154.242.153 80]
E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?`,
  },
  {
    name: 'Ansible apt task failing with 404 from the Ubuntu archive (JSON-escaped)',
    tool: 'ansible',
    source: 'https://github.com/pulibrary/princeton_ansible/issues/5325',
    matcher: 'apt-stale-cache',
    text: String.raw`failed: [pdc-discovery-prod1.princeton.edu] (item=apt-transport-https) => {"ansible_loop_var": "item", "cache_update_time": 1725634098, "cache_updated": false, "changed": false, "item": "apt-transport-https", "msg": "'/usr/bin/apt-get -y -o \"Dpkg::Options::=--force-confdef\" -o \"Dpkg::Options::=--force-confold\"       install 'apt-transport-https=2.4.12'' failed: E: Failed to fetch http://us.archive.ubuntu.com/ubuntu/pool/universe/a/apt/apt-transport-https_2.4.12_all.deb  404  Not Found [IP: 91.189.91.81 80]\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n", "rc": 100}`,
  },
  {
    name: 'several 404s from security.ubuntu.com',
    tool: 'apt',
    source: 'https://github.com/ansible-community/ansible-vault/pull/199',
    matcher: 'apt-stale-cache',
    text: `E: Failed to fetch http://security.ubuntu.com/ubuntu/pool/main/p/perl/libperl5.26_5.26.1-6ubuntu0.3_amd64.deb  404  Not Found [IP: 213.180.204.183 80]
E: Failed to fetch http://security.ubuntu.com/ubuntu/pool/main/p/perl/perl_5.26.1-6ubuntu0.3_amd64.deb  404  Not Found [IP: 213.180.204.183 80]
E: Failed to fetch http://security.ubuntu.com/ubuntu/pool/main/c/curl/libcurl3-gnutls_7.58.0-2ubuntu3.9_amd64.deb  404  Not Found [IP: 213.180.204.183 80]
E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?`,
  },
  // [4] kubernetes-apt-repo-moved
  {
    name: 'apt-get update against the removed Google-hosted repository',
    tool: 'apt',
    source: 'https://github.com/kubernetes/release/issues/3564',
    matcher: 'kubernetes-apt-repo-moved',
    text: `Hit:4 https://download.docker.com/linux/ubuntu jammy InRelease
Hit:7 http://security.ubuntu.com/ubuntu jammy-security InRelease
Ign:6 https://packages.cloud.google.com/apt kubernetes-xenial InRelease
Err:8 https://packages.cloud.google.com/apt kubernetes-xenial Release
  404  Not Found [IP: 172.253.62.139 443]
Reading package lists... Done
E: The repository 'http://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.
N: Updating from such a repository can't be done securely, and is therefore disabled by default.
N: See apt-secure(8) manpage for repository creation and user configuration details.`,
  },
  {
    name: 'the one-line apt error',
    tool: 'apt',
    source: 'https://github.com/kubernetes/release/issues/3484',
    matcher: 'kubernetes-apt-repo-moved',
    text: "E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.",
  },
  {
    name: 'Ansible: Failed to update apt cache',
    tool: 'ansible',
    source: 'https://github.com/techiescamp/vagrant-kubeadm-kubernetes/issues/64',
    matcher: 'kubernetes-apt-repo-moved',
    text: `fatal: [k8s-master]: FAILED! => {"changed": false, "msg": "Failed to update apt cache: E:The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file."}`,
  },
  {
    name: 'NO_PUBKEY from the old Google key',
    tool: 'apt',
    source: 'https://github.com/techiescamp/vagrant-kubeadm-kubernetes/issues/45',
    matcher: 'kubernetes-apt-repo-moved',
    text: `    master: Err:1 https://packages.cloud.google.com/apt kubernetes-xenial InRelease
    master:   The following signatures couldn't be verified because the public key is not available: NO_PUBKEY B53DC80D13EDEF05
    master: Reading package lists...
    master: W: GPG error: https://packages.cloud.google.com/apt kubernetes-xenial InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY B53DC80D13EDEF05`,
  },
  {
    name: 'apt-key is deprecated warning',
    tool: 'apt',
    source: 'https://github.com/kubernetes/release/issues/2862',
    matcher: 'kubernetes-apt-repo-moved',
    text: 'Warning: apt-key is deprecated. Manage keyring files in trusted.gpg.d instead (see apt-key(8)).',
  },
  {
    name: 'key stored in the legacy trusted.gpg keyring',
    tool: 'apt',
    source: 'https://github.com/Azure/azure-dev/issues/3471',
    note: 'the docker.com line of that log, as apt prints it for any repository whose key was added with apt-key',
    matcher: 'kubernetes-apt-repo-moved',
    text: '#7 59.52 W: https://download.docker.com/linux/debian/dists/bookworm/InRelease: Key is stored in legacy trusted.gpg keyring (/etc/apt/trusted.gpg), see the DEPRECATION section in apt-key(8) for details.',
  },
  // [5] exec-format-error
  {
    name: 'bash runs an amd64 kubeadm on arm64',
    tool: 'bash',
    source: 'https://github.com/kubeedge/kubeedge/issues/6687',
    note: "binary path changed from ./keadm to the field log's /usr/local/bin/kubeadm",
    matcher: 'exec-format-error',
    text: 'bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error',
  },
  {
    name: 'login shell variant with a relative path',
    tool: 'bash',
    source: 'https://github.com/kubernetes/kubernetes/issues/112196',
    matcher: 'exec-format-error',
    text: '-bash: ./keadm: cannot execute binary file: Exec format error',
  },
  {
    name: 'systemd cannot spawn the kubelet binary',
    tool: 'systemd',
    source: 'https://github.com/rootsongjc/kubernetes-handbook/issues/38',
    matcher: 'exec-format-error',
    text: `Aug 22 11:11:04 k8server systemd: Starting Kubernetes API Service...
Aug 22 11:11:04 k8server systemd: Failed at step EXEC spawning /usr/bin/kube-apiserver: Exec format error
Aug 22 11:11:04 k8server systemd: kube-apiserver.service: main process exited, code=exited, status=203/EXEC
Aug 22 11:11:04 k8server systemd: Failed to start Kubernetes API Service.`,
  },
  {
    name: 'Go fork/exec of kubectl',
    tool: 'kubectl',
    source: 'https://github.com/kubeshop/botkube/issues/516',
    matcher: 'exec-format-error',
    text: 'fork/exec /usr/local/bin/kubectl: exec format error',
  },
  {
    name: 'kubelet restarting with status=203/EXEC',
    tool: 'systemd',
    source: 'https://github.com/kubernetes/minikube/issues/5690',
    matcher: 'exec-format-error',
    text: `Oct 22 05:17:19 localhost.localdomain systemd[1]: Started kubelet: The Kubernetes Node Agent.
Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Main process exited, code=exited, status=203/EXEC
Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Failed with result 'exit-code'.`,
  },
  // [6] iptables-flush-lockout
  {
    name: 'Ansible cannot reach the node any more',
    tool: 'ansible',
    source: 'https://github.com/geerlingguy/drupalci-sonar-jenkins/issues/19',
    matcher: 'iptables-flush-lockout',
    text: String.raw`fatal: [192.168.99.9]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: ssh: connect to host 192.168.99.9 port 22: Connection timed out\r\n", "unreachable": true}`,
    note: '"Operation timed out" (macOS wording) replaced by Linux OpenSSH\'s "Connection timed out"',
  },
  {
    name: 'vagrant ssh wait loop after the flush',
    tool: 'vagrant',
    source: 'https://github.com/Varying-Vagrant-Vagrants/VVV/issues/375',
    matcher: 'iptables-flush-lockout',
    text: `==> default: Waiting for machine to boot. This may take a few minutes...
    default: SSH address: 127.0.0.1:2222
    default: SSH username: vagrant
    default: SSH auth method: private key
    default: Warning: Connection timeout. Retrying...`,
  },
  {
    name: 'plain ssh to the private address',
    tool: 'ssh',
    source: 'https://github.com/ansible/ansible/issues/22749',
    note: '"Operation timed out" (macOS) replaced by Linux OpenSSH\'s "Connection timed out"',
    matcher: 'iptables-flush-lockout',
    text: 'ssh: connect to host 192.168.60.6 port 22: Connection timed out',
  },
  // [7] duplicate-default-route
  {
    name: 'netplan rejects two default routes',
    tool: 'netplan',
    source: 'https://github.com/achetronic/metal-cloud/issues/7',
    matcher: 'duplicate-default-route',
    text: `** (generate:2128): WARNING **: 09:49:24.457: \`gateway4\` has been deprecated, use default routes instead.
See the 'Default routes' section of the documentation for more details.

** (generate:2128): WARNING **: 09:49:24.457: Problem encountered while validating default route consistency.Please set up multiple routing tables and use \`routing-policy\` instead.
Error: Conflicting default route declarations for IPv4 (table: main, metric: default), first declared in ens3 but also in ens4`,
  },
  {
    name: 'ip route shows three default routes',
    tool: 'ip',
    source: 'https://github.com/achetronic/metal-cloud/issues/7',
    matcher: 'duplicate-default-route',
    text: `default via 10.10.10.1 dev ens3 proto static onlink
default via 192.168.1.1 dev ens4 proto static
default via 10.10.10.1 dev ens3 proto dhcp src 10.10.10.10 metric 100
10.10.10.0/24 dev ens3 proto kernel scope link src 10.10.10.10 metric 100`,
  },
  {
    name: 'the conflict with metric 0 from cloud-init style config',
    tool: 'netplan',
    source: 'https://github.com/OpenNebula/one-apps/issues/74',
    matcher: 'duplicate-default-route',
    text: 'Error: Conflicting default route declarations for IPv4 (table: main, metric: 0), first declared in eth1 but also in eth0.',
  },
  // [8] ansible-default-ipv4-nat
  {
    name: 'kubeadm join to the NAT address 10.0.2.15',
    tool: 'kubeadm',
    source: 'https://github.com/kubernetes/kubeadm/issues/2775',
    matcher: 'ansible-default-ipv4-nat',
    text: `[preflight] Running pre-flight checks
error execution phase preflight: couldn't validate the identity of the API Server: Get "https://10.0.2.15:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 10.0.2.15:6443: connect: connection refused
To see the stack trace of this error execute with --v=5 or higher`,
  },
  {
    name: 'the join command kubeadm printed on the control plane',
    tool: 'kubeadm',
    source: 'https://github.com/kubernetes/kubernetes/issues/90345',
    matcher: 'ansible-default-ipv4-nat',
    text: `vagrant@master:~$ kubeadm token create --print-join-command
W0419 13:45:52.513532   16403 configset.go:202] WARNING: kubeadm cannot validate component configs for API groups [kubelet.config.k8s.io kubeproxy.config.k8s.io]
kubeadm join 10.0.2.15:6443 --token xuz63z.todnwgijqb3z1vhz     --discovery-token-ca-cert-hash sha256:d4dadda6fa90c94eca1c8dcd3a441af24bb0727ffc45c0c27161ee8f7e883521`,
  },
  // [9] kubeadm-join-hangs
  {
    name: 'join stuck at preflight, then a client timeout',
    tool: 'kubeadm',
    source: 'https://github.com/kubernetes/kubeadm/issues/2740',
    matcher: 'kubeadm-join-hangs',
    text: `kubeadm join 172.31.20.26:6443 --token wh5pgl.vn6pj6nvjy23vw1r         --discovery-token-ca-cert-hash sha256:68926f85d8cf70505eb0aac8c433412a8b3c9a186df73cd2a885e7522043dc7c
[preflight] Running pre-flight checks
error execution phase preflight: couldn't validate the identity of the API Server: Get "https://172.31.20.26:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)
To see the stack trace of this error execute with --v=5 or higher`,
  },
  {
    name: 'the same failure inside an Ansible task result',
    tool: 'ansible',
    source: 'https://github.com/kubernetes-sigs/kubespray/issues/6014',
    matcher: 'kubeadm-join-hangs',
    text: String.raw`fatal: [node2]: FAILED! => {"changed": true, "cmd": ["timeout", "-k", "120s", "120s", "/usr/local/bin/kubeadm", "join", "--config", "/etc/kubernetes/kubeadm-client.conf"], "delta": "0:01:00.491861", "msg": "non-zero return code", "rc": 1, "stderr": "error execution phase preflight: couldn't validate the identity of the API Server: Get \"https://172.31.86.88:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)\nTo see the stack trace of this error execute with --v=5 or higher"}`,
  },
  {
    name: 'preflight refuses to join with swap on',
    tool: 'kubeadm',
    source: 'https://github.com/killer-sh/cks-course-environment/pull/15',
    matcher: 'kubeadm-join-hangs',
    text: `root@cks-worker:~# kubeadm join 192.168.x.x:6443 --token <token> --discovery-token-ca-cert-hash sha256:<hash>
[preflight] Running pre-flight checks
error execution phase preflight: [preflight] Some fatal errors occurred:
        [ERROR Swap]: running with swap on is not supported. Please disable swap
[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``,
  },
  {
    name: 'preflight: ip_forward is off',
    tool: 'kubeadm',
    source: 'https://github.com/kubernetes/kubernetes/blob/master/cmd/kubeadm/app/preflight/checks.go',
    note: 'FileContentCheck "%s contents are not set to %s"; the same three lines are quoted verbatim in several public kubeadm notes',
    matcher: 'kubeadm-join-hangs',
    text: `[preflight] Running pre-flight checks
error execution phase preflight: [preflight] Some fatal errors occurred:
	[ERROR FileContent--proc-sys-net-ipv4-ip_forward]: /proc/sys/net/ipv4/ip_forward contents are not set to 1`,
  },
  // [10] kubectl-localhost-8080
  {
    name: 'kubectl without a kubeconfig (klog lines and the summary)',
    tool: 'kubectl',
    source: 'https://github.com/kubernetes/website/issues/45748',
    matcher: 'kubectl-localhost-8080',
    text: `E0401 16:47:34.292876   22219 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused
E0401 16:47:34.294260   22219 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused
E0401 16:47:34.294626   22219 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused
The connection to the server localhost:8080 was refused - did you specify the right host or port?`,
  },
  {
    name: 'the summary line alone',
    tool: 'kubectl',
    source: 'https://github.com/opsnull/follow-me-install-kubernetes-cluster/issues/510',
    matcher: 'kubectl-localhost-8080',
    site: 'kubectl-localhost-8080',
    text: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
  },
  {
    name: 'IPv6 loopback and structured klog (kubectl 1.30+)',
    tool: 'kubectl',
    source: 'https://github.com/vdesabou/kafka-docker-playground/issues/8049',
    matcher: 'kubectl-localhost-8080',
    text: String.raw`E0703 08:28:16.306732  191762 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \"http://localhost:8080/api?timeout=32s\": dial tcp [::1]:8080: connect: connection refused"`,
  },
  // Korean pages: the same messages must find the Korean runbooks.
  {
    name: 'KO: kubectl localhost:8080',
    tool: 'kubectl',
    source: 'https://github.com/k3d-io/k3d/issues/1399',
    lang: 'ko',
    matcher: 'kubectl-localhost-8080',
    text: 'E0120 11:23:24.665782    6485 memcache.go:265] couldn\'t get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused',
  },
  {
    name: 'KO: exec format error',
    tool: 'bash',
    source: 'https://github.com/janleigh/dotfiles/issues/45',
    lang: 'ko',
    matcher: 'exec-format-error',
    text: 'cannot execute binary file: Exec format error',
  },
  {
    name: 'KO: legacy repository',
    tool: 'apt',
    source: 'https://github.com/techiescamp/vagrant-kubeadm-kubernetes/issues/63',
    lang: 'ko',
    matcher: 'kubernetes-apt-repo-moved',
    text: `    master: Reading package lists...
    master: E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.
The SSH command responded with a non-zero exit status. Vagrant
assumes that this means the command failed.`,
  },
  // The field log's own words (shared/seed, "현상" of each problem): how a Korean engineer describes
  // the failure before knowing its cause. Matched against the Korean runbooks' symptoms and titles.
  ...(
    [
      ['vagrant-box-arch-mismatch', 1, 'vagrant up 실행 시 VM이 부팅되지 않고 세션 중단 오류 발생'],
      ['apt-stale-cache', 3, 'apt 모듈로 패키지 설치 시 404 Not Found 에러가 간헐적으로 발생'],
      ['kubernetes-apt-repo-moved', 4, 'apt update 시 k8s 저장소의 GPG 공개 키 관련 인증 오류 발생'],
      ['exec-format-error', 5, '다운로드한 바이너리 실행 시 포맷 오류 발생'],
      ['iptables-flush-lockout', 6, '"네트워크 초기화 스크립트" 실행 후 모든 노드에 SSH 접속 불가'],
      ['kubeadm-join-hangs', 9, 'kubeadm join 태스크가 로그 없이 멈춤'],
      ['kubectl-localhost-8080', 10, '워커 노드에서 kubectl 실행 시 localhost:8080 접속 거부 오류 발생'],
    ] as const
  ).map(
    ([expect, problem, text]): SharedQuery => ({
      name: `KO field log, problem ${problem}: ${text}`,
      tool: 'bash',
      source: `shared/seed field log, problem ${problem} (현상)`,
      lang: 'ko',
      matcher: expect,
      text,
    }),
  ),
  // [11]-[16] the next failures (issue 14)
  {
    name: 'kubeadm init preflight with containerd whose CRI plugin is disabled',
    tool: 'kubeadm',
    source: 'https://github.com/fujitatomoya/ros_k8s/issues/8',
    matcher: 'containerd-cri-disabled',
    text: '[preflight] Running pre-flight checks\n\t[WARNING Swap]: swap is enabled; production deployments should disable swap unless testing the NodeSwap feature gate of the kubelet\nerror execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR CRI]: container runtime is not running: output: time="2023-02-01T13:51:00-08:00" level=fatal msg="validate service connection: CRI v1 runtime API is not implemented for endpoint \\"unix:///var/run/containerd/containerd.sock\\": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"\n, error: exit status 1',
    note: 'from /work/corpora/explain-real.jsonl r029 (so not held out)',
  },
  {
    name: 'control-plane containers crash-looping under a cgroup driver mismatch',
    tool: 'systemd',
    source: 'https://github.com/kubernetes/kubernetes/issues/106464',
    matcher: 'cgroup-driver-mismatch',
    text: 'root@k8-master-1:~# tail -f /var/log/daemon.log | grep CrashLoopBackOff\nNov 28 15:16:29 k8-master-1 kubelet[3349]: E1128 15:16:29.943350    3349 pod_workers.go:747] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-controller-manager\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=kube-controller-manager pod=kube-controller-manager-k8-master-1_kube-system(8604cc0cf6714da7f33e71419a3cf1bd)\\"" pod="kube-system/kube-controller-manager-k8-master-1" podUID=8604cc0cf6714da7f33e71419a3cf1bd',
    note: 'from /work/corpora/explain-real.jsonl r145 (so not held out)',
  },
  {
    name: 'kube-flannel on every node with the NAT address 10.0.2.15',
    tool: 'kubectl',
    source: 'https://github.com/geerlingguy/raspberry-pi-dramble/issues/107',
    matcher: 'cni-nat-interface',
    text: 'kube-system   kube-flannel-ds-4m47r                   1/1       Running   0          33m       10.0.2.15    kube2\nkube-system   kube-flannel-ds-f9gdt                   1/1       Running   0          34m       10.0.2.15    kube1\n\nroot@kube1:/home/vagrant# kubectl logs -n kube-system kube-flannel-ds-f9gdt\nI0605 01:30:01.492533       1 main.go:475] Determining IP address of default interface\nI0605 01:30:01.494324       1 main.go:488] Using interface with name enp0s3 and address 10.0.2.15\nI0605 01:30:01.494521       1 main.go:505] Defaulting external address to interface address (10.0.2.15)',
    note: 'from /work/corpora/explain-real.jsonl r034 (so not held out)',
  },
  {
    name: 'vagrant up with a private_network outside 192.168.56.0/21',
    tool: 'vagrant',
    source: 'https://github.com/arturscheiner/kuberverse/issues/7',
    matcher: 'vbox-hostonly-range',
    text: 'The IP address configured for the host-only network is not within the\nallowed ranges. Please update the address used to be within the allowed\nranges and run the command again.\n\n  Address: 10.8.8.50\n  Ranges: 192.168.56.0/21\n\nValid ranges can be modified in the /etc/vbox/networks.conf file. For\nmore information including valid format see:\n\n  https://www.virtualbox.org/manual/ch06.html#network_hostonly',
    note: 'from /work/corpora/explain-real.jsonl r025 (so not held out)',
  },
  {
    name: 'kubelet before any CNI is applied',
    tool: 'systemd',
    source: 'https://github.com/fujitatomoya/ros_k8s/issues/22',
    matcher: 'cni-not-installed',
    text: 'root@tomoyafujita-HP-Compaq-Elite-8300-SFF:~# journalctl -u kubelet -f\nApr 16 22:26:30 tomoyafujita-HP-Compaq-Elite-8300-SFF kubelet[10125]: E0416 22:26:30.150357   10125 kubelet.go:2373] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"\nApr 16 22:26:35 tomoyafujita-HP-Compaq-Elite-8300-SFF kubelet[10125]: E0416 22:26:35.152045   10125 kubelet.go:2373] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
    note: 'from /work/corpora/explain-real.jsonl r151 (so not held out)',
  },
  {
    name: 'kubeadm init with Calico quickstart CIDR on a 192.168.x Vagrant network',
    tool: 'kubeadm',
    source: 'https://github.com/projectcalico/calico/issues/2720',
    matcher: 'pod-cidr-overlap',
    text: 'sudo kubeadm init --apiserver-advertise-address=192.168.50.10 --pod-network-cidr=192.168.0.0/16',
    note: 'the command as the thread describes the setup (nodes on 192.168.50.0/24, Calico default pool); reconstructed, not a paste',
  },
  // Explain matcher: real error text that none of the runbooks explains, so explain must say so.
  {
    matcher: null,
    name: 'npm missing package.json',
    source: 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json',
    text: "npm ERR! code ENOENT\nnpm ERR! syscall open\nnpm ERR! path /app/package.json\nnpm ERR! errno -2\nnpm ERR! enoent ENOENT: no such file or directory, open '/app/package.json'",
  },
  {
    matcher: null,
    name: 'Python import error',
    source: 'https://docs.python.org/3/library/exceptions.html#ModuleNotFoundError',
    text: 'Traceback (most recent call last):\n  File "/usr/bin/app.py", line 3, in <module>\n    import requests\nModuleNotFoundError: No module named \'requests\'',
  },
  {
    matcher: null,
    name: 'git outside a repository',
    source: 'https://git-scm.com/docs/git-rev-parse',
    text: 'fatal: not a git repository (or any of the parent directories): .git',
  },
  {
    matcher: null,
    name: 'ssh key refused (an auth problem, not a network one)',
    source: 'https://man.openbsd.org/ssh',
    text: 'vagrant@192.168.56.11: Permission denied (publickey).',
  },
  {
    matcher: null,
    name: 'disk full',
    source: 'https://man7.org/linux/man-pages/man3/errno.3.html',
    text: "cp: error writing '/var/lib/docker/overlay2/l/ABC': No space left on device",
  },
  {
    matcher: null,
    name: 'segfault',
    source: 'https://man7.org/linux/man-pages/man7/signal.7.html',
    text: 'Segmentation fault (core dumped)',
  },
  { matcher: null, name: 'a lone word', source: 'n/a', text: 'error' },
  // Site search: what people type in the search box. English: error strings as users paste them, commands, plain descriptions
  { lang: 'en', text: 'NS_ERROR_FAILURE', site: 'vagrant-box-arch-mismatch' },
  { lang: 'en', text: 'The VM session was aborted', site: 'vagrant-box-arch-mismatch' },
  { lang: 'en', text: 'vagrant box arm64 Apple Silicon', site: 'vagrant-box-arch-mismatch' },
  { lang: 'en', text: 'Exec format error', site: 'exec-format-error' },
  { lang: 'en', text: 'file /usr/local/bin/kubeadm', site: 'exec-format-error' },
  { lang: 'en', text: 'localhost:8080', site: 'kubectl-localhost-8080' },
  // 'The connection to the server localhost:8080 was refused ...' is asked of the site too: see its matcher entry.
  { lang: 'en', text: "couldn't get current server API group list", site: 'kubectl-localhost-8080' },
  { lang: 'en', text: 'update_cache 404 Not Found', site: 'apt-stale-cache' },
  { lang: 'en', text: 'apt.kubernetes.io', site: 'kubernetes-apt-repo-moved' },
  { lang: 'en', text: 'apt-key deprecated', site: 'kubernetes-apt-repo-moved' },
  { lang: 'en', text: 'iptables -F', site: 'iptables-flush-lockout' },
  { lang: 'en', text: 'Chain INPUT (policy DROP)', site: 'iptables-flush-lockout' },
  {
    lang: 'en',
    text: 'kex_exchange_identification: Connection closed by remote host',
    site: 'iptables-flush-lockout',
  },
  { lang: 'en', text: 'gateway4', site: 'duplicate-default-route' },
  { lang: 'en', text: 'two default routes', site: 'duplicate-default-route' },
  { lang: 'en', text: 'ansible_default_ipv4', site: 'ansible-default-ipv4-nat' },
  { lang: 'en', text: '10.0.2.15 advertise address', site: 'ansible-default-ipv4-nat' },
  { lang: 'en', text: "couldn't validate the identity of the API Server", site: 'kubeadm-join-hangs' },
  { lang: 'en', text: 'kubeadm join hangs', site: 'kubeadm-join-hangs' },
  { lang: 'en', text: 'version 1.30 becomes 1.3', site: 'yaml-version-float' },
  // Korean: the same failures in Korean words, with particles and endings a person would type
  { lang: 'ko', text: 'NS_ERROR_FAILURE로', site: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', text: 'VM 세션이 중단되는', site: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', text: 'box의 아키텍처가', site: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', text: '바이너리를 실행', site: 'exec-format-error' },
  { lang: 'ko', text: '바이너리가 실행되지 않음', site: 'exec-format-error' },
  { lang: 'ko', text: 'localhost:8080에 연결이 거부', site: 'kubectl-localhost-8080' },
  { lang: 'ko', text: 'kubeconfig 파일이 없어서', site: 'kubectl-localhost-8080' },
  { lang: 'ko', text: '서버를', site: 'kubectl-localhost-8080' },
  { lang: 'ko', text: '캐시가 만료', site: 'apt-stale-cache' },
  { lang: 'ko', text: '패키지 인덱스를 갱신하지', site: 'apt-stale-cache' },
  { lang: 'ko', text: '저장소가 옮겨져서', site: 'kubernetes-apt-repo-moved' },
  { lang: 'ko', text: '공개 키 오류가', site: 'kubernetes-apt-repo-moved' },
  { lang: 'ko', text: 'iptables를 비우면', site: 'iptables-flush-lockout' },
  { lang: 'ko', text: 'SSH가 끊겼다', site: 'iptables-flush-lockout' },
  { lang: 'ko', text: '게이트웨이가', site: 'duplicate-default-route' },
  { lang: 'ko', text: '기본 게이트웨이를 두 개', site: 'duplicate-default-route' },
  { lang: 'ko', text: 'NAT 주소를 골랐다', site: 'ansible-default-ipv4-nat' },
  { lang: 'ko', text: '사설 IP 대신', site: 'ansible-default-ipv4-nat' },
  { lang: 'ko', text: '조인 태스크가 멈추면', site: 'kubeadm-join-hangs' },
  { lang: 'ko', text: '버전 끝자리 0이 사라짐', site: 'yaml-version-float' },
  // the same words with other particles and endings
  { lang: 'ko', text: '게이트웨이를', site: 'duplicate-default-route' },
  { lang: 'ko', text: '게이트웨이에서', site: 'duplicate-default-route' },
  { lang: 'ko', text: '바이너리가', site: 'exec-format-error' },
  { lang: 'ko', text: '캐시를 갱신하면', site: 'apt-stale-cache' },
  { lang: 'ko', text: '아키텍처를 확인했는데', site: 'vagrant-box-arch-mismatch' },
  { lang: 'ko', text: 'kubectl을 실행하면 연결이 거부된다', site: 'kubectl-localhost-8080' },
  { lang: 'ko', text: '워커 노드가 조인되지 않음', site: 'kubeadm-join-hangs' },
  { lang: 'ko', text: 'ansible_default_ipv4가', site: 'ansible-default-ipv4-nat' },
  { lang: 'ko', text: '방화벽 규칙을 초기화했더니', site: 'iptables-flush-lockout' },
  { lang: 'ko', text: '라우팅 테이블에', site: 'duplicate-default-route' },
  { lang: 'ko', text: 'float으로 바뀌어서', site: 'yaml-version-float' },
  { lang: 'ko', text: '저장소의 서명 키가', site: 'kubernetes-apt-repo-moved' },
];

/** A matcher query as the explain tests read it. */
export interface ExplainCase {
  name: string;
  tool: Tool;
  source: string;
  expect: RunbookId;
  lang?: Lang;
  text: string;
  note?: string;
  knownGap?: string;
}

/** A site query as the search test reads it. */
export interface SiteCase {
  lang: Lang;
  query: string;
  expect: RunbookId;
}

function provenance(query: SharedQuery): { name: string; tool: Tool; source: string } {
  const { name, tool, source } = query;
  if (name === undefined || tool === undefined || source === undefined)
    throw new Error(`matcher query without name, tool or source: ${query.text.slice(0, 60)}`);
  return { name, tool, source };
}

/** The matcher queries that name their runbook. */
export const MATCHER_CASES: ExplainCase[] = QUERIES.flatMap((query) => {
  if (query.matcher === undefined || query.matcher === null) return [];
  const { matcher, site: _site, ...rest } = query;
  return [{ ...rest, ...provenance(query), expect: matcher }];
});

/** The matcher queries no runbook explains. */
export const MATCHER_UNRELATED: { name: string; source: string; text: string }[] = QUERIES.flatMap((query) => {
  if (query.matcher !== null) return [];
  const { name, source, text } = query;
  if (name === undefined || source === undefined) throw new Error(`unrelated query without name or source: ${text}`);
  return [{ name, source, text }];
});

/** The site queries. */
export const SITE_CASES: SiteCase[] = QUERIES.flatMap((query) =>
  query.site === undefined ? [] : [{ lang: query.lang ?? 'en', query: query.text, expect: query.site }],
);
