import rule from '../../../../src/diagnostics/lint/rules/yaml-version-float';
import { ruleTester } from '../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'Galaxy meta min_ansible_version: 2.9 prints back unchanged (a requirement, not a package version)',
      path: 'roles/base/meta/main.yml',
      code: 'galaxy_info:\n  author: me\n  min_ansible_version: 2.9\n',
    },
    { name: 'quoted versions', path: 'group_vars/all.yml', code: '---\nk8s_version: "1.30"\nkube_minor: \'1.20\'\n' },
    {
      name: 'three-part versions stay strings in YAML 1.1',
      path: 'group_vars/all.yml',
      code: 'k8s_version: 1.33.0\ncontainerd_version: 1.7.20\n',
    },
    {
      name: 'v-prefixed and integer values',
      path: 'group_vars/all.yml',
      code: 'k8s_version: v1.30\ncalico_major: 3\n',
    },
    {
      name: 'numbers that are meant as numbers',
      path: 'roles/app/defaults/main.yml',
      code: 'cpu_ratio: 0.50\ntimeout_seconds: 1.5\nswappiness: 10\n',
    },
    {
      name: 'IP addresses and CIDRs',
      path: 'group_vars/all.yml',
      code: 'master_ip: 192.168.56.10\npod_cidr: 10.244.0.0/16\n',
    },
    {
      name: 'versions inside block scalars and comments',
      path: 'roles/k8s/tasks/main.yml',
      code: '- name: Pin kubeadm # 1.30\n  shell: |\n    version=1.20\n    echo $version\n',
    },
    { name: 'quoted INI group var', path: 'inventory/hosts.ini', code: '[k8s:vars]\nk8s_version="1.30"\n' },
  ],
  invalid: [
    {
      name: 'k8s_version: 1.30 in group_vars (field log problem 2)',
      path: 'group_vars/all.yml',
      code: '---\n# versions\nk8s_version: 1.30\n',
      errors: [
        {
          line: 3,
          column: 14,
          endColumn: 18,
          message: /read by Ansible \(YAML 1\.1\) as the float 1\.3; quote it: "1\.30"/,
        },
      ],
    },
    {
      name: 'python_version 3.10 in a play vars block',
      path: 'site.yml',
      code: '- hosts: all\n  vars:\n    python_version: 3.10\n  tasks: []\n',
      errors: [{ line: 3, column: 21, message: /float 3\.1/ }],
    },
    {
      name: 'a version module argument',
      path: 'roles/tools/tasks/main.yml',
      code: '- name: Install helm plugin\n  ansible.builtin.pip:\n    name: yq\n    version: 2.10\n',
      errors: [{ line: 4, column: 14 }],
    },
    {
      name: 'version list: 1.30 changes (error), 1.29 is a float with the same text (warning)',
      path: 'group_vars/all.yml',
      code: 'supported_versions:\n  - 1.29\n  - 1.30\n',
      errors: [
        { line: 2, column: 5, severity: 'warning', message: /is a float, not the string "1\.29"/ },
        { line: 3, column: 5, severity: 'error' },
      ],
    },
    {
      name: 'tag 3.0 keeps its text but is a float (warning)',
      path: 'roles/app/defaults/main.yml',
      code: 'image_tag: 3.0\n',
      errors: [{ line: 1, column: 12, severity: 'warning' }],
    },
    {
      name: 'a trailing-zero value under a key that does not say version (warning)',
      path: 'roles/app/defaults/main.yml',
      code: 'chart: 1.10\n',
      errors: [{ line: 1, column: 8, severity: 'warning', message: /float 1\.1/ }],
    },
    {
      name: 'INI host line: quotes do not help (ansible-core 2.14 reads it as a Python literal)',
      path: 'inventory/hosts.ini',
      code: '[masters]\nk8s-master ansible_host=192.168.56.10 k8s_version="1.30"\n',
      errors: [
        {
          line: 2,
          column: 51,
          message: /becomes the float 1\.3 \(host-line INI values are Python literals, quotes or not\)/,
        },
      ],
    },
    {
      name: 'INI [group:vars] unquoted',
      path: 'inventory/hosts.ini',
      code: '[k8s:vars]\nk8s_version=1.30\n',
      errors: [{ line: 2, column: 13, message: /quote it: k8s_version="1\.30"/ }],
    },
  ],
});
