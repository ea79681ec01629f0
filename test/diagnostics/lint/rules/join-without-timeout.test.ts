import rule from '../../../../src/diagnostics/lint/rules/join-without-timeout';
import { ruleTester } from '../helpers';

const tasks = 'roles/worker/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'sourcing a variables file named for the join (join.env) runs no join',
      path: 'scripts/up.sh',
      code: '#!/bin/bash\n. "$OUT/join.env"\necho "$TOKEN"\n',
    },
    {
      name: 'multipass transfer of the saved join script is a copy, not a join',
      path: 'deploy.sh',
      code: '#!/bin/bash\nmultipass transfer cp:/tmp/join-command.sh $join_command\nmultipass transfer $join_command w1:/tmp\n',
    },
    {
      name: 'timeout task keyword',
      path: tasks,
      code: '- name: Join\n  command: kubeadm join 192.168.56.10:6443 --token abc --discovery-token-ca-cert-hash sha256:x\n  timeout: 600\n',
    },
    {
      name: 'async and poll (the field log fix)',
      path: tasks,
      code: '- name: Join\n  shell: kubeadm join {{ master_ip }}:6443 --token {{ token }}\n  async: 300\n  poll: 10\n',
    },
    {
      name: 'timeout inherited from a block',
      path: tasks,
      code: '- block:\n    - name: Join\n      shell: "{{ join_command.stdout }}"\n  timeout: 600\n',
    },
    {
      name: 'script under timeout(1)',
      path: 'scripts/join.sh',
      code: '#!/bin/sh\nsudo timeout 600 kubeadm join 192.168.56.10:6443 --token abc\n',
    },
    {
      name: 'other kubeadm subcommands',
      path: tasks,
      code: '- name: Token\n  command: kubeadm token create --print-join-command\n',
    },
    {
      name: 'kubectl wait with a bound',
      path: 'scripts/wait.sh',
      code: '#!/bin/sh\nkubectl wait --for=condition=Ready nodes --all --timeout=300s\n',
    },
  ],
  invalid: [
    {
      name: 'kubeadm join shell task (field log problem 9)',
      path: tasks,
      code: '- name: Join worker nodes to cluster\n  shell: kubeadm join {{ master_ip }}:6443 --token {{ token }} --discovery-token-ca-cert-hash {{ ca_hash }}\n',
      errors: [{ line: 2, column: 10, message: /no time limit.*timeout: 600, or async: 600 with poll: 10/ }],
    },
    {
      name: 'registered join command',
      path: tasks,
      code: "- name: Join\n  command: \"{{ hostvars[groups['masters'][0]]['join_command'] }}\"\n",
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'script without timeout',
      path: 'scripts/join.sh',
      code: '#!/bin/bash\nset -e\nJOIN=$(cat /vagrant/join.sh)\nsudo kubeadm join 192.168.56.10:6443 --token "$TOKEN" --discovery-token-ca-cert-hash "$HASH"\n',
      errors: [{ line: 4, column: 6, message: /timeout 600 kubeadm join/ }],
    },
    {
      name: 'Vagrant inline provisioner',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: "kubeadm join 192.168.56.10:6443 --token abc"\nend\n',
      errors: [{ line: 2, column: 41 }],
    },
    {
      name: 'kubectl wait with a negative timeout',
      path: 'scripts/wait.sh',
      code: '#!/bin/sh\nkubectl wait --for=condition=Ready nodes --all --timeout=-1s\n',
      errors: [{ line: 2, column: 1, message: /negative timeout/ }],
    },
  ],
});
