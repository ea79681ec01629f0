import rule from '../../../../src/diagnostics/lint/rules/iptables-flush';
import { ruleTester } from '../helpers';

ruleTester(rule, {
  valid: [
    { name: 'listing rules', path: 'scripts/show.sh', code: '#!/bin/sh\niptables -S\niptables -t nat -L -n\n' },
    { name: 'deleting one rule', path: 'scripts/fix.sh', code: '#!/bin/sh\niptables -D INPUT -s 10.0.2.15 -j DROP\n' },
    {
      name: 'DROP policy after an SSH accept rule',
      path: 'scripts/firewall.sh',
      code: '#!/bin/sh\niptables -A INPUT -p tcp --dport 22 -j ACCEPT\niptables -P INPUT DROP\n',
    },
    { name: 'commented out', path: 'scripts/reset.sh', code: '#!/bin/sh\n# iptables -F\necho "not flushing"\n' },
    {
      name: 'FORWARD ACCEPT (kubeadm prerequisite)',
      path: 'scripts/k8s.sh',
      code: '#!/bin/sh\niptables -P FORWARD ACCEPT\n',
    },
    { name: 'the word flush elsewhere', path: 'scripts/x.sh', code: '#!/bin/sh\nip addr flush dev eth1\n' },
    {
      name: 'iptables module: accept SSH before DROP policy',
      path: 'roles/fw/tasks/main.yml',
      code: '- iptables:\n    chain: INPUT\n    protocol: tcp\n    destination_port: "22"\n    jump: ACCEPT\n- iptables:\n    chain: INPUT\n    policy: DROP\n',
    },
  ],
  invalid: [
    {
      name: 'network reset script (field log problem 6)',
      path: 'scripts/reset-network.sh',
      code: '#!/bin/bash\nset -e\niptables -F\niptables --flush\nsudo iptables -X\n',
      // One block, one finding (it names the other commands).
      errors: [{ line: 3, column: 1, endColumn: 12, message: /deletes the filter rules.*also runs -F, -X/ }],
    },
    {
      name: 'nat table flush is a warning',
      path: 'scripts/reset-network.sh',
      code: '#!/bin/sh\niptables -t nat -F\n',
      errors: [{ line: 2, column: 1, severity: 'warning' }],
    },
    {
      name: 'DROP policy with no SSH rule',
      path: 'scripts/harden.sh',
      code: '#!/bin/sh\niptables -P INPUT DROP\n',
      errors: [{ line: 2, column: 1, message: /-P INPUT DROP/ }],
    },
    {
      name: 'nft flush ruleset',
      path: 'scripts/reset.sh',
      code: '#!/bin/sh\nnft flush ruleset\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'shell task block literal',
      path: 'roles/net/tasks/main.yml',
      code: '- name: Reset network\n  shell: |\n    ip addr flush dev eth1\n    iptables -F && iptables -X\n  become: true\n',
      errors: [{ line: 4, column: 5, message: /also runs -X/ }],
    },
    {
      name: 'two blocks separated by a blank line are two findings',
      path: 'scripts/reset.sh',
      code: '#!/bin/sh\niptables -F\niptables -X\n\nip6tables -F\n',
      errors: [
        { line: 2, column: 1 },
        { line: 5, column: 1 },
      ],
    },
    {
      name: 'a flush right after kubeadm reset is info, with the reason',
      path: 'scripts/reset.sh',
      code: '#!/bin/sh\nkubeadm reset -f\nrm -rf /etc/cni/net.d\niptables -F && iptables -t nat -F && iptables -X\n',
      errors: [{ line: 4, column: 1, severity: 'info', message: /kubeadm reset itself tells you/ }],
    },
    {
      name: 'a flush run on another node over ssh',
      path: 'scripts/reset-all.sh',
      code: '#!/bin/sh\nssh master iptables -F\nssh -i key.pem worker1 "sudo iptables -X"\n',
      errors: [
        { line: 2, column: 12, message: /over ssh/ },
        { line: 3, column: 30, message: /over ssh/ },
      ],
    },
    {
      name: 'consecutive iptables module flush tasks are one block',
      path: 'roles/net/tasks/main.yml',
      code:
        '- name: Flush filter\n  ansible.builtin.iptables:\n    chain: INPUT\n    flush: yes\n' +
        '- name: Flush nat\n  ansible.builtin.iptables:\n    table: nat\n    flush: yes\n',
      errors: [{ line: 2, column: 3 }],
    },
    {
      name: 'consecutive shell tasks that flush are one block',
      path: 'roles/net/tasks/main.yml',
      code: '- name: Flush\n  shell: iptables -F\n- name: Flush nat\n  shell: iptables -t nat -F\n',
      errors: [{ line: 2, column: 10, message: /also runs -t nat -F/ }],
    },
    {
      name: 'iptables module flush: true',
      path: 'roles/net/tasks/main.yml',
      code: '- name: Clear rules\n  ansible.builtin.iptables:\n    flush: true\n',
      errors: [{ line: 2, column: 3, message: /flush: true empties the filter table/ }],
    },
  ],
});
