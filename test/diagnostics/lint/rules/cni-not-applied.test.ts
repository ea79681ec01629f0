import rule from '../../../../src/diagnostics/lint/rules/cni-not-applied';
import { ruleTester } from '../helpers';

const init = '#!/bin/bash\nset -euo pipefail\nsudo kubeadm init --pod-network-cidr=10.244.0.0/16\n';

ruleTester(rule, {
  valid: [
    {
      name: 'a cni role templates the manifests of {{ network }} into a directory and applies the directory',
      files: {
        'roles/kubernetes/master/tasks/init.yml':
          '- name: Init Kubernetes cluster\n  shell: kubeadm init --pod-network-cidr {{ pod_network_cidr }}\n',
        'roles/cni/tasks/main.yml':
          '- name: Copy YAML files\n  template:\n    src: "{{ item }}"\n    dest: "{{ network_dir }}/"\n  with_fileglob:\n    - ../templates/{{ network }}*.j2\n- name: Create the network daemonset\n  command: kubectl apply --kubeconfig={{ kubeadmin_config }} -f {{ network_dir }}/\n',
      },
    },
    {
      name: 'flannel applied in the same script',
      path: 'scripts/master.sh',
      code: `${init}kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml\n`,
    },
    {
      name: 'calico applied by another file of the project',
      files: {
        'scripts/master.sh': init,
        'scripts/cni.sh':
          '#!/bin/sh\nkubectl create -f \\\n  https://raw.githubusercontent.com/projectcalico/calico/v3.29.1/manifests/tigera-operator.yaml\n',
      },
    },
    {
      name: 'cilium CLI',
      files: { 'scripts/master.sh': init, 'scripts/cilium.sh': '#!/bin/sh\ncilium install --version 1.16.5\n' },
    },
    {
      name: 'helm chart from an Ansible task',
      files: {
        'roles/master/tasks/main.yml': '- name: init\n  ansible.builtin.command: kubeadm init\n',
        'roles/cni/tasks/main.yml':
          '- name: Cilium\n  kubernetes.core.helm:\n    name: cilium\n    chart_ref: cilium/cilium\n    release_namespace: kube-system\n',
      },
    },
    {
      name: 'a manifest named in a variable',
      path: 'roles/master/tasks/main.yml',
      code: '- name: init\n  ansible.builtin.command: kubeadm init\n- name: pod network\n  ansible.builtin.command: kubectl apply -f {{ pod_network_manifest }}\n',
    },
    {
      name: 'patched manifest piped to kubectl apply -f - (as in c9s/vagrant-kubeadm)',
      files: {
        'scripts/master.sh': init,
        'scripts/install-flannel.sh':
          '#!/bin/sh\nperl -ne \'print; print "$1- --iface=enp0s8\\n" if /(\\s*)- --kube-subnet-mgr/;\' kube-flannel.yml | kubectl apply -f -\n',
      },
    },
    {
      name: 'helm template piped to kubectl apply',
      path: 'scripts/master.sh',
      code: `${init}helm template cilium cilium/cilium --namespace kube-system | kubectl apply -f -\n`,
    },
    {
      name: 'kubeadm join only',
      path: 'scripts/worker.sh',
      code: '#!/bin/sh\nkubeadm join 192.168.56.10:6443 --token x --discovery-token-ca-cert-hash sha256:y\n',
    },
  ],
  invalid: [
    {
      name: 'a role not named for the network applying a directory does not count as a CNI',
      files: {
        'roles/master/tasks/main.yml':
          '- name: Init\n  shell: kubeadm init\n- name: Addons\n  command: kubectl apply -f /etc/kubernetes/addons/\n',
      },
      errors: [{ line: 2, column: 10 }],
    },
    {
      name: 'kubeadm init and nothing else',
      path: 'scripts/master.sh',
      code: init,
      errors: [{ line: 3, column: 6, message: /cni plugin not initialized/ }],
    },
    {
      name: 'Ansible task and a Vagrantfile, no CNI',
      files: {
        'roles/master/tasks/main.yml':
          '- name: init\n  ansible.builtin.shell: kubeadm init --apiserver-advertise-address={{ node_ip }}\n  args:\n    creates: /etc/kubernetes/admin.conf\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.network "private_network", ip: "192.168.56.10"\nend\n',
      },
      errors: [{ line: 2, column: 26 }],
    },
    {
      name: 'Vagrant inline provisioner',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: "kubeadm init --pod-network-cidr=10.244.0.0/16"\nend\n',
      errors: [{ line: 2, column: 41 }],
    },
  ],
});
