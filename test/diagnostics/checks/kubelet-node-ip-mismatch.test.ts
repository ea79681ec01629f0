import check from '../../../src/diagnostics/checks/kubelet-node-ip-mismatch';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: '--node-ip in /etc/default/kubelet is the intended address',
      sections: { 'kubelet-flags': 'kubelet-node-ip-mismatch/node-ip-set' },
      context: { intendedAddress: '198.51.100.11' },
      message: /--node-ip is 198\.51\.100\.11, the intended address \(\/etc\/default\/kubelet\)/,
    },
    {
      name: 'no --node-ip, but the default route already uses the intended address',
      sections: {
        'kubelet-flags': 'kubelet-node-ip-mismatch/no-node-ip',
        'ip-route-default': 'duplicate-default-route/one-route',
        'ip-addr': 'duplicate-default-route/one-route',
      },
      context: { intendedAddress: '198.51.100.15' },
      message: /registers 198\.51\.100\.15 \(the address of fx0\), the intended address/,
    },
  ],
  invalid: [
    {
      name: '--node-ip is the NAT address',
      sections: { 'kubelet-flags': 'kubelet-node-ip-mismatch/node-ip-nat' },
      context: { intendedAddress: '198.51.100.11' },
      expect: {
        status: 'fail',
        message: /--node-ip is 10\.0\.2\.15 \(\/etc\/default\/kubelet\), the Vagrant NAT address/,
        fix: /KUBELET_EXTRA_ARGS=--node-ip/,
      },
    },
    {
      name: 'no --node-ip and the default route is the NAT interface (derived fixture)',
      sections: {
        'kubelet-flags': 'kubelet-node-ip-mismatch/no-node-ip',
        'ip-route-default': 'kubelet-node-ip-mismatch/derived-nat-route',
        'ip-addr': 'kubelet-node-ip-mismatch/derived-nat-route',
      },
      context: { intendedAddress: '198.51.100.11' },
      expect: {
        status: 'fail',
        message: /no --node-ip, so it registers 10\.0\.2\.15 \(the address of eth0\), the Vagrant NAT address/,
      },
    },
    {
      name: 'the running kubelet has another --node-ip than the file (it wins)',
      sections: { 'kubelet-flags': 'kubelet-node-ip-mismatch/running-kubelet' },
      context: { intendedAddress: '198.51.100.11' },
      expect: {
        status: 'fail',
        message: /--node-ip is 198\.51\.100\.12 \(kubelet pid \d+\) but the inventory intends 198\.51\.100\.11/,
      },
    },
    {
      name: 'kubelet not configured',
      sections: { 'kubelet-flags': 'kubelet-node-ip-mismatch/not-configured' },
      expect: { status: 'skip', message: /not configured/ },
    },
  ],
});
