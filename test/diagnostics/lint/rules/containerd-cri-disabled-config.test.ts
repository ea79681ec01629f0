import rule from '../../../../src/diagnostics/lint/rules/containerd-cri-disabled-config';
import { ruleTester } from '../helpers';

// The first lines of /etc/containerd/config.toml as Docker's containerd.io package ships it (hand-made copy).
const packaged =
  '#   Copyright 2018-2022 Docker Inc.\n\n#root = "/var/lib/containerd"\n#state = "/run/containerd"\n#subreaper = true\n#oom_score = 0\n\ndisabled_plugins = ["cri"]\n';

ruleTester(rule, {
  valid: [
    {
      name: 'empty disabled_plugins',
      path: 'roles/containerd/files/config.toml',
      code: 'version = 2\ndisabled_plugins = []\n',
    },
    {
      name: 'commented out',
      path: 'roles/containerd/templates/config.toml.j2',
      code: '#disabled_plugins = ["cri"]\nversion = 2\n',
    },
    {
      name: 'another plugin disabled',
      path: 'files/containerd/config.toml',
      code: 'version = 2\ndisabled_plugins = ["io.containerd.internal.v1.restart"]\n',
    },
    {
      name: 'sed that removes cri (the fix)',
      path: 'scripts/containerd.sh',
      code: '#!/bin/sh\nset -e\nsed -i \'s/^disabled_plugins = \\["cri"\\]/disabled_plugins = []/\' /etc/containerd/config.toml\n',
    },
    {
      name: 'lineinfile regexp (the fix)',
      path: 'roles/containerd/tasks/main.yml',
      code: "- name: Enable CRI\n  ansible.builtin.lineinfile:\n    path: /etc/containerd/config.toml\n    regexp: '^disabled_plugins'\n    line: 'disabled_plugins = []'\n",
    },
  ],
  invalid: [
    {
      name: "Docker's packaged config kept in the repo",
      path: 'files/config.toml',
      code: packaged,
      errors: [{ line: 8, column: 1, message: /"cri"/ }],
    },
    {
      name: 'copy content',
      path: 'roles/containerd/tasks/main.yml',
      code: '- name: containerd config\n  ansible.builtin.copy:\n    dest: /etc/containerd/config.toml\n    content: |\n      version = 2\n      disabled_plugins = ["io.containerd.grpc.v1.cri"]\n',
      errors: [{ line: 6, column: 7, message: /io\.containerd\.grpc\.v1\.cri/ }],
    },
    {
      name: 'heredoc in a provisioning script',
      path: 'scripts/runtime.sh',
      code: "#!/bin/bash\nset -euo pipefail\ncat <<'EOF' | sudo tee /etc/containerd/config.toml\ndisabled_plugins = ['cri']\nEOF\n",
      errors: [{ line: 4, column: 1 }],
    },
    {
      name: 'template',
      path: 'roles/cri/templates/containerd-config.toml.j2',
      code: '{# managed by ansible #}\nversion = 2\n  disabled_plugins = ["{{ x }}", "cri"]\n',
      errors: [{ line: 3, column: 3 }],
    },
  ],
});
