import { contains, type Ipv4Prefix, parsePrefix, vagrantAddress } from '../cni';
import { HOLE } from '../ruby-eval';
import { defineRule, type RuleReport } from '../types';
import { providersAll } from '../vagrant';

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
      'affected. The address may come through constants, variables, `+` and `#{}` interpolation, ENV defaults, a ' +
      'vagrant-env .env file, a settings YAML/JSON the Vagrantfile loads, or a machine list (`opts[:ip]`). Passes: ' +
      'addresses inside the range, type: "dhcp", internal networks (virtualbox__intnet), addresses that cannot be ' +
      'known, Vagrantfiles that only configure another provider (also one named in the settings file, ' +
      '`vm.provider settings["provider"]`), and projects that mention /etc/vbox/networks.conf ' +
      '(the Vagrantfile or its settings file: the author has taken care of the range).',
  },
  check(file) {
    const vagrant = file.vagrant;
    if (vagrant === undefined) return [];
    const otherProvider = OTHER_PROVIDER.test(file.text) || providersAll(vagrant, (p) => p !== 'virtualbox');
    if (otherProvider && !/\bvirtualbox\b/.test(file.text)) return [];
    if (vagrant.hostOnlyRangeDocumented === true) return [];
    const reports: RuleReport[] = [];
    for (const network of vagrant.networks) {
      if (network.type !== 'private_network') continue;
      if (network.options.get('type')?.value === 'dhcp' || network.options.has('virtualbox__intnet')) continue;
      if (network.ipStart === undefined || network.ipEnd === undefined) continue;
      let value: string | undefined;
      let address: Ipv4Prefix | undefined;
      for (const candidate of network.addresses ?? []) {
        const a = vagrantAddress(candidate.replaceAll(HOLE, '#{}'));
        if (a === undefined || contains(ALLOWED, a)) continue;
        value = candidate.includes(HOLE) ? a.text : candidate;
        address = a;
        break;
      }
      if (value === undefined || address === undefined) continue;
      reports.push({
        start: network.ipStart,
        end: network.ipEnd,
        message: `private_network ${value} is outside 192.168.56.0/21, the only host-only range VirtualBox 6.1.28+ allows on Linux/macOS hosts: vagrant up stops with "not within the allowed ranges". Use 192.168.56.x-192.168.63.x, or allow the range in /etc/vbox/networks.conf (e.g. "* ${address.text.replace(/\/\d+$/, '').replace(/\.\d+$/, '.0')}/24")`,
      });
    }
    return reports;
  },
});
