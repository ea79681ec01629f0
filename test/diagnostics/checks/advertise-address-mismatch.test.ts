import check from '../../../src/diagnostics/checks/advertise-address-mismatch';
import { runCases, section } from './tester';

const cp = (intendedAddress?: string) => ({
  roles: ['control-plane' as const],
  ...(intendedAddress ? { intendedAddress } : {}),
});
const addrs = (ip: string) =>
  section(
    `### ip\n2: eth1    inet ${ip}/24 brd 198.51.100.255 scope global eth1\\       valid_lft forever preferred_lft forever\n### end\n`,
  );

runCases(check, {
  valid: [
    {
      name: 'advertises the inventory address',
      sections: { 'apiserver-manifest': 'advertise-address-mismatch/intended-advertised' },
      context: cp('198.51.100.10'),
      message: /advertises 198\.51\.100\.10, the intended address/,
    },
    {
      name: 'no intended address given',
      sections: {
        'apiserver-manifest': 'advertise-address-mismatch/intended-advertised',
        'ip-addr': addrs('198.51.100.10'),
      },
      context: cp(),
      message: /no intended address to compare/,
    },
  ],
  invalid: [
    {
      name: 'the field log: ansible_default_ipv4 gave the NAT address',
      sections: { 'apiserver-manifest': 'advertise-address-mismatch/nat-advertised' },
      context: cp('vagrant@198.51.100.10:22'),
      expect: {
        status: 'fail',
        message:
          /advertises 10\.0\.2\.15, the Vagrant NAT address every VM has; the inventory intends 198\.51\.100\.10/,
        evidence: [/kube-apiserver\.yaml:15: - --advertise-address=10\.0\.2\.15/],
        fix: /ansible_host/,
      },
    },
    {
      name: 'another address than intended',
      sections: { 'apiserver-manifest': 'advertise-address-mismatch/intended-advertised' },
      context: cp('198.51.100.20'),
      expect: { status: 'fail', message: /advertises 198\.51\.100\.10 but the inventory intends 198\.51\.100\.20/ },
    },
    {
      name: 'advertised address not on this node',
      sections: {
        'apiserver-manifest': 'advertise-address-mismatch/intended-advertised',
        'ip-addr': 'duplicate-default-route/two-routes',
      },
      context: cp('198.51.100.10'),
      expect: { status: 'fail', message: /198\.51\.100\.10 is not on any interface of this node/ },
    },
    {
      name: 'kubeadm init has not run',
      sections: { 'apiserver-manifest': 'advertise-address-mismatch/no-manifest' },
      context: cp('198.51.100.10'),
      expect: { status: 'skip', message: /kubeadm init has not run/ },
    },
  ],
});
