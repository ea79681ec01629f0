/**
 * Capabilities behind the real-repository patterns (issue 12), each with a minimal reproduction of
 * our own under test/fixtures/lint/capabilities/: the whole list of findings per fixture (no finding
 * more, none less), what was skipped as not ours, and which run is bad input.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../src/diagnostics/lint/run';
import type { HostArch } from '../../../src/diagnostics/lint/types';

const fixtures = fileURLToPath(new URL('../../fixtures/lint/capabilities/', import.meta.url));

interface Row {
  name: string;
  fixture: string;
  paths?: string[];
  hostArch?: HostArch;
  /** `path:line rule-id severity`, sorted as the engine sorts. */
  findings: string[];
  skipped?: string[];
}

function run(row: Row) {
  return lintPaths(row.paths ?? ['.'], { cwd: `${fixtures}${row.fixture}`, hostArch: row.hostArch ?? 'amd64' });
}

const rows: Row[] = [
  {
    name: 'host-only addresses through Ruby constants, +, locals, ENV defaults, vagrant-env, settings YAML, machine lists',
    fixture: 'vbox-variables',
    findings: [
      'Vagrantfile:12 vbox-hostonly-range warning',
      'Vagrantfile:16 vbox-hostonly-range warning',
      'Vagrantfile:21 vbox-hostonly-range warning',
      'env-lab/Vagrantfile:6 vbox-hostonly-range warning',
      'settings-lab/Vagrantfile:7 vbox-hostonly-range warning',
    ],
  },
  {
    name: 'CNI interface: an Ansible root inside a two-machine lab is that lab; one machine or a docker lab is not flagged',
    fixture: 'cni-labs',
    findings: [
      'docker/cni.sh:2 pod-cidr-overlap error',
      'lab/ansible/roles/cni/tasks/main.yml:2 cni-interface-unset warning',
      'single/cni.sh:2 pod-cidr-overlap error',
    ],
  },
  {
    name: 'CI, Helm charts, Helm values, manifests, docs and unparsable foreign YAML are skipped, not errors',
    fixture: 'foreign',
    findings: [],
    skipped: [
      '.github/: CI configuration (GitHub)',
      '.travis.yml: CI configuration (Travis)',
      'chart/: Helm chart (Go templates and values)',
      'ci.sh: CI script',
      'docs/: documentation',
      'values.yaml: Helm values',
      'broken.yaml: not valid YAML and not recognisably Ansible',
      'manifests/app.yaml: Kubernetes manifest, not node configuration',
      'notes.yml: Go template (Helm or similar), not Ansible YAML',
    ],
  },
  {
    name: 'a folder named on the command line is read even when its name is foreign',
    fixture: 'foreign',
    paths: ['docs'],
    findings: ['docs/howto.sh:2 iptables-flush error'],
  },
  {
    name: "projects side by side: a kubeconfig copy for vagrant in lab-a does not hide lab-b's root-only copy",
    fixture: 'projects',
    findings: [
      'lab-a/scripts/master.sh:2 cni-not-applied warning',
      'lab-b/bootstrap.sh:2 cni-not-applied warning',
      'lab-b/bootstrap.sh:4 kubeconfig-root-only warning',
      'lab-c/ansible/roles/k8s/tasks/main.yml:10 multiple-default-gateways error',
    ],
  },
  {
    name: 'lab-b alone gives the same finding as lab-b next to lab-a',
    fixture: 'projects',
    paths: ['lab-b'],
    findings: ['lab-b/bootstrap.sh:2 cni-not-applied warning', 'lab-b/bootstrap.sh:4 kubeconfig-root-only warning'],
  },
  {
    name: 'a Vagrantfile whose ansible provisioner points into a nested ansible.cfg root is one project with it',
    fixture: 'projects',
    paths: ['lab-c'],
    findings: ['lab-c/ansible/roles/k8s/tasks/main.yml:10 multiple-default-gateways error'],
  },
  {
    name: 'noise and wording: dead key piped to apt-key, URLs with {{ }}, one finding for a legacy line, yum repo wording, a copy for vagrant through sudo -i -u vagrant bash <<EOF',
    fixture: 'noise',
    findings: [
      'roles/docker/tasks/main.yml:3 apt-source-unsigned warning',
      'scripts/master.sh:4 apt-repo-legacy-url error',
      'scripts/master.sh:4 apt-key-deprecated warning',
      'scripts/master.sh:5 apt-source-unsigned warning',
      'scripts/master.sh:6 apt-repo-legacy-url error',
      'scripts/master.sh:9 hardcoded-arch error',
      'scripts/master.sh:13 cni-not-applied warning',
    ],
  },
  {
    name: 'without the copy in the heredoc, the root-only copy is reported',
    fixture: 'noise-root-only',
    findings: ['master.sh:2 cni-not-applied warning', 'master.sh:7 kubeconfig-root-only warning'],
  },
  {
    name: 'dataflow: loaded Ruby, boxes in a machine list, provisioner order, sourced functions, previous play, saved join script, shell variables, two NICs',
    fixture: 'dataflow',
    hostArch: 'arm64',
    findings: [
      // :box => "..." entries of the machine list that config.vm.box = opts[:box] reads
      'Vagrantfile:4 vagrant-box-arch error',
      'Vagrantfile:5 vagrant-box-arch error',
      // bash /vagrant/join.sh: written by master.sh from --print-join-command
      'Vagrantfile:17 join-without-timeout warning',
      // command: sh /tmp/join-command.sh (the install in play 2 is covered by play 1's refresh)
      'ansible/site.yml:19 join-without-timeout warning',
      // a file the Vagrantfile loads with require_relative
      'lib/settings.rb:2 vagrant-box-arch error',
      // The distribution's containerd installed, never configured, kubeadm unpinned (held-out 4 pattern).
      'scripts/common.sh:3 containerd-systemd-cgroup-off error',
      // run by hand, nothing refreshes before it (master.sh runs after common.sh; tools.sh calls a refreshing function)
      'scripts/extra.sh:2 apt-cache-not-refreshed warning',
      // HELM_VERSION=...-linux-amd64.tar.gz, then wget https://get.helm.sh/$HELM_VERSION
      'scripts/master.sh:3 hardcoded-arch error',
      // two NICs (private_network), no --apiserver-advertise-address anywhere
      'scripts/master.sh:6 cni-not-applied warning',
      'scripts/master.sh:6 default-ipv4-for-advertise warning',
    ],
  },
  {
    name: 'Ansible vars precedence: an architecture in role defaults, unless group_vars overrides it with a fact',
    fixture: 'vars-precedence',
    // runc_binary: runc.amd64 (used by get_url); cni_arch and helm_archive are overridden in group_vars/all.yml
    findings: ['roles/runc/defaults/main.yml:2 hardcoded-arch error'],
  },
  {
    name: 'held-out 2 patterns: provisioner paths from a machine table, order per machine, a box from a settings YAML (not under a host-arch if), vendored CNI manifests another file applies (not an unused copy) and a Jinja manifest URL',
    fixture: 'recall-2',
    findings: [
      'cni-vendored/addons/calico.yaml:12 cni-interface-unset warning',
      'cni-vendored/addons/installation.yaml:2 cni-interface-unset warning',
      'cni-vendored/ansible/roles/cni/tasks/main.yml:3 cni-interface-unset warning',
      'per-vm-order/storage.sh:2 apt-cache-not-refreshed warning',
      'settings-box/Vagrantfile:7 vagrant-box-arch error',
      // Two NICs, no kubelet node-ip and no /etc/hosts entry: mistake 8 without its spelling (set 6's convention).
      'table-provision/scripts/control-plane.sh:2 default-ipv4-for-advertise warning',
      'table-provision/scripts/control-plane.sh:4 kubeconfig-root-only warning',
      'table-provision/scripts/control-plane.sh:6 cni-interface-unset warning',
    ],
    skipped: ['cni-vendored/addons/app.yaml: Kubernetes manifest, not node configuration'],
  },
  {
    name: 'held-out 3 patterns: --iface under a Jinja if, --iface added by sed in another file, calico.yaml following kubeadm podSubnet, a CNI role applying a directory, a refresh under a Vagrantfile case branch, a yum .repo file, a sed to SystemdCgroup = false, CLI_ARCH reassigned on aarch64, LXD root shells',
    fixture: 'recall-3',
    findings: [
      'branch-order/scripts/lb.sh:3 apt-cache-not-refreshed warning',
      'centos/bootstrap.sh:5 containerd-systemd-cgroup-off error',
      'centos/config/kubernetes.repo:3 apt-repo-legacy-url error',
      'flannel-template/roles/master/tasks/main.yml:2 default-ipv4-for-advertise warning',
      'sed-patch/scripts/env.sh:3 cni-interface-unset warning',
    ],
  },
  {
    name: 'held-out 4 patterns: a sourced join.env is variables, not a join; a Calico pool rewritten by an Ansible replace before the apply; Galaxy min_ansible_version 2.9; the distribution containerd never configured under kubeadm 1.29; flannel next to a bridged public_network',
    fixture: 'recall-4',
    findings: [
      'bridged-flannel/cni.sh:3 cni-interface-unset warning',
      'distro-containerd/roles/base/tasks/main.yml:7 containerd-systemd-cgroup-off error',
      'pool-rewrite/roles/cni/tasks/main.yml:3 cni-interface-unset warning',
    ],
  },
  {
    name: 'held-out 5: provider from a settings file, imported refreshing tasks, empty canal_iface, unversioned CRI append',
    fixture: 'recall-5',
    findings: [
      // canal_iface: "" is no interface choice; canal-iface-set (enp0s8) passes.
      'canal-empty-iface/cni/canal.yaml:10 cni-interface-unset warning',
      // The SystemdCgroup = true table appended with no version = 2; containerd-versioned passes.
      'containerd-append/runtime.sh:5 containerd-systemd-cgroup-off error',
      // site.yml and the role after `import_tasks: common-tasks.yml` (it refreshes) pass; this include does not refresh.
      'imported-refresh/other.yml:8 apt-cache-not-refreshed warning',
      // libvirt from config.yaml (vm.provider configuration['provider']): no VirtualBox range, no shared NAT address.
      'provider-settings/libvirt/master.sh:2 cni-not-applied warning',
      'provider-settings/virtualbox/Vagrantfile:12 vbox-hostonly-range warning',
      'provider-settings/virtualbox/master.sh:2 cni-not-applied warning',
      'provider-settings/virtualbox/master.sh:2 default-ipv4-for-advertise warning',
    ],
  },
  {
    name: 'recall on held-out set 6: mistake 8 at init, saved joins, kubeconfig places, prefix variables, Tigera pools, the rest',
    fixture: 'recall-6',
    findings: [
      // An apt_key task with the dead key next to the apt.kubernetes.io source task (no Cloud SDK in the file).
      'apt-key-task/roles/k8s/tasks/main.yml:2 apt-key-deprecated warning',
      'apt-key-task/roles/k8s/tasks/main.yml:3 apt-repo-legacy-url error',
      'apt-key-task/roles/k8s/tasks/main.yml:7 apt-repo-legacy-url error',
      // containerd config default with SystemdCgroup = true only in a comment.
      'cgroup-comment/runtime.sh:4 containerd-systemd-cgroup-off error',
      // helm_arch="linux-amd64" used in the download.
      'helm-arch/install-helm.sh:3 hardcoded-arch error',
      // hosts-copied (cp files/hosts /etc/hosts), hosts-heredoc (the lab's heredoc, seen by its Ansible folder)
      // and single-vm pass default-ipv4-for-advertise.
      'hosts-copied/scripts/master.sh:2 cni-not-applied warning',
      'hosts-heredoc/provisioning/site.yml:5 cni-not-applied warning',
      'kubeconfig-link/roles/cluster/tasks/main.yml:2 cni-not-applied warning',
      // file: state=link to ~/.kube/config under become: yes with no become_user is root's.
      'kubeconfig-link/roles/cluster/tasks/main.yml:10 kubeconfig-root-only warning',
      'kubeconfig-synced/master.sh:2 cni-not-applied warning',
      // The other copy goes to /home/vagrant/config/config (a synced folder), not vagrant's ~/.kube.
      'kubeconfig-synced/master.sh:5 kubeconfig-root-only warning',
      'nat-address/scripts/master.sh:2 cni-not-applied warning',
      // Two NICs, the node-ip only in a comment, no /etc/hosts: the init line, not the (bounded) join.
      'nat-address/scripts/master.sh:2 default-ipv4-for-advertise warning',
      // The outer provisioner runs first on every VM, although the refreshing heredoc is written above it.
      'outer-first/Vagrantfile:12 apt-cache-not-refreshed warning',
      // ip_prefix = '192.168.8' overridden by an unknown command-line value: the default is used.
      'prefix-variable/Vagrantfile:19 vbox-hostonly-range warning',
      'prefix-variable/Vagrantfile:22 cni-not-applied warning',
      'prefix-variable/Vagrantfile:22 pod-cidr-overlap error',
      // script: cmd: the saved join file (the task with timeout: passes); sudo $DIR/kubeadm-join.sh.
      'saved-join/playbooks/join.yml:15 join-without-timeout warning',
      'saved-join/scripts/8-run-kubeadm-join.sh:2 join-without-timeout warning',
      'single-vm/setup.sh:2 cni-not-applied warning',
      // The Installation's ipPools cidr is the node network.
      'tigera-pool/custom-resources.yaml:9 pod-cidr-overlap error',
      // vendored-unapplied: kube-flannel.yaml is only uploaded by a file provisioner, never applied: no finding.
      // The saved join fed to a worker through xargs vagrant ssh (the second one runs under timeout).
      'xargs-join/cluster-up.sh:3 join-without-timeout warning',
      // The join lines cut from kubeadm init's output piped into source /dev/stdin (not: into timeout 600 bash).
      'xargs-join/cluster-up.sh:5 join-without-timeout warning',
    ],
  },
];

