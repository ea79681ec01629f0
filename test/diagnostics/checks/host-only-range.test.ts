import { describe, expect, it } from 'vitest';
import check, { privateNetworkIps } from '../../../src/diagnostics/checks/host-only-range';
import { runCases, section } from './tester';

const real = (name: string) => ({
  'host-arch': `host-only-range/${name}`,
  vagrantfile: `host-only-range/${name}`,
  'vbox-networks': `host-only-range/${name}`,
});

runCases(check, {
  valid: [
    {
      name: '192.168.56.10 and 192.168.57.11, dhcp ignored (real probes)',
      sections: real('inside-default'),
      message: /inside 192\.168\.56\.0\/21/,
    },
    { name: 'outside the default, but allowed in /etc/vbox/networks.conf (real)', sections: real('outside-allowed') },
  ],
  invalid: [
    {
      name: '192.168.33.x in a loop and 10.10.0.10 in hash syntax, no networks.conf (real probes)',
      sections: real('outside-default'),
      expect: {
        status: 'fail',
        message:
          /private_network 192\.168\.33\.10, 10\.10\.0\.10 is outside the allowed host-only ranges \(192\.168\.56\.0\/21\)/,
        evidence: [/Vagrantfile:5: .*192\.168\.33\./, /default 192\.168\.56\.0\/21/],
        fix: /networks\.conf/,
      },
    },
    {
      name: 'Windows host (Git Bash uname -s)',
      sections: {
        ...real('outside-default'),
        'host-arch': section('uname-m x86_64\nuname-s MINGW64_NT-10.0-19045\n### end\n'),
      },
      expect: { status: 'skip', message: /Linux, macOS and Solaris only/ },
    },
  ],
});

describe('privateNetworkIps', () => {
  it('reads string and hash syntax, skips comments and dhcp', () => {
    const ips = privateNetworkIps([
      '  node.vm.network "private_network", ip: "192.168.56.#{i + 10}"',
      '  # node.vm.network "private_network", ip: "10.0.0.5"',
      '  m.vm.network :private_network, :ip => "172.16.0.10", virtualbox__intnet: true',
      '  w.vm.network "private_network", type: "dhcp"',
    ]);
    expect(ips.map((ip) => [ip.address, ip.line])).toEqual([
      ['192.168.56.10', 1],
      ['172.16.0.10', 3],
    ]);
  });
});
