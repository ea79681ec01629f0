import check from '../../../src/diagnostics/checks/cni-tunnel-on-nat';
import { runCases, section } from './tester';

const real = (name: string) => ({
  'vxlan-links': `cni-tunnel-on-nat/${name}`,
  'ip-route-default': `cni-tunnel-on-nat/${name}`,
  'ip-addr': `cni-tunnel-on-nat/${name}`,
});

runCases(check, {
  valid: [
    {
      name: 'flannel.1 on the private NIC (--iface=eth1), real VXLAN device',
      sections: real('flannel-on-private'),
      context: { intendedAddress: '198.51.100.11' },
      message: /198\.51\.100\.11 \(flannel\.1\)/,
    },
  ],
  invalid: [
    {
      name: 'Flannel without --iface: flannel.1 on the NAT NIC (real), inventory address known',
      sections: real('flannel-on-nat'),
      context: { intendedAddress: '198.51.100.11' },
      expect: {
        status: 'fail',
        message:
          /flannel\.1 sends pod traffic from 203\.0\.113\.15 on eth0, not the node's private address 198\.51\.100\.11/,
        evidence: [/flannel\.1: vxlan local 203\.0\.113\.15 dev eth0/, /default route: default via 203\.0\.113\.2/],
        fix: /--iface/,
      },
    },
    {
      name: 'same, without an inventory address: the default-route NIC while another NIC exists (real)',
      sections: real('flannel-on-nat'),
      expect: { status: 'fail', message: /not the node's private address 198\.51\.100\.11/ },
    },
    {
      name: 'Calico VXLAN on the NAT NIC (real vxlan.calico)',
      sections: real('calico-on-nat'),
      context: { intendedAddress: '198.51.100.11' },
      expect: { status: 'fail', message: /vxlan\.calico/, fix: /IP_AUTODETECTION_METHOD/ },
    },
    {
      name: 'no VXLAN device (real)',
      sections: real('no-tunnel'),
      expect: { status: 'skip', message: /no VXLAN tunnel device/ },
    },
    {
      name: "VirtualBox's 10.0.2.15 on a node without other data (derived: text format of iproute2)",
      sections: {
        'vxlan-links': section(
          '### text\n6: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default\n    link/ether 62:de:75:85:bd:e4 brd ff:ff:ff:ff:ff:ff promiscuity 0\n    vxlan id 1 local 10.0.2.15 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300\n### end\n',
        ),
      },
      expect: { status: 'fail', message: /10\.0\.2\.15 on eth0/ },
    },
    {
      name: 'not JSON',
      sections: { 'vxlan-links': section('### json\n[{"ifname": \n### end\n') },
      expect: { status: 'error', message: /not JSON/ },
    },
  ],
});
