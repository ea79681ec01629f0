import { readFileSync } from 'node:fs';
import rule from '../../../../src/diagnostics/lint/rules/containerd-systemd-cgroup-off';
import { ruleTester } from '../helpers';

// `containerd config default` of Debian 12's containerd 1.6.20 (captured on this machine).
const captured = readFileSync(
  new URL('../../../fixtures/lint/containerd/config-default-1.6.toml', import.meta.url),
  'utf8',
);
const capturedTrue = captured.replace('SystemdCgroup = false', 'SystemdCgroup = true');
const v3 =
  "version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n  SystemdCgroup = true\n";

// A runc options table appended to config.toml by a heredoc (`tee -a`), with or without a version line.
const criAppend = (tee: string, first: string): string =>
  `#!/bin/bash\n${first}cat <<EOF | sudo ${tee} /etc/containerd/config.toml\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\nSystemdCgroup = true\nEOF\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'a whole version-2 config written by a heredoc',
      path: 'runtime.sh',
      code: criAppend('tee', '').replace(
        '<<EOF | sudo tee /etc/containerd/config.toml\n',
        '<<EOF | sudo tee /etc/containerd/config.toml\nversion = 2\n',
      ),
    },
    {
      name: 'the table appended after containerd config default (a version-2 file)',
      path: 'runtime.sh',
      code: criAppend('tee -a', 'containerd config default > /etc/containerd/config.toml\n'),
    },
    {
      name: 'the distribution containerd under kubeadm 1.20 (kubelet on cgroupfs too)',
      path: 'scripts/base.sh',
      code: '#!/bin/sh\napt-get install -y containerd kubeadm=1.20.1-00 kubelet=1.20.1-00\n',
    },
    {
      name: 'the distribution containerd configured by containerd config default and a SystemdCgroup sed elsewhere',
      files: {
        'scripts/base.sh': '#!/bin/sh\napt-get install -y containerd kubeadm\n',
        'scripts/runtime.sh':
          "#!/bin/sh\ncontainerd config default > /etc/containerd/config.toml\nsed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml\n",
      },
    },
    {
      name: 'sed turning false into true (the fix) is no flip',
      path: 'containerd.sh',
      code: "#!/bin/bash\ncontainerd config default > /etc/containerd/config.toml\nsed -i 's|SystemdCgroup = false|SystemdCgroup = true|' /etc/containerd/config.toml\n",
    },
    {
      name: 'captured default with SystemdCgroup = true',
      path: 'roles/containerd/files/config.toml',
      code: capturedTrue,
    },
    {
      name: 'containerd 2.x (config v3) with SystemdCgroup = true',
      path: 'roles/containerd/templates/config.toml.j2',
      code: v3,
    },
    {
      name: 'config default followed by sed',
      path: 'scripts/containerd.sh',
      code: "#!/bin/bash\nset -euo pipefail\ncontainerd config default | sudo tee /etc/containerd/config.toml >/dev/null\nsudo sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml\n",
    },
    {
      name: 'config default followed by an Ansible replace task',
      path: 'roles/containerd/tasks/main.yml',
      code: "- name: Default config\n  ansible.builtin.shell: containerd config default > /etc/containerd/config.toml\n- name: systemd cgroup driver\n  ansible.builtin.replace:\n    path: /etc/containerd/config.toml\n    regexp: 'SystemdCgroup = false'\n    replace: 'SystemdCgroup = true'\n",
    },
    {
      name: 'config default printed, not written',
      path: 'scripts/show.sh',
      code: '#!/bin/sh\ncontainerd config default | grep -n SystemdCgroup\n',
    },
    {
      name: 'not a CRI config',
      path: 'files/config.toml',
      code: 'version = 2\n[grpc]\n  address = "/run/containerd/containerd.sock"\n',
    },
  ],
  invalid: [
    {
      name: "SystemdCgroup = true appended to Docker's containerd.io config.toml (no version = 2): containerd 1.x ignores it",
      path: 'runtime.sh',
      code: criAppend('tee -a', 'apt-get install -y containerd.io\n'),
      errors: [
        { line: 4, column: 1, message: /appended to \/etc\/containerd\/config\.toml with no "version = 2" line/ },
      ],
    },
    {
      name: 'the same table as the whole file (tee without -a) and no version line',
      path: 'runtime.sh',
      code: criAppend('tee', ''),
      errors: [{ line: 3, column: 1, message: /written to/ }],
    },
    {
      name: 'the distribution containerd installed and never configured, kubeadm unpinned',
      path: 'scripts/base.sh',
      code: '#!/bin/sh\napt-get update\napt-get install -y containerd kubeadm kubelet\n',
      errors: [{ line: 3, column: 20, message: /nothing in the project writes \/etc\/containerd\/config.toml/ }],
    },
    {
      name: 'sed flips SystemdCgroup = true to false after config default (CentOS bootstrap script)',
      path: 'bootstrap.sh',
      code: "#!/bin/bash\nsudo mkdir -p /etc/containerd\nsudo containerd config default >/etc/containerd/config.toml\nsudo sed -i 's/SystemdCgroup \\= true/SystemdCgroup \\= false/g' /etc/containerd/config.toml >/dev/null 2>&1\n",
      errors: [{ line: 4, column: 6, message: /substitution sets SystemdCgroup = false/ }],
    },
    {
      name: 'captured default kept in the repo',
      path: 'roles/containerd/files/config.toml',
      code: captured,
      errors: [{ line: 125, column: 13, message: /SystemdCgroup = false/ }],
    },
    {
      name: 'runc options table without SystemdCgroup',
      path: 'roles/containerd/templates/config.toml.j2',
      code: 'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n  runtime_type = "io.containerd.runc.v2"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  BinaryName = ""\n[plugins."io.containerd.grpc.v1.cri".cni]\n  bin_dir = "/opt/cni/bin"\n',
      errors: [{ line: 4, column: 1, message: /without SystemdCgroup/ }],
    },
    {
      name: 'CRI section only (sandbox image), no runc options',
      path: 'files/containerd/config.toml',
      code: 'version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "registry.k8s.io/pause:3.9"\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'config default written by a shell task, never edited',
      path: 'roles/containerd/tasks/main.yml',
      code: '- name: Default config\n  ansible.builtin.shell: containerd config default > /etc/containerd/config.toml\n- name: Restart\n  ansible.builtin.systemd:\n    name: containerd\n    state: restarted\n',
      errors: [{ line: 2, column: 26, message: /containerd config default/ }],
    },
    {
      name: 'config default piped to tee in a Vagrant inline provisioner',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: <<-SHELL\n    containerd config default | tee /etc/containerd/config.toml\n    systemctl restart containerd\n  SHELL\nend\n',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'heredoc with SystemdCgroup = false',
      path: 'scripts/runtime.sh',
      code: '#!/bin/bash\nset -euo pipefail\ncat <<EOF | sudo tee /etc/containerd/config.toml\nversion = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = false\nEOF\n',
      errors: [{ line: 6, column: 3 }],
    },
  ],
});
