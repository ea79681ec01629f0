import rule from '../../../../src/diagnostics/lint/rules/jinja-version-string';
import { ruleTester } from '../helpers';

const kubeadmTemplate = 'roles/cp/templates/kubeadm-config.yaml.j2';

ruleTester(rule, {
  valid: [
    {
      name: 'quoted expression in a YAML template',
      files: {
        [kubeadmTemplate]: 'kind: ClusterConfiguration\nkubernetesVersion: "{{ k8s_version }}"\n',
        'group_vars/all.yml': 'k8s_version: "1.30"\n',
      },
    },
    {
      name: 'variable whose every definition can never be a float',
      files: {
        [kubeadmTemplate]: 'kubernetesVersion: {{ k8s_version }}\n',
        'group_vars/all.yml': 'k8s_version: "1.30.4"\n',
      },
    },
    {
      name: 'to_json renders a quoted string',
      path: kubeadmTemplate,
      code: 'kubernetesVersion: {{ k8s_version | to_json }}\n',
    },
    { name: 'not a YAML template', path: 'roles/app/templates/app.conf.j2', code: 'version = {{ app_version }}\n' },
    { name: 'a variable that is not a version', path: kubeadmTemplate, code: 'podSubnet: {{ pod_cidr }}\n' },
    {
      name: 'embedded in text, the rendered value is a string',
      path: kubeadmTemplate,
      code: 'image: "registry.k8s.io/pause:{{ pause_version }}"\nkubernetesVersion: v{{ k8s_version }}.0\n',
    },
    {
      name: 'whole-expression task value without jinja2_native',
      files: {
        'roles/k8s/tasks/main.yml': '- name: Pin\n  ansible.builtin.set_fact:\n    pinned: "{{ k8s_minor }}"\n',
        'group_vars/all.yml': 'k8s_minor: "1.30"\n',
      },
    },
    {
      name: 'jinja2_native on, with | string',
      files: {
        'ansible.cfg': '[defaults]\njinja2_native = True\n',
        'roles/k8s/tasks/main.yml':
          '- name: Pin\n  ansible.builtin.set_fact:\n    pinned: "{{ k8s_minor | string }}"\n',
        'group_vars/all.yml': 'k8s_minor: "1.30"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'unquoted version in a kubeadm config template, value known to be "1.30"',
      files: {
        [kubeadmTemplate]: 'kind: ClusterConfiguration\nkubernetesVersion: {{ k8s_version }}\n',
        'group_vars/all.yml': 'k8s_version: "1.30"\n',
      },
      errors: [
        {
          line: 2,
          column: 20,
          endColumn: 37,
          message: /1\.30 is read back as the number 1\.3; quote it: kubernetesVersion: "\{\{ k8s_version \}\}"/,
        },
      ],
    },
    {
      name: '| string does not help in rendered YAML (the field log fix)',
      path: kubeadmTemplate,
      code: 'version: {{ k8s_version | string }}\n',
      errors: [{ line: 1, column: 10, message: /\| string does not change the rendered text/ }],
    },
    {
      name: 'unknown variable in a list item',
      path: 'roles/app/templates/values.yaml.j2',
      code: 'images:\n  - tag: {{ image_tag }}\n',
      errors: [{ line: 2, column: 10, message: /a value like 1\.30/ }],
    },
    {
      name: 'jinja2_native = True turns "{{ k8s_minor }}" into a float',
      files: {
        'roles/k8s/tasks/main.yml': '- name: Pin\n  ansible.builtin.set_fact:\n    pinned: "{{ k8s_minor }}"\n',
        'ansible.cfg': '[defaults]\njinja2_native = True\n',
        'group_vars/all.yml': 'k8s_minor: "1.30"\n',
      },
      errors: [{ line: 3, column: 14, message: /with jinja2_native = True/ }],
    },
  ],
});
