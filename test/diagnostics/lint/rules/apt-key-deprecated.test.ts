import rule from '../../../../src/diagnostics/lint/rules/apt-key-deprecated';
import { ruleTester } from '../helpers';

const tasks = 'roles/k8s/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'key downloaded into /etc/apt/keyrings',
      path: tasks,
      code: '- name: Key\n  get_url:\n    url: https://pkgs.k8s.io/core:/stable:/v1.30/deb/Release.key\n    dest: /etc/apt/keyrings/kubernetes.asc\n',
    },
    { name: 'apt-key list only reads', path: 'scripts/check.sh', code: '#!/bin/sh\napt-key list\n' },
    {
      name: 'removing a key with apt_key',
      path: tasks,
      code: '- name: Drop old key\n  apt_key:\n    id: 7F92E05B31093BEF5A3C2D38FEEA9169307EA071\n    state: absent\n',
    },
    {
      name: 'a comment about apt-key',
      path: 'scripts/setup.sh',
      code: '#!/bin/sh\n# we no longer use apt-key add here\ntrue\n',
    },
  ],
  invalid: [
    {
      name: 'apt_key module (field log problem 4)',
      path: tasks,
      code: '- name: Add the Kubernetes apt key\n  apt_key:\n    url: https://packages.cloud.google.com/apt/doc/apt-key.gpg\n',
      errors: [{ line: 2, column: 3, endColumn: 10, message: /apt_key module wraps apt-key/ }],
    },
    {
      name: 'FQCN module name',
      path: tasks,
      code: '- ansible.builtin.apt_key:\n    url: https://download.docker.com/linux/ubuntu/gpg\n',
      errors: [{ line: 1, column: 3 }],
    },
    {
      name: 'curl | apt-key add -',
      path: 'scripts/install.sh',
      code: '#!/bin/bash\ncurl -fsSL https://download.docker.com/linux/ubuntu/gpg | sudo apt-key add -\n',
      errors: [{ line: 2, column: 64, message: /"apt-key add"/ }],
    },
    {
      name: 'apt-key --keyring FILE adv',
      path: tasks,
      code: '- name: Old key\n  command: apt-key --keyring /etc/apt/trusted.gpg.d/k.gpg adv --keyserver keyserver.ubuntu.com --recv-keys ABC\n',
      errors: [{ line: 2, column: 12, message: /"apt-key adv"/ }],
    },
  ],
});
