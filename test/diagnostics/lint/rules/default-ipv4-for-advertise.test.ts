import rule from '../../../../src/diagnostics/lint/rules/default-ipv4-for-advertise';
import { ruleTester } from '../helpers';

ruleTester(rule, {
  valid: [
    {
      name: 'inventory address',
      path: 'roles/cp/tasks/main.yml',
      code: "- name: Init\n  command: kubeadm init --apiserver-advertise-address={{ hostvars[inventory_hostname]['ansible_host'] }}\n",
    },
    {
      name: 'default_ipv4 for something that is not a cluster address',
      path: 'roles/common/tasks/main.yml',
      code: '- name: Report the uplink\n  debug:\n    msg: "uplink is {{ ansible_default_ipv4.interface }}"\n',
    },
    {
      name: 'private interface fact',
      path: 'group_vars/all.yml',
      code: 'node_ip: "{{ ansible_eth1.ipv4.address }}"\n',
    },
  ],
  invalid: [
    {
      name: 'kubeadm init advertise address (field log problem 8)',
      path: 'roles/cp/tasks/main.yml',
      code: '- name: Init\n  command: kubeadm init --apiserver-advertise-address={{ ansible_default_ipv4.address }} --pod-network-cidr=10.244.0.0/16\n',
      errors: [{ line: 2, column: 58, endColumn: 78, message: /Vagrant's NAT 10\.0\.2\.15/ }],
    },
    {
      name: 'a vars entry named master_ip',
      path: 'group_vars/all.yml',
      code: '---\nmaster_ip: "{{ ansible_default_ipv4.address }}"\n',
      errors: [{ line: 2, column: 16 }],
    },
    {
      name: 'kubeadm config template',
      path: 'roles/cp/templates/kubeadm-config.yaml.j2',
      code: 'localAPIEndpoint:\n  advertiseAddress: {{ ansible_default_ipv4.address }}\n',
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: "kubelet node-ip through ansible_facts['default_ipv4']",
      path: 'roles/node/tasks/main.yml',
      code: "- name: kubelet node IP\n  lineinfile:\n    path: /etc/default/kubelet\n    line: \"KUBELET_EXTRA_ARGS=--node-ip={{ ansible_facts['default_ipv4']['address'] }}\"\n",
      errors: [{ line: 4, column: 44 }],
    },
  ],
});