describe('capabilities', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const result = run(row);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.severity}`)).toEqual(row.findings);
    if (row.skipped !== undefined) expect(result.skipped.map((s) => `${s.path}: ${s.skipped}`)).toEqual(row.skipped);
  });

  it('wording: URLs keep their {{ }}; a repository is not "exec format error"; the dead key is called a key', () => {
    const { findings } = run({ name: '', fixture: 'noise', findings: [] });
    const message = (where: string, rule: string) =>
      findings.find((f) => `${f.path}:${f.line}` === where && f.ruleId === rule)?.message ?? '';
    expect(message('roles/docker/tasks/main.yml:3', 'apt-source-unsigned')).toContain(
      'https://download.docker.com/linux/{{ ansible_distribution | lower }}/{{ ansible_distribution_release }}',
    );
    expect(message('scripts/master.sh:9', 'hardcoded-arch')).toMatch(/package repository for x86_64 only/);
    expect(message('scripts/master.sh:9', 'hardcoded-arch')).not.toMatch(/exec format error/);
    expect(message('scripts/master.sh:4', 'apt-repo-legacy-url')).toMatch(/signing key of the legacy/);
  });
});

describe('bad input stays exit-2 input', () => {
  it('a named path that does not exist throws', () => {
    expect(() => lintPaths(['nope'], { cwd: `${fixtures}foreign`, hostArch: 'amd64' })).toThrow(/no such file/);
  });

  it('an Ansible task file that is not valid YAML is an error with file:line', () => {
    const result = lintPaths(['.'], { cwd: `${fixtures}invalid-playbook`, hostArch: 'amd64' });
    expect(result.errors.map((e) => `${e.path}:${e.line}`)).toEqual(['roles/k8s/tasks/main.yml:4']);
  });
});
