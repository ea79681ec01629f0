import rule from '../../../../src/diagnostics/lint/rules/apt-source-unsigned';
import { ruleTester } from '../helpers';

const tasks = 'roles/docker/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'add-apt-repository -r/--remove removes a source (issue 12)',
      path: 'scripts/setup.sh',
      code: '#!/bin/bash\nadd-apt-repository "deb [signed-by=/etc/apt/keyrings/d.gpg] https://download.docker.com/linux/ubuntu jammy stable" || { add-apt-repository -r "deb https://download.docker.com/linux/ubuntu jammy stable" > /dev/null; exit 1; }\nsudo apt-add-repository --remove "deb https://example.com/repo stable main"\n',
    },
    {
      name: 'signed-by with other options',
      path: tasks,
      code: '- apt_repository:\n    repo: "deb [arch={{ arch }} signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable"\n',
    },
    {
      name: 'distribution archive',
      path: 'scripts/mirror.sh',
      code: '#!/bin/sh\necho "deb http://archive.ubuntu.com/ubuntu jammy main" > /etc/apt/sources.list\n',
    },
    { name: 'PPA', path: tasks, code: '- apt_repository:\n    repo: ppa:deadsnakes/ppa\n' },
    {
      name: 'deb822 source with Signed-By',
      path: 'roles/k8s/templates/kubernetes.sources.j2',
      code: 'Types: deb\nURIs: https://pkgs.k8s.io/core:/stable:/v{{ k8s_minor }}/deb/\nSuites: /\nSigned-By: /etc/apt/keyrings/kubernetes.asc\n',
    },
    {
      name: 'deb822_repository with signed_by',
      path: tasks,
      code: '- deb822_repository:\n    name: docker\n    uris: https://download.docker.com/linux/ubuntu\n    suites: jammy\n    components: stable\n    signed_by: https://download.docker.com/linux/ubuntu/gpg\n',
    },
    {
      name: 'a task name that mentions deb',
      path: tasks,
      code: '- name: Install the deb package\n  apt:\n    deb: /tmp/tool.deb\n',
    },
  ],
  invalid: [
    {
      name: 'add-apt-repository without -r adds the source',
      path: 'scripts/setup.sh',
      code: '#!/bin/bash\nadd-apt-repository -y "deb https://download.docker.com/linux/ubuntu jammy stable"\n',
      errors: [{ line: 2, column: 24, message: /has no signed-by/ }],
    },
    {
      name: 'apt_repository without signed-by',
      path: tasks,
      code: '- name: Docker repo\n  apt_repository:\n    repo: deb https://download.docker.com/linux/ubuntu jammy stable\n',
      errors: [{ line: 3, column: 11, message: /has no signed-by/ }],
    },
    {
      name: 'trusted=yes',
      path: tasks,
      code: '- apt_repository:\n    repo: "deb [trusted=yes] http://repo.example.internal/apt ./"\n',
      errors: [{ line: 2, column: 12, message: /trusted=yes/ }],
    },
    {
      name: 'tee into sources.list.d',
      path: 'scripts/k8s.sh',
      code: '#!/bin/bash\necho "deb https://pkgs.k8s.io/core:/stable:/v1.30/deb/ /" | sudo tee /etc/apt/sources.list.d/kubernetes.list\n',
      errors: [{ line: 2, column: 7 }],
    },
    {
      name: 'one-line source template',
      path: 'roles/k8s/templates/kubernetes.list.j2',
      code: '# {{ ansible_managed }}\ndeb {{ k8s_repo_url }} /\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'deb822 template without Signed-By',
      path: 'roles/k8s/templates/kubernetes.sources.j2',
      code: 'Types: deb\nURIs: https://pkgs.k8s.io/core:/stable:/v1.30/deb/\nSuites: /\n',
      errors: [{ line: 2, column: 1, message: /deb822 source without a Signed-By/ }],
    },
    {
      name: 'deb822_repository without signed_by',
      path: tasks,
      code: '- name: Docker\n  ansible.builtin.deb822_repository:\n    name: docker\n    uris: https://download.docker.com/linux/ubuntu\n    suites: jammy\n',
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
