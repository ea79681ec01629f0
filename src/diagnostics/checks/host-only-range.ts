/**
 * A Vagrant private_network address outside the ranges VirtualBox allows for host-only networks.
 * Since VirtualBox 6.1.28, on Linux, macOS and Solaris hosts only 192.168.56.0/21 is allowed unless
 * /etc/vbox/networks.conf lists other ranges; `vagrant up` stops with "The IP address configured
 * for the host-only network is not within the allowed ranges". Runs on the Vagrant host, like
 * host-box-arch.
 */

import { hostArchProbe, parseHostArch } from '../probes/host-arch';
import { vagrantfileProbe } from '../probes/vagrant';
import { parseVboxNetworks, vboxNetworksProbe } from '../probes/vbox-networks';
import { type Cidr, contains, parseCidr } from './support/cidr';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';
import { openBlocks } from './support/open-blocks';

const meta: CheckSpecMeta = {
  id: 'host-only-range',
  title: "Private network addresses are in VirtualBox's allowed host-only ranges",
  titleKo: '사설 네트워크 주소가 VirtualBox가 허용하는 host-only 범위 안에 있다',
  runbook: 'vbox-hostonly-range',
  severity: 'error',
  roles: [],
};

const NETWORKS = vboxNetworksProbe.name;
const DEFAULT_RANGE = '192.168.56.0/21';

interface PrivateIp {
  address: string;
  line: number;
  text: string;
}

/** private_network addresses of a Vagrantfile: literal, or with a #{...} interpolation in the last octet. */
export function privateNetworkIps(lines: readonly string[]): PrivateIp[] {
  const out: PrivateIp[] = [];
  lines.forEach((text, index) => {
    const code = text.replace(/^\s*#.*$/, '');
    if (!/private_network/.test(code) || /type:\s*["']dhcp["']|:type\s*=>\s*["']dhcp["']/.test(code)) return;
    const ip = /(?:\bip:|:ip\s*=>)\s*["']([0-9.]+(?:#\{[^}]*\})?)["']/.exec(code);
    if (!ip?.[1]) return;
    out.push({ address: ip[1].replace(/#\{[^}]*\}/, '10'), line: index + 1, text: text.trim() });
  });
  return out;
}

export default defineCheck({
  meta,
  probes: [hostArchProbe, vagrantfileProbe, vboxNetworksProbe],
  analyze: ({ r, open }) => {
    const hostGate = open(hostArchProbe.name);
    if (!hostGate.ok) return [hostGate.finding];
    const hostOut = parseHostArch(hostGate.value.lines);
    if (!hostOut.ok) return [unexpected(r, hostArchProbe.name, hostOut.what, hostOut.line, hostOut.no)];
    const { kernel } = hostOut.value;
    if (kernel !== 'Linux' && kernel !== 'Darwin' && kernel !== 'SunOS') {
      return [
        r.skip(
          `host kernel ${kernel ?? 'unknown'}: VirtualBox restricts host-only ranges on Linux, macOS and Solaris only`,
        ),
      ];
    }
    const fileGate = open(vagrantfileProbe.name);
    if (!fileGate.ok) return [fileGate.finding];
    const vfOpened = openBlocks(r, vagrantfileProbe.name, fileGate.value.lines);
    if (!vfOpened.ok) return [vfOpened.finding];
    const vf = vfOpened.blocks[0];
    if (vf === undefined)
      return [unexpected(r, vagrantfileProbe.name, 'no file/missing marker', fileGate.value.lines[0] ?? '', 1)];
    if (vf.marker === 'missing') return [r.skip('no Vagrantfile in this directory or its parents: nothing to compare')];
    const ips = privateNetworkIps(vf.quoted.map((line) => line.text));
    if (ips.length === 0) return [r.skip(`${vf.args} sets no static private_network address`)];

    const netGate = open(NETWORKS);
    if (!netGate.ok) return [netGate.finding];
    const conf = parseVboxNetworks(netGate.value.lines);
    if (!conf.ok) return [unexpected(r, NETWORKS, conf.what, conf.line, conf.no)];
    const allowed: Cidr[] = [];
    let source = `VirtualBox's default ${DEFAULT_RANGE} (no /etc/vbox/networks.conf)`;
    if (conf.value.file !== undefined) {
      for (const word of conf.value.ranges) {
        const cidr = parseCidr(word);
        if (cidr) allowed.push(cidr);
      }
      source = `${conf.value.file}: ${allowed.map((c) => c.text).join(' ') || 'no IPv4 range'}`;
    } else {
      const fallback = parseCidr(DEFAULT_RANGE);
      if (fallback) allowed.push(fallback);
    }
    const outside = ips.filter((ip) => !allowed.some((cidr) => contains(cidr, ip.address)));
    const evidence = ips.map((ip) => `${vf.args}:${ip.line}: ${ip.text}`);
    if (outside.length === 0) {
      return [
        r.pass(`every private_network address is inside ${allowed.map((c) => c.text).join(', ')}`, {
          evidence: [...evidence, source],
        }),
      ];
    }
    return [
      r.fail(
        `private_network ${outside.map((ip) => ip.address).join(', ')} is outside the allowed host-only ranges (${allowed.map((c) => c.text).join(', ') || 'none'}): vagrant up stops with "not within the allowed ranges"`,
        {
          evidence: [...outside.map((ip) => `${vf.args}:${ip.line}: ${ip.text}`), source],
          fix: `use addresses in ${DEFAULT_RANGE} (e.g. 192.168.56.10), or allow the range: echo '* 10.0.0.0/8 192.168.0.0/16' | sudo tee -a /etc/vbox/networks.conf`,
        },
      ),
    ];
  },
});
