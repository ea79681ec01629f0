import rule from '../../../../src/diagnostics/lint/rules/vbox-hostonly-range';
import { ruleTester } from '../helpers';

const vf = (network: string): string =>
  `Vagrant.configure("2") do |config|\n  config.vm.box = "bento/ubuntu-24.04"\n  ${network}\nend\n`;

ruleTester(rule, {
  valid: [
    {
      name: '192.168.56.10',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "192.168.56.10"'),
    },
    {
      name: 'top of the range, 192.168.63.254',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "192.168.63.254"'),
    },
    {
      name: 'interpolated inside the range',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "192.168.60.#{i + 10}"'),
    },
    { name: 'DHCP', path: 'Vagrantfile', code: vf('config.vm.network "private_network", type: "dhcp"') },
    {
      name: 'internal network',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "10.0.0.10", virtualbox__intnet: true'),
    },
    {
      name: 'libvirt-only project',
      path: 'Vagrantfile',
      code: vf('config.vm.provider :libvirt do |lv|\n  end\n  config.vm.network "private_network", ip: "10.0.0.10"'),
    },
    { name: 'public network', path: 'Vagrantfile', code: vf('config.vm.network "public_network", ip: "10.0.0.10"') },
  ],
  invalid: [
    {
      name: '10.0.0.10 (techiescamp default before the fix)',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "10.0.0.10"'),
      errors: [{ line: 3, column: 45, message: /\/etc\/vbox\/networks\.conf \(e\.g\. "\* 10\.0\.0\.0\/24"\)/ }],
    },
    {
      name: '192.168.50.x, next to the allowed /21',
      path: 'Vagrantfile',
      code: vf('config.vm.network "private_network", ip: "192.168.50.#{i + 10}"'),
      errors: [{ line: 3, column: 45, message: /192\.168\.50\.0\/24/ }],
    },
    {
      name: '192.168.64.1, just past the range',
      path: 'Vagrantfile',
      code: vf('config.vm.network :private_network, ip: "192.168.64.1"'),
      errors: [{ line: 3, column: 44 }],
    },
  ],
});
