import rule from '../../../../src/diagnostics/lint/rules/apt-repo-legacy-url';
import { ruleTester } from '../helpers';

const tasks = 'roles/k8s/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'a URL only in an echo/printf message is not fetched (issue 12)',
      path: 'scripts/k8s.sh',
      code: '#!/bin/bash\nkubectl version --client\n[[ $? -eq 0 ]] && echo OK || { echo "Check https://packages.cloud.google.com/apt/dists"; exit 1; }\nprintf "see %s\\n" https://apt.kubernetes.io/\n',
    },
    {
      name: 'community repository pkgs.k8s.io',
      path: tasks,
      code: '- name: Repo\n  apt_repository:\n    repo: "deb [signed-by=/etc/apt/keyrings/k.asc] https://pkgs.k8s.io/core:/stable:/v1.30/deb/ /"\n',
    },
    {
      name: 'Cloud SDK on packages.cloud.google.com is not Kubernetes',
      path: 'roles/gcloud/tasks/main.yml',
      code: '- name: gcloud repo\n  apt_repository:\n    repo: "deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt cloud-sdk main"\n',
    },
    {
      name: 'shell comment',
      path: 'scripts/k8s.sh',
      code: '#!/bin/sh\n# moved off apt.kubernetes.io in 2024\necho ok\n',
    },
    { name: 'YAML comment', path: tasks, code: '# apt.kubernetes.io is gone\n- name: noop\n  debug:\n    msg: hi\n' },
  ],
  invalid: [
    {
      name: 'echo that writes, pipes or is substituted still fetches or writes the URL',
      path: 'scripts/k8s.sh',
      code: '#!/bin/bash\necho "https://apt.kubernetes.io/ kubernetes-xenial main" > /etc/apt/sources.list.d/k.list\necho https://packages.cloud.google.com/apt/doc/apt-key.gpg | xargs curl -fsSL | apt-key add -\nURL=$(echo https://apt.kubernetes.io/)\necho "deb https://apt.kubernetes.io/ kubernetes-xenial main"\n',
      errors: [
        { line: 2, column: 15 },
        { line: 3, column: 14 },
        { line: 4, column: 20 },
        { line: 5, column: 19 },
      ],
    },
    {
      name: 'yum .repo file with the legacy Google baseurl, copied to /etc/yum.repos.d by a script',
      files: {
        'config/kubernetes.repo':
          '[kubernetes]\nname=kubernetes\nbaseurl=https://packages.cloud.google.com/yum/repos/kubernetes-el7-$basearch\nenabled=1\ngpgcheck=0\n',
        'scripts/files.sh': '#!/bin/bash\ncp /vagrant/config/kubernetes.repo /etc/yum.repos.d/\n',
      },
      errors: [{ line: 3, column: 17, message: /legacy/ }],
    },
    {
      name: 'the dead Google key in a task named with the k8s abbreviation',
      path: tasks,
      code: '- name: Add the signing key for k8s\n  apt_key:\n    url: https://packages.cloud.google.com/apt/doc/apt-key.gpg\n',
      errors: [{ line: 3, column: 18, message: /signing key of the legacy Kubernetes package repository/ }],
    },
    {
      name: 'apt_repository with apt.kubernetes.io',
      path: tasks,
      code: '- name: Add the Kubernetes apt repository\n  apt_repository:\n    repo: deb https://apt.kubernetes.io/ kubernetes-xenial main\n',
      errors: [{ line: 3, column: 23, message: /frozen since 2023-09-13 and removed on 2024-03-04/ }],
    },
    {
      name: 'echo into sources.list.d in a script',
      path: 'scripts/install-k8s.sh',
      code: '#!/bin/bash\necho "deb https://apt.kubernetes.io/ kubernetes-xenial main" | sudo tee /etc/apt/sources.list.d/kubernetes.list\n',
      errors: [{ line: 2, column: 19 }],
    },
    {
      name: 'Google key URL in a Kubernetes task',
      path: tasks,
      code: '- name: Add Kubernetes GPG key\n  get_url:\n    url: https://packages.cloud.google.com/apt/doc/apt-key.gpg\n    dest: /usr/share/keyrings/kubernetes.gpg\n',
      errors: [{ line: 3, column: 18 }],
    },
    {
      name: 'printf with \\n escapes: the URL ends at the backslash',
      path: 'scripts/sources.sh',
      code: '#!/bin/sh\nprintf "deb https://apt.kubernetes.io/\\nSuites: x\\n" > /etc/apt/sources.list.d/k.list\n',
      errors: [{ line: 2, column: 21, endColumn: 39 }],
    },
    {
      name: 'yum repo template',
      path: 'roles/k8s/templates/kubernetes.repo.j2',
      code: '[kubernetes]\nname=Kubernetes\nbaseurl=https://packages.cloud.google.com/yum/repos/kubernetes-el7-$basearch\n',
      errors: [{ line: 3, column: 17 }],
    },
  ],
});
