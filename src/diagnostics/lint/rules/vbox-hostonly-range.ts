import { contains, type Ipv4Prefix, parsePrefix, vagrantAddress } from '../cni';
import { defineRule, type RuleReport } from '../types';

/** VirtualBox >= 6.1.28 on Linux, macOS and Solaris hosts: host-only addresses allowed without /etc/vbox/networks.conf. */
const ALLOWED = parsePrefix('192.168.56.0/21') as Ipv4Prefix;
const OTHER_PROVIDER = /\b(?:libvirt|vmware_desktop|vmware_fusion|vmware_workstation|hyperv|parallels|docker|qemu)\b/;

export default defineRule({
  meta: {
    id: 'vbox-hostonly-range',
    title: 'private_network address outside VirtualBox host-only range',
    severity: 'warning',
    runbook: 'vbox-hostonly-range',
    kinds: ['vagrantfile'],
    description:
      'A Vagrant private_network with a static ip outside 192.168.56.0/21 (192.168.56.0-192.168.63.255). Since ' +
      'VirtualBox 6.1.28, Linux, macOS and Solaris hosts only allow that range for host-only adapters unless ' +
      '/etc/vbox/networks.conf lists others, and `vagrant up` stops with "The IP address configured for the host-only ' +
      'network is not within the allowed ranges". A warning: Windows hosts and hosts with a networks.conf are not ' +
      'affected. Passes: addresses inside the range, type: "dhcp", internal networks (virtualbox__intnet), and ' +
      'Vagrantfiles that only configure another provider.',
  },
  check(file) {
    const vagrant = file.vagrant;
    if (vagrant === undefined) return [];
    if (OTHER_PROVIDER.test(file.text) && !/\bvirtualbox\b/.test(file.text)) return [];
    const reports: RuleReport[] = [];
    for (const network of vagrant.networks) {
      if (network.type !== 'private_network') continue;
      if (network.options.get('type')?.value === 'dhcp' || network.options.has('virtualbox__intnet')) continue;
      const ip = network.options.get('ip');
      if (ip === undefined) continue;
      const address = vagrantAddress(ip.value);
      if (address === undefined || contains(ALLOWED, address)) continue;
      reports.push({
        start: ip.start,
        end: ip.end,
        message: `private_network ${ip.value} is outside 192.168.56.0/21, the only host-only range VirtualBox 6.1.28+ allows on Linux/macOS hosts: vagrant up stops with "not within the allowed ranges". Use 192.168.56.x-192.168.63.x, or allow the range in /etc/vbox/networks.conf (e.g. "* ${address.text.replace(/\/\d+$/, '').replace(/\.\d+$/, '.0')}/24")`,
      });
    }
    return reports;
  },
});
