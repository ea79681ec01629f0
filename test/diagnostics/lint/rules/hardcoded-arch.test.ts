import rule from '../../../../src/diagnostics/lint/rules/hardcoded-arch';
import { ruleTester } from '../helpers';

const tasks = 'roles/k8s/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'CLI_ARCH default overridden when uname -m is aarch64 (cilium CLI install)',
      path: 'scripts/cilium.sh',
      code: '#!/bin/bash\nCLI_ARCH=amd64\nif [ "$(uname -m)" = "aarch64" ]; then CLI_ARCH=arm64; fi\ncurl -L --fail --remote-name-all https://github.com/cilium/cilium-cli/releases/download/v0.16.0/cilium-linux-${CLI_ARCH}.tar.gz\n',
    },
    {
      name: 'an arm-like variable that no download uses',
      path: 'scripts/info.sh',
      code: '#!/bin/sh\nARCH=arm\necho "building for $ARCH"\n',
    },
    {
      name: 'architecture mapped from ansible_architecture',
      path: tasks,
      code: '- get_url:\n    url: "https://dl.k8s.io/release/v{{ v }}/bin/linux/{{ arch_map[ansible_architecture] }}/kubeadm"\n    dest: /usr/local/bin/kubeadm\n',
    },
    {
      name: 'inline Jinja mapping that names both',
      path: tasks,
      code: "- get_url:\n    url: \"https://github.com/opencontainers/runc/releases/download/v1.1.12/runc.{{ 'arm64' if ansible_architecture == 'aarch64' else 'amd64' }}\"\n    dest: /usr/local/sbin/runc\n",
    },
    {
      name: 'task guarded by when on ansible_architecture',
      path: tasks,
      code: '- get_url:\n    url: https://example.org/tool-linux-amd64.tar.gz\n    dest: /tmp/tool.tgz\n  when: ansible_architecture == "x86_64"\n',
    },
    {
      name: 'dpkg --print-architecture in a script',
      path: 'scripts/cni.sh',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template literal
      code: '#!/bin/sh\nARCH=$(dpkg --print-architecture)\ncurl -LO "https://github.com/containernetworking/plugins/releases/download/v1.5.1/cni-plugins-linux-${ARCH}-v1.5.1.tgz"\n',
    },
    {
      name: 'case on uname -m',
      path: 'scripts/cni.sh',
      code: '#!/bin/sh\ncase "$(uname -m)" in\n  x86_64) URL=https://example.org/tool-linux-amd64 ;;\n  aarch64) URL=https://example.org/tool-linux-arm64 ;;\nesac\ncurl -LO "$URL"\n',
    },
    {
      name: 'template block on ansible_architecture',
      path: 'roles/k8s/templates/sources.list.j2',
      code: "{% if ansible_architecture == 'x86_64' %}\ndeb [arch=amd64 signed-by=/k.asc] https://example.org/apt stable main\n{% endif %}\n",
    },
    {
      name: 'an architecture map in vars',
      path: 'group_vars/all.yml',
      code: 'arch_map:\n  x86_64: amd64\n  aarch64: arm64\n',
    },
    {
      name: 'commented-out URL',
      path: 'scripts/get.sh',
      code: '#!/bin/sh\n# curl -LO https://example.org/tool-linux-amd64\ntrue\n',
    },
  ],
  invalid: [
    {
      name: 'an arch default reassigned later, but not on the architecture (keeps firing)',
      path: 'scripts/cilium.sh',
      code: '#!/bin/bash\nCLI_ARCH=amd64\nif [ -n "$FORCE" ]; then CLI_ARCH=amd64; fi\ncurl -LO https://example.com/cilium-linux-${CLI_ARCH}.tar.gz\n',
      errors: [
        { line: 2, column: 1 },
        { line: 3, column: 26 },
      ],
    },
    {
      name: 'a 32-bit arm architecture variable used in a download URL',
      path: 'scripts/cni.sh',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template literal
      code: '#!/bin/sh\nARCH="arm"\nwget https://github.com/containernetworking/plugins/releases/download/v1.6.0/cni-plugins-linux-${ARCH}-v1.6.0.tgz\n',
      errors: [{ line: 2, column: 1, message: /ARCH=arm fixes the architecture/ }],
    },
    {
      name: 'kubeadm URL with linux/amd64 (field log problem 5)',
      path: tasks,
      code: '- name: Download kubeadm\n  get_url:\n    url: "https://dl.k8s.io/release/v1.30.4/bin/linux/amd64/kubeadm"\n    dest: /usr/local/bin/kubeadm\n',
      errors: [{ line: 3, column: 55, endColumn: 60, message: /hard-codes amd64.*exec format error/ }],
    },
    {
      name: 'runc.amd64 in a shell task',
      path: tasks,
      code: '- name: runc\n  shell: curl -fsSLo /usr/local/sbin/runc https://github.com/opencontainers/runc/releases/download/v1.1.12/runc.amd64\n',
      errors: [{ line: 2, column: 113 }],
    },
    {
      name: 'deb [arch=amd64]',
      path: tasks,
      code: '- apt_repository:\n    repo: "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable"\n',
      errors: [{ line: 2, column: 22, message: /arch=amd64/ }],
    },
    {
      name: 'architecture variable set to a literal',
      path: 'roles/cni/defaults/main.yml',
      code: 'cni_arch: amd64\n',
      errors: [{ line: 1, column: 11 }],
    },
    {
      name: 'ARCH=amd64 in a script',
      path: 'scripts/containerd.sh',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template literal
      code: '#!/bin/bash\nARCH=amd64\ncurl -LO "https://github.com/containerd/containerd/releases/download/v1.7.20/containerd-1.7.20-linux-${ARCH}.tar.gz"\n',
      errors: [{ line: 2, column: 1, message: /ARCH=amd64 fixes the architecture/ }],
    },
    {
      name: 'URL in a Vagrant inline provisioner',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: "wget -q https://example.org/helm-v3.15.0-linux-arm64.tar.gz"\nend\n',
      errors: [{ line: 2, column: 88 }],
    },
  ],
});
