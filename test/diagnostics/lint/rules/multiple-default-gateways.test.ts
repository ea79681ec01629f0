import rule from '../../../../src/diagnostics/lint/rules/multiple-default-gateways';
import { ruleTester } from '../helpers';

const vagrant = 'Vagrant.configure("2") do |config|\n  config.vm.box = "bento/ubuntu-24.04"\nend\n';

ruleTester(rule, {
  valid: [
    {
      name: 'use_dhcp_assigned_default_route with a static ip (Vagrant ignores the option there)',
      path: 'Vagrantfile',
      code: 'NET = "192.168.1."\nVagrant.configure("2") do |config|\n  config.vm.network "public_network", ip: NET + "20", use_dhcp_assigned_default_route: true\nend\n',
    },
    {
      name: 'one interface with a gateway (no Vagrant)',
      path: 'netplan/01-netcfg.yaml',
      code: 'network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [203.0.113.10/24]\n      routes:\n        - to: default\n          via: 203.0.113.1\n',
    },
    {
      name: 'Vagrant project, private interface without gateway',
      files: {
        Vagrantfile: vagrant,
        'netplan/60-private.yaml':
          'network:\n  version: 2\n  ethernets:\n    eth1:\n      addresses: [192.168.56.10/24]\n',
      },
    },
    {
      name: 'DHCP on eth0 plus a static eth1 without gateway',
      path: 'netplan/50-cloud-init.yaml',
      code: 'network:\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth1:\n      addresses: [192.168.56.10/24]\n',
    },
    {
      name: 'Vagrant project that takes the NAT default route away',
      files: {
        Vagrantfile: vagrant,
        'netplan/60-net.yaml':
          'network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      dhcp4-overrides:\n        use-routes: false\n    eth1:\n      addresses: [192.168.56.10/24]\n      gateway4: 192.168.56.1\n',
      },
    },
    {
      name: 'Vagrant private network without gateway',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.network "private_network", ip: "192.168.56.10"\nend\n',
    },
    {
      name: 'replacing the default route in a Vagrant provisioner',
      files: {
        Vagrantfile: vagrant,
        'scripts/route.sh': '#!/bin/sh\nip route replace default via 192.168.56.1 dev eth1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'DHCP eth0 and gateway4 on eth1 in one file',
      path: 'netplan/01-netcfg.yaml',
      code: 'network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth1:\n      addresses: [192.168.127.10/24]\n      gateway4: 192.168.127.2\n',
      errors: [
        { line: 8, column: 7, message: /a default gateway on eth1 is a second IPv4 default route next to eth0/ },
      ],
    },
    {
      name: 'Vagrant project: netplan template with gateway4 on eth1 (field log problem 7)',
      files: {
        'roles/net/templates/60-private.yaml.j2':
          'network:\n  version: 2\n  ethernets:\n    eth1:\n      addresses:\n        - {{ ansible_host }}/24\n      gateway4: {{ private_gateway }}\n',
        Vagrantfile: vagrant,
      },
      errors: [{ line: 7, column: 7, message: /Vagrant's NAT/ }],
    },
    {
      name: 'default route on the second NIC (routes: to: default)',
      files: {
        'netplan/60-private.yaml':
          'network:\n  ethernets:\n    enp0s8:\n      addresses: [192.168.56.10/24]\n      routes:\n        - to: default\n          via: 192.168.56.1\n',
        Vagrantfile: vagrant,
      },
      errors: [{ line: 6, column: 11 }],
    },
    {
      name: 'netplan in a copy task',
      files: {
        'roles/net/tasks/main.yml':
          '- name: Private network\n  copy:\n    dest: /etc/netplan/60-private.yaml\n    content: |\n      network:\n        version: 2\n        ethernets:\n          eth1:\n            addresses: [192.168.56.10/24]\n            gateway4: 192.168.56.1\n',
        Vagrantfile: vagrant,
      },
      errors: [{ path: 'roles/net/tasks/main.yml', line: 10, column: 13 }],
    },
    {
      name: 'Vagrant private network with a gateway',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.network "private_network", ip: "192.168.56.10", gateway: "192.168.56.1"\nend\n',
      errors: [{ line: 2, column: 71 }],
    },
    {
      name: 'public network using the DHCP default route',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.network "public_network", use_dhcp_assigned_default_route: true\nend\n',
      errors: [{ line: 2, column: 72 }],
    },
    {
      name: 'ip route add default in a Vagrant project script',
      files: {
        'scripts/route.sh': '#!/bin/sh\nsudo ip route add default via 192.168.56.1 dev eth1 metric 50\n',
        Vagrantfile: vagrant,
      },
      errors: [{ path: 'scripts/route.sh', line: 2, column: 6 }],
    },
  ],
});
